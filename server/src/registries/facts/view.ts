/** The synchronous RegistryView over facts already in memory: what rules and hovers read. */
import type { Dependency, Ecosystem } from '../../model/model';
import type { LockedVersions } from '../../model/model';
import type { LruMap } from '../cache/memoryCache';
import type { Advisory, Checked, DependencyFacts, ExtraIndexFacts, FoundFacts, InstallTimeFiles, LockedVersionFacts, PackageInfo, RegistryView } from '../types';
import { findVersion, resolveVersion } from './resolve';

export type StoredPackage =
  | { state: 'found'; info: PackageInfo; cachedAt?: number }
  | { state: 'not-found'; source: string; cachedAt?: number }
  | { state: 'unchecked'; reason: string };

export interface ViewSources {
  now: number;
  locked?: LockedVersions;
  keys(dep: Dependency): { packageKey: string; advisoryKey(version: string, registryName: string): string };
  /** PyPI: the package document key of the dependency on each `--extra-index-url`. */
  extraIndexKeys(dep: Dependency): Array<{ index: string; public: boolean; packageKey: string }>;
  pypiIndexIsPublic: boolean;
  /** The advisory key of an exact version, for locked packages that are no manifest entry. */
  advisoryKeyOf(ecosystem: Ecosystem, name: string, version: string): string;
  /** The package document key of a name, for locked packages that are no manifest entry. */
  packageKeyOf(ecosystem: Ecosystem, name: string): string;
  packages: LruMap<string, StoredPackage>;
  installFiles: LruMap<string, Checked<InstallTimeFiles>>;
  /** PyPI: a release's dependencies from its own metadata document, by `packageKey@version`. */
  releaseDependencies: LruMap<string, Checked<string[]>>;
  advisories: LruMap<string, Checked<Advisory[]>>;
}

const PENDING: DependencyFacts = Object.freeze({ state: 'pending' });

export function buildView(sources: ViewSources): RegistryView {
  // Every rule asks about every dependency: resolve each once per view (one view per analysis,
  // so a plain Map: a WeakMap of 100,000 entries costs the garbage collector far more).
  const memo = new Map<Dependency, DependencyFacts | undefined>();
  return {
    now: sources.now,
    factsFor(dep: Dependency): DependencyFacts | undefined {
      if (memo.has(dep)) return memo.get(dep);
      const facts = factsOf(sources, dep);
      memo.set(dep, facts);
      return facts;
    },
    onExtraIndexes(dep: Dependency): ExtraIndexFacts[] {
      const keys = sources.extraIndexKeys(dep);
      if (keys.length === 0) return [];
      return keys.flatMap(({ index, public: isPublic, packageKey }): ExtraIndexFacts[] => {
        const stored = sources.packages.peek(packageKey);
        if (stored?.state === 'found') return [{ index, public: isPublic, state: 'found', package: stored.info }];
        return stored?.state === 'not-found' ? [{ index, public: isPublic, state: 'not-found' }] : [];
      });
    },
    pypiIndexIsPublic: sources.pypiIndexIsPublic,
    advisoriesFor(ecosystem: Ecosystem, name: string, version: string): Checked<Advisory[]> | undefined {
      return sources.advisories.peek(sources.advisoryKeyOf(ecosystem, name, version));
    },
    lockedVersion(ecosystem: Ecosystem, name: string, version: string): LockedVersionFacts | undefined {
      const stored = sources.packages.peek(sources.packageKeyOf(ecosystem, name));
      if (stored?.state !== 'found') return undefined;
      const info = findVersion(stored.info, version);
      const key = `${sources.packageKeyOf(ecosystem, name)}@${info?.version}`;
      const installFiles = info && sources.installFiles.peek(key);
      const dependencies = info && sources.releaseDependencies.peek(key);
      return { package: stored.info, info, cachedAt: stored.cachedAt, ...(installFiles ? { installFiles } : {}), ...(dependencies ? { dependencies } : {}) };
    },
    packageNamed(ecosystem: Ecosystem, name: string): PackageInfo | undefined {
      const stored = sources.packages.peek(sources.packageKeyOf(ecosystem, name));
      return stored?.state === 'found' ? stored.info : undefined;
    },
  };
}

function factsOf(sources: ViewSources, dep: Dependency): DependencyFacts | undefined {
  if (dep.source !== 'registry' && dep.source !== 'alias') return undefined;
  const keys = sources.keys(dep);
  const stored = sources.packages.peek(keys.packageKey);
  if (!stored) return PENDING;
  if (stored.state !== 'found') return stored;
  const { resolved, unresolved } = resolveVersion(dep, stored.info, sources.locked?.versionOf(dep));
  const facts: FoundFacts = { state: 'found', package: stored.info, resolved, unresolved, cachedAt: stored.cachedAt };
  if (resolved) {
    facts.advisories = withRegistryAdvisories(sources.advisories.peek(keys.advisoryKey(resolved.version, stored.info.name)), resolved.info?.advisories);
    facts.installFiles = sources.installFiles.peek(`${keys.packageKey}@${resolved.version}`);
  }
  return facts;
}

/** OSV's answer plus what the registry itself reports (NuGet, PyPI), one entry per advisory. */
function withRegistryAdvisories(osv: Checked<Advisory[]> | undefined, fromRegistry: Advisory[] | undefined): Checked<Advisory[]> | undefined {
  if (!fromRegistry?.length) return osv;
  if (osv?.state !== 'known') return { state: 'known', value: fromRegistry };
  const merged = [...osv.value];
  for (const a of fromRegistry) {
    const names = new Set([a.id, ...a.aliases]);
    if (!merged.some((m) => names.has(m.id) || m.aliases.some((x) => names.has(x)))) merged.push(a);
  }
  return { ...osv, value: merged };
}
