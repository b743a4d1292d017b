/**
 * Which override entries (npm `overrides`, yarn `resolutions`, `pnpm.overrides`) force a version
 * on every copy of a package, as opposed to the copies below one parent (`parent>child`,
 * `parent/child`, nested npm overrides): only the former decide what a direct dependency locks.
 */
import type { Dependency, Manifest } from './model';
import { normalizeName } from './names';
import type { ProjectContext } from './project';

const OVERRIDE_SECTIONS = new Set(['overrides', 'resolutions']);

/** An override or resolution entry: a spec of its own, which steers other dependencies. */
export function isOverrideEntry(dep: Dependency): boolean {
  return OVERRIDE_SECTIONS.has(dep.section);
}

export function appliesEverywhere(dep: Dependency): boolean {
  if (!isOverrideEntry(dep) || !dep.path) return false;
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

/** Per parsed manifest: its overrides that apply everywhere, by normalized name (built once, not per dependency). */
const indexes = new WeakMap<Manifest, Map<string, Dependency[]>>();

function ownOverrides(manifest: Manifest): Map<string, Dependency[]> {
  let index = indexes.get(manifest);
  if (!index) {
    index = new Map();
    for (const d of manifest.dependencies) {
      if (!appliesEverywhere(d)) continue;
      const key = normalizeName(d.ecosystem, d.name);
      const list = index.get(key);
      if (list) list.push(d);
      else index.set(key, [d]);
    }
    indexes.set(manifest, index);
  }
  return index;
}

/**
 * The override specs that apply to every copy of `dep`'s package: this manifest's own entries, then
 * the workspace's (pnpm-workspace.yaml `overrides`, the workspace root package.json's). A nested
 * override (under one parent) is left out: the direct dependency is not below that parent.
 */
export function overridesOf(dep: Dependency, manifest: Manifest, project: ProjectContext | undefined): Dependency[] {
  const name = normalizeName(dep.ecosystem, dep.name);
  const own = (ownOverrides(manifest).get(name) ?? []).filter((d) => d !== dep);
  const fromWorkspace = project?.workspaceOverrides;
  if (!fromWorkspace) return own;
  const shared = (workspaceIndex(fromWorkspace.values).get(name) ?? []).map((spec): Dependency => ({ ...dep, spec, section: 'overrides', indirect: { written: spec, from: fromWorkspace.source } }));
  return [...own, ...shared];
}

const workspaceIndexes = new WeakMap<Map<string, string>, Map<string, string[]>>();

/** pnpm-workspace.yaml / root overrides by the package they apply to everywhere (selectors `name`, `@scope/name`, `name@<range`; not `parent>child`). */
function workspaceIndex(values: Map<string, string>): Map<string, string[]> {
  let index = workspaceIndexes.get(values);
  if (!index) {
    index = new Map();
    for (const [selector, spec] of values) {
      if (selector.includes('>')) continue;
      const at = selector.indexOf('@', selector.startsWith('@') ? 1 : 0);
      const key = normalizeName('npm', at === -1 ? selector : selector.slice(0, at));
      const list = index.get(key);
      if (list) list.push(spec);
      else index.set(key, [spec]);
    }
    workspaceIndexes.set(values, index);
  }
  return index;
}
