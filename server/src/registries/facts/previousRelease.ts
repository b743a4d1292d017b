/**
 * The release before a given one, and what the registry pass must fetch so the two can be
 * compared (the `suspicious-release` rule, rules/releaseChanges.ts) — within a budget: PyPI and
 * NuGet one extra document per package at most, npm none for the comparison itself and a few
 * package documents for dependencies a patch or minor release adds.
 */
import type { Ecosystem } from '../../model/model';
import { normalizeName } from '../../model/names';
import { specsFor } from '../../specs';
import type { PackageInfo, VersionInfo } from '../types';
import { sortedVersions } from './resolve';

/** New dependencies whose own package documents are looked up, per release: the request budget. */
export const NEW_DEPENDENCY_LOOKUPS = 3;

/**
 * The release before `current` in version order: a stable release for a stable one (pre-releases
 * are other lines of work), never a yanked or unlisted one (no one installs it by accident).
 */
export function previousRelease(pkg: PackageInfo, current: VersionInfo): VersionInfo | undefined {
  // Asked for every dependency on every keystroke: remembered per version entry (entries are never edited).
  if (PREVIOUS.has(current)) return PREVIOUS.get(current);
  const previous = findPrevious(pkg, current);
  PREVIOUS.set(current, previous);
  return previous;
}

const PREVIOUS = new WeakMap<VersionInfo, VersionInfo | undefined>();
const POSITIONS = new WeakMap<PackageInfo, Map<string, number>>();

function findPrevious(pkg: PackageInfo, current: VersionInfo): VersionInfo | undefined {
  const sorted = sortedVersions(pkg);
  let positions = POSITIONS.get(pkg);
  if (!positions) POSITIONS.set(pkg, (positions = new Map(sorted.map((v, i) => [v.version, i]))));
  const at = positions.get(current.version) ?? -1;
  if (at <= 0) return undefined;
  const specs = specsFor(pkg.ecosystem);
  const prerelease = specs.isPrerelease(current.version);
  for (let i = at - 1; i >= 0; i--) {
    const v = sorted[i];
    if (v.yanked || v.unlisted || (!prerelease && specs.isPrerelease(v.version))) continue;
    return v;
  }
  return undefined;
}

/** Dependencies that the new list has and the old one has not, and the reverse (names compared in normal form). */
export function dependencyDiff(ecosystem: Ecosystem, before: readonly string[] | undefined, after: readonly string[] | undefined): { added: string[]; removed: string[] } | undefined {
  if (!before || !after) return undefined;
  const key = (name: string) => (ecosystem === 'npm' ? name : normalizeName(ecosystem, name));
  const old = new Set(before.map(key));
  const now = new Set(after.map(key));
  return { added: after.filter((d) => !old.has(key(d))), removed: before.filter((d) => !now.has(key(d))) };
}

/** A major release (or, below 1.0, a minor one, as npm's caret reads it) may change dependencies freely. */
export function isMajorStep(from: string, to: string): boolean {
  const a = /^v?(\d+)(?:\.(\d+))?/.exec(from.trim());
  const b = /^v?(\d+)(?:\.(\d+))?/.exec(to.trim());
  if (!a || !b) return true; // not numbered: no patch/minor to speak of
  if (a[1] !== b[1]) return true;
  return a[1] === '0' && (a[2] ?? '0') !== (b[2] ?? '0');
}

/** What to fetch to compare `current` with the release before it. */
export interface HistoryLookups {
  previous?: VersionInfo;
  /** PyPI: the previous release's own metadata, for its `requires_dist`. */
  previousDependencies: boolean;
  /** NuGet: the previous release's file list, once the current one is known to ship install-time files. */
  previousFiles: boolean;
  /** npm: names added by a patch or minor release, whose own documents say how old they are. */
  newDependencies: string[];
}

export function historyLookups(pkg: PackageInfo, current: VersionInfo): HistoryLookups {
  const previous = previousRelease(pkg, current);
  const none: HistoryLookups = { previous, previousDependencies: false, previousFiles: false, newDependencies: [] };
  if (!previous) return none;
  if (pkg.ecosystem === 'pypi') return { ...none, previousDependencies: current.dependencies !== undefined && previous.dependencies === undefined };
  if (pkg.ecosystem === 'nuget') return { ...none, previousFiles: true };
  const diff = dependencyDiff(pkg.ecosystem, previous.dependencies, current.dependencies);
  if (!diff || isMajorStep(previous.version, current.version)) return none;
  return { ...none, newDependencies: diff.added.slice(0, NEW_DEPENDENCY_LOOKUPS) };
}
