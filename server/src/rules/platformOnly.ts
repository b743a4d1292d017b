/**
 * Packages that install (and run install scripts) on one operating system only: npm skips them
 * elsewhere, so their install-time code does not run on this machine. Known from the lockfile's
 * `os` field (npm v2+ records it) or, where lockfiles do not record it, from this short list.
 */
import { normalizeName } from '../model/names';

/** Optional packages whose only purpose is one OS's API (fsevents: macOS file events). */
const KNOWN_PLATFORM_ONLY: ReadonlyMap<string, readonly string[]> = new Map([['fsevents', ['darwin']]]);

const OS_NAME: Readonly<Record<string, string>> = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' };

/** The npm `os` list in effect for a package: the lockfile's, else the known one. */
export function platformsOf(name: string, os: readonly string[] | undefined): readonly string[] | undefined {
  return os && os.length > 0 ? os : KNOWN_PLATFORM_ONLY.get(normalizeName('npm', name));
}

/** Whether npm's `os` list (`["darwin"]`, `["!win32"]`) admits a platform. */
function admits(os: readonly string[], platform: string): boolean {
  const allowed = os.filter((o) => !o.startsWith('!'));
  if (os.includes(`!${platform}`)) return false;
  return allowed.length === 0 || allowed.includes(platform);
}

/**
 * " — only on macOS (darwin): npm skips it on this Linux machine" when the package is not installed
 * on `platform`; undefined when it is, or when the platform is unknown.
 */
export function skippedHereNote(name: string, os: readonly string[] | undefined, platform: string | undefined): string | undefined {
  const platforms = platformsOf(name, os);
  if (!platform || !platforms || admits(platforms, platform)) return undefined;
  const shown = platforms.map((p) => (p.startsWith('!') ? `not ${OS_NAME[p.slice(1)] ?? p.slice(1)}` : (OS_NAME[p] ?? p))).join(', ');
  return ` — only on ${shown}: it is skipped on this ${OS_NAME[platform] ?? platform} machine, so nothing runs here (it would on ${shown})`;
}
