/**
 * The exact versions the pin quick fix offers, taken from an already parsed tree, so a manifest
 * edit does not parse the lockfile a second time. Same answers as the classic readers
 * (manifests/lockfiles/npm.ts, nuget.ts): the direct dependency's locked version, else the
 * top-level install (npm) or the highest locked version of that name (NuGet, PyPI).
 */
import type { Dependency, ManifestKind } from '../model/model';
import { normalizeName } from '../model/names';
import type { LockedVersions } from '../model/model';
import { specsFor } from '../specs';
import type { LockedPackage, LockTree } from './model';

export function lockedVersionsFromTree(tree: LockTree): LockedVersions | undefined {
  const { graph } = tree;
  if (graph.packages.size === 0) return undefined;
  const importer = graph.importers.get(tree.importer);
  let byName: Map<string, LockedPackage[]> | undefined;
  const named = (name: string): LockedPackage[] => {
    if (!byName) {
      byName = new Map();
      for (const pkg of graph.packages.values()) {
        if (pkg.source === 'workspace' || pkg.version === '') continue;
        const key = normalizeName(graph.ecosystem, pkg.name);
        byName.set(key, [...(byName.get(key) ?? []), pkg]);
      }
    }
    return byName.get(name) ?? [];
  };
  const highest = (pkgs: LockedPackage[], dep: Dependency): string | undefined => {
    const versions = pkgs.map((p) => p.version).filter((v) => v !== '');
    if (versions.length <= 1) return versions[0];
    const sorted = specsFor(dep.ecosystem).sortVersions(versions);
    return sorted[sorted.length - 1] ?? versions[0];
  };
  return {
    source: graph.source,
    versionOf(dep) {
      const name = normalizeName(dep.ecosystem, dep.name);
      const ids = importer?.dependencies.get(name) ?? [graph.resolveSpec?.(dep.name, dep.spec ?? '')].filter((id): id is string => id !== undefined);
      const direct = ids.map((id) => graph.packages.get(id)).filter((p): p is LockedPackage => p !== undefined);
      if (direct.length > 0) return highest(direct, dep);
      if (graph.ecosystem === 'npm') {
        const top = graph.packages.get(`node_modules/${dep.name}`);
        return top?.version || undefined;
      }
      return highest(named(name), dep);
    },
  };
}

/**
 * The tree's versions where they stand in for the classic readers: for package.json and MSBuild.
 * Requirements keep the classic reader, whose pins also come from `-c` constraint files.
 */
export function treeVersionsFor(kind: ManifestKind, tree: LockTree | undefined): LockedVersions | undefined {
  return kind !== 'requirements' && tree ? lockedVersionsFromTree(tree) : undefined;
}
