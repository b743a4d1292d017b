/**
 * How a release differs from the one before it, from registry facts already in memory: the
 * evidence of the `suspicious-release` rule and of the "changes since" hover card. The attacks it
 * is about arrive as a new version of a package people already use (event-stream 3.3.6,
 * ua-parser-js 0.7.29, the 2025 "Shai-Hulud" releases), and each leaves one of these traces:
 * - code that now runs at install (npm lifecycle scripts or binding.gyp, a PyPI release without
 *   the wheels earlier ones had, NuGet build/ or tools/*.ps1 files) — strong;
 * - a new dependency in a patch or minor release — strong when that dependency is itself days
 *   old or has a single version (the flatmap-stream shape);
 * - the first release after a year or more of silence;
 * - published differently: a new account, provenance or trusted publishing lost;
 * - a size jump (npm `dist.unpackedSize` / `dist.fileCount`).
 * Every comparison needs both sides known: a missing field is "unknown", never "nothing changed".
 */
import type { Ecosystem } from '../model/model';
import { quoteRegistryText } from './registryFacts';
import { dependencyDiff, isMajorStep, previousRelease } from '../registries/facts/previousRelease';
import { formatDate } from '../registries/time';
import type { Checked, InstallTimeFiles, PackageInfo, RegistryView, VersionInfo } from '../registries/types';
import { lostProvenance, newPublisher } from './publisherHistory';

const DAY_MS = 24 * 60 * 60_000;
/** Silence this long before a release makes it a revival. */
export const DORMANT_DAYS = 365;
/** A new dependency first published this shortly before the release that adds it is "days old". */
const FRESH_DEPENDENCY_DAYS = 30;
/** A size jump: this many times the previous release, and by at least this much. */
const SIZE_FACTOR = 4;
const SIZE_MIN_GROWTH_BYTES = 500_000;
const FILES_MIN_GROWTH = 50;

export type SignalKind = 'install-script' | 'new-dependency' | 'dormancy' | 'publisher' | 'provenance' | 'size';

export interface ReleaseSignal {
  kind: SignalKind;
  /** Strong signals (code at install time, a days-old new dependency) are errors on their own. */
  strong: boolean;
  /** What changed, as a predicate: "adds the dependency …". */
  text: string;
}

export interface ReleaseChanges {
  current: VersionInfo;
  /** The last release before this one (by version order, same stability): what "Pin to" offers. */
  previous: VersionInfo;
  /** Dependencies added and removed since `previous`; undefined when either side is unknown. */
  added?: string[];
  removed?: string[];
  signals: ReleaseSignal[];
}

/** The changes of `current` against its previous release; undefined when it has none (a first release). */
export function releaseChanges(view: RegistryView, pkg: PackageInfo, current: VersionInfo, installFiles?: Checked<InstallTimeFiles>): ReleaseChanges | undefined {
  const previous = previousRelease(pkg, current);
  if (!previous) return undefined;
  const before = view.lockedVersion?.(pkg.ecosystem, pkg.name, previous.version);
  const previousDependencies = previous.dependencies ?? (before?.dependencies?.state === 'known' ? before.dependencies.value : undefined);
  const diff = dependencyDiff(pkg.ecosystem, previousDependencies, current.dependencies);
  const between = `${previous.version}${previous.published !== undefined ? ` (${formatDate(previous.published)})` : ''}`;
  const signals: ReleaseSignal[] = [];
  const push = (signal: ReleaseSignal | undefined) => {
    if (signal) signals.push(signal);
  };
  push(installCodeAdded(current, previous, between, installFiles, before?.installFiles));
  if (diff && diff.added.length > 0 && !isMajorStep(previous.version, current.version)) push(newDependencies(view, pkg.ecosystem, current, diff.added, between));
  push(revival(pkg, current));
  const publisher = pkg.ecosystem === 'npm' ? newPublisher(pkg, current) : undefined;
  if (publisher) push({ kind: 'publisher', strong: false, text: publisher });
  push(publishedDifferently(pkg, current, previous));
  push(sizeJump(current, previous));
  return { current, previous, added: diff?.added, removed: diff?.removed, signals };
}

function installCodeAdded(current: VersionInfo, previous: VersionInfo, between: string, files?: Checked<InstallTimeFiles>, previousFiles?: Checked<InstallTimeFiles>): ReleaseSignal | undefined {
  const scripts = current.installScripts;
  if (scripts?.length && previous.installScripts?.length === 0) {
    const first = scripts[0];
    return { kind: 'install-script', strong: true, text: `adds an install script that ${between} did not have ("${quoteRegistryText(first.name, 40)}": \`${quoteRegistryText(first.command, 100).replace(/`/g, "'")}\`)` };
  }
  const now = current.distributions;
  const then = previous.distributions;
  if (now && then && now.wheels === 0 && now.sdists > 0 && then.wheels > 0) {
    return { kind: 'install-script', strong: true, text: `ships no wheel while ${between} had ${then.wheels}, so pip now builds it from source, running its setup.py or build backend on install` };
  }
  if (files?.state === 'known' && previousFiles?.state === 'known') {
    const had = new Set(previousFiles.value.files.map((f) => f.toLowerCase()));
    const added = files.value.files.filter((f) => !had.has(f.toLowerCase()));
    if (added.length > 0) {
      const names = added.slice(0, 3).map((f) => quoteRegistryText(f, 120));
      return {
        kind: 'install-script',
        strong: had.size === 0,
        text: `adds install-time files that ${between} did not have (${names.join(', ')}${added.length > 3 ? `, +${added.length - 3}` : ''}), run or imported by every build`,
      };
    }
  }
  return undefined;
}

function newDependencies(view: RegistryView, ecosystem: Ecosystem, current: VersionInfo, added: string[], between: string): ReleaseSignal {
  const fresh = added.flatMap((name) => {
    const pkg = view.packageNamed?.(ecosystem, name);
    const why = pkg && freshness(pkg, current.published ?? view.now);
    return why ? [`${quoteRegistryText(name, 80)} (${why})`] : [];
  });
  const names = added.slice(0, 4).map((n) => quoteRegistryText(n, 80));
  const list = `${names.join(', ')}${added.length > 4 ? `, +${added.length - 4}` : ''}`;
  const text = `adds ${added.length === 1 ? 'the dependency' : `${added.length} dependencies`} ${list} in a patch or minor release after ${between}${fresh.length > 0 ? `; ${fresh.join(', ')}` : ''}`;
  return { kind: 'new-dependency', strong: fresh.length > 0, text };
}

/** Why a new dependency is suspicious in itself: first published days before, or a single version. */
function freshness(pkg: PackageInfo, at: number): string | undefined {
  const times = pkg.versions.map((v) => v.published).filter((t): t is number => t !== undefined);
  const first = times.length > 0 ? Math.min(...times) : undefined;
  const days = first === undefined ? undefined : Math.round((at - first) / DAY_MS);
  // A first publish after the release that depends on it means shuffled times (mirrors): unknown.
  const young = days !== undefined && days >= 0 && days <= FRESH_DEPENDENCY_DAYS;
  const single = pkg.versions.length === 1;
  if (!young && !single) return undefined;
  const parts = [young ? `first published ${days! <= 0 ? 'the same day' : `${days} day${days === 1 ? '' : 's'} earlier`}` : undefined, single ? 'a single version' : undefined].filter(Boolean);
  return `itself ${parts.join(', with ')}`;
}

/** The first release after a year or more in which no release at all was published (remembered per version entry). */
function revival(pkg: PackageInfo, current: VersionInfo): ReleaseSignal | undefined {
  if (!REVIVALS.has(current)) REVIVALS.set(current, findRevival(pkg, current));
  return REVIVALS.get(current);
}

const REVIVALS = new WeakMap<VersionInfo, ReleaseSignal | undefined>();

function findRevival(pkg: PackageInfo, current: VersionInfo): ReleaseSignal | undefined {
  const at = current.published;
  if (at === undefined) return undefined;
  let last: VersionInfo | undefined;
  for (const v of pkg.versions) {
    if (v !== current && v.published !== undefined && v.published < at && (!last || v.published > (last.published as number))) last = v;
  }
  if (!last || last.published === undefined) return undefined;
  const days = Math.floor((at - last.published) / DAY_MS);
  if (days < DORMANT_DAYS) return undefined;
  const years = Math.floor(days / 365);
  return { kind: 'dormancy', strong: false, text: `is the first release in ${years > 1 ? `${years} years` : 'over a year'} (the one before, ${last.version}, was published ${formatDate(last.published)})` };
}

function publishedDifferently(pkg: PackageInfo, current: VersionInfo, previous: VersionInfo): ReleaseSignal | undefined {
  const lost = pkg.ecosystem === 'npm' ? lostProvenance(pkg, current) : undefined;
  if (lost) return { kind: 'provenance', strong: false, text: lost };
  const was = previous.publisher?.trustedPublisher;
  if (was && current.publisher && !current.publisher.trustedPublisher) {
    return { kind: 'provenance', strong: false, text: `was published by "${quoteRegistryText(current.publisher.name, 60)}" by hand, while ${previous.version} came through trusted publishing (${quoteRegistryText(was, 40)})` };
  }
  return undefined;
}

function sizeJump(current: VersionInfo, previous: VersionInfo): ReleaseSignal | undefined {
  const grew = (now: number | undefined, then: number | undefined, minGrowth: number) => now !== undefined && then !== undefined && then > 0 && now >= then * SIZE_FACTOR && now - then >= minGrowth;
  if (grew(current.unpackedSize, previous.unpackedSize, SIZE_MIN_GROWTH_BYTES)) {
    return { kind: 'size', strong: false, text: `unpacks to ${formatBytes(current.unpackedSize as number)}, ${Math.round((current.unpackedSize as number) / (previous.unpackedSize as number))} times the ${formatBytes(previous.unpackedSize as number)} of ${previous.version}` };
  }
  if (grew(current.fileCount, previous.fileCount, FILES_MIN_GROWTH)) {
    return { kind: 'size', strong: false, text: `has ${current.fileCount} files, ${Math.round((current.fileCount as number) / (previous.fileCount as number))} times the ${previous.fileCount} of ${previous.version}` };
  }
  return undefined;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1_000) return `${Math.round(bytes / 1_000)} kB`;
  return `${bytes} B`;
}
