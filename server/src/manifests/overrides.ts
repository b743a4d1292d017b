/**
 * Which override entries (npm `overrides`, yarn `resolutions`, `pnpm.overrides`) force a version
 * on every copy of a package, as opposed to the copies below one parent (`parent>child`,
 * `parent/child`, nested npm overrides): only the former decide what a direct dependency locks.
 */
import type { Dependency, Manifest } from '../core/model';
import { normalizeName } from '../core/names';
import type { ProjectContext } from '../core/project';

const OVERRIDE_SECTIONS = new Set(['overrides', 'resolutions']);

export function appliesEverywhere(dep: Dependency): boolean {
  if (!OVERRIDE_SECTIONS.has(dep.section) || !dep.path) return false;
  const key = dep.path[dep.path.length - 1] ?? '';
  const depth = dep.path[0] === 'pnpm' ? 3 : 2;
  if (dep.path.length !== depth || key.includes('>')) return false;
  // yarn: `**/name` applies everywhere, `parent/name` below one parent (a scope's `/` does not count).
  return dep.section !== 'resolutions' || !/[^*]\//.test(key.replace(/^(\*\*\/)?@[^/]+\//, '$1'));
}

/** A package.json's overrides that apply everywhere: package name → spec. */
export function overridesEverywhere(manifest: Manifest): Map<string, string> {
  const out = new Map<string, string>();
  for (const dep of manifest.dependencies) if (appliesEverywhere(dep) && dep.spec !== undefined) out.set(dep.name, dep.spec);
  return out;
}

/**
 * The override specs that apply to every copy of `dep`'s package: this manifest's own entries, then
 * the workspace's (pnpm-workspace.yaml `overrides`, the workspace root package.json's). A nested
 * override (under one parent) is left out: the direct dependency is not below that parent.
 */
export function overridesOf(dep: Dependency, manifest: Manifest, project: ProjectContext | undefined): Dependency[] {
  const name = normalizeName(dep.ecosystem, dep.name);
  const own = manifest.dependencies.filter((d) => d !== dep && appliesEverywhere(d) && normalizeName(d.ecosystem, d.name) === name);
  const fromWorkspace = project?.workspaceOverrides;
  const shared: Dependency[] = [];
  for (const [selector, spec] of fromWorkspace?.values ?? []) {
    // pnpm selectors: `name`, `@scope/name`, `name@<range` (a version condition), `parent>child`.
    const at = selector.indexOf('@', selector.startsWith('@') ? 1 : 0);
    const target = at === -1 ? selector : selector.slice(0, at);
    if (!selector.includes('>') && normalizeName('npm', target) === name) shared.push({ ...dep, spec, section: 'overrides', indirect: { written: spec, from: fromWorkspace?.source } });
  }
  return [...own, ...shared];
}
