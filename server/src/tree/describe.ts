/** Words for where a locked package sits: the subject of every transitive finding's message. */
import type { Dependency } from '../model/model';
import type { LockedPackage, LockGraph } from './model';

/** `name@version`, or the name alone where the lockfile records no version. */
export function packageLabel(pkg: LockedPackage): string {
  return pkg.version ? `${pkg.name}@${pkg.version}` : pkg.name;
}

/** The chain as the CLI's `via` gives it: the direct dependency as written, then each package below. */
export function viaNames(dependency: Dependency, chain: readonly LockedPackage[]): string[] {
  return [dependency.name, ...chain.slice(1).map((p) => p.name)];
}

/** `a → b → c`, with the middle left out of very long chains. */
function chainText(names: readonly string[]): string {
  const shown = names.length > 7 ? [...names.slice(0, 3), '…', ...names.slice(-3)] : names;
  return shown.join(' → ');
}

/**
 * "`esbuild@0.20.2`, as locked in package-lock.json," (the dependency's own package),
 * "`node-gyp-build@4.8.4`, a dependency of `microtime`," (one level below),
 * "`evil@1.0.0`, 2 levels below `parent` (parent → child → evil),".
 */
export function describeBelow(dependency: Dependency, chain: readonly LockedPackage[], graph: LockGraph): string {
  const pkg = chain[chain.length - 1];
  const label = `\`${packageLabel(pkg)}\``;
  const levels = chain.length - 1;
  if (levels <= 0) return `${label}, as locked in ${graph.source},`;
  if (levels === 1) return `${label}, a dependency of \`${dependency.name}\`,`;
  return `${label}, ${levels} levels below \`${dependency.name}\` (${chainText(viaNames(dependency, chain))}),`;
}

/** For a package no direct dependency reaches in a lockfile without edges (uv's pylock.toml). */
export function describeUnattached(pkg: LockedPackage, graph: LockGraph): string {
  return `\`${packageLabel(pkg)}\`, in ${graph.source} (which does not record which dependency brings it in),`;
}
