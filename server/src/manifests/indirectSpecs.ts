/**
 * Specs written in another file, resolved from what the adapter read around the manifest:
 * pnpm `catalog:` / `catalog:name` (pnpm-workspace.yaml) and MSBuild `$(Property)` versions
 * (the project itself, then Directory.Packages.props / Directory.Build.props up the folder tree).
 * The dependency keeps its spans (findings stay on the text as written) and records in `indirect`
 * what was written and where the spec came from; what cannot be resolved stays as written.
 */
import type { Dependency, Manifest } from '../model/model';
import type { ProjectContext } from '../model/project';
import { npmSourceKind } from './packageJson';

/** Property references nest (`$(Major).$(Minor)`); a cycle stops here rather than loop. */
const MAX_PROPERTY_PASSES = 8;
/** No version is this long: a value that grows past it (`<A>$(B)$(B)</A>`, doubling each pass) is given up on. */
const MAX_VERSION_CHARS = 256;

export function applyProject(manifest: Manifest, project: ProjectContext): void {
  for (const dep of manifest.dependencies) {
    if (dep.ecosystem === 'npm' && dep.indirect && /^catalog:/i.test(dep.indirect.written)) resolveCatalog(dep, project);
    else if (dep.ecosystem === 'nuget' && dep.spec?.includes('$(')) resolveProperties(dep, manifest, project);
  }
}

function resolveCatalog(dep: Dependency, project: ProjectContext): void {
  const written = dep.indirect?.written ?? '';
  const catalog = written.slice('catalog:'.length).trim() || 'default';
  const range = project.catalogs?.values.get(catalog)?.get(dep.name);
  if (range === undefined || !project.catalogs) return;
  dep.spec = range;
  dep.indirect = { written, from: `${project.catalogs.source}${catalog === 'default' ? '' : ` (catalog "${catalog}")`}` };
  const kind = npmSourceKind(range);
  dep.source = kind.source;
  if (kind.aliasOf) dep.aliasOf = kind.aliasOf;
  if (kind.source !== 'registry' && kind.source !== 'alias') dep.location = range;
}

/** `$(Name)` → its value: the project's own properties win over imported props files, as in MSBuild. */
function resolveProperties(dep: Dependency, manifest: Manifest, project: ProjectContext): void {
  const written = dep.spec ?? '';
  const sources = new Set<string>();
  let value = written;
  for (let pass = 0; pass < MAX_PROPERTY_PASSES && value.includes('$(') && value.length <= MAX_VERSION_CHARS; pass++) {
    value = value.replace(/\$\(\s*([A-Za-z_][\w.-]*)\s*\)/g, (whole, name: string) => {
      const key = name.toLowerCase();
      const own = manifest.properties?.get(key);
      if (own !== undefined) {
        sources.add('this file');
        return own;
      }
      const imported = project.msbuildProperties?.get(key);
      if (imported !== undefined) {
        sources.add(imported.source);
        return imported.value;
      }
      return whole;
    });
  }
  if (value.includes('$(') || value.length > MAX_VERSION_CHARS) {
    dep.indirect = { written };
    return;
  }
  dep.spec = value.trim();
  dep.indirect = { written, from: [...sources].join(', ') };
}
