/**
 * Which override entries (npm `overrides`, yarn `resolutions`, `pnpm.overrides`) force a version
 * on every copy of a package, as opposed to the copies below one parent (`parent>child`,
 * `parent/child`, nested npm overrides): only the former decide what a direct dependency locks.
 */
import type { Dependency, Manifest } from '../core/model';

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
