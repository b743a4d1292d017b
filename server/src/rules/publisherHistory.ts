/**
 * Publisher history (npm), two of the `suspicious-release` signals (releaseChanges.ts): the
 * version was published by an account that published none of the earlier versions, or without
 * the provenance attestation the previous version had — the two traces a stolen token leaves
 * (ua-parser-js, the 2025 chalk/debug takeover). The former `publisher-change` rule; its id is now
 * an alias of `suspicious-release`.
 * A version published through trusted publishing (`_npmUser.trustedPublisher`, a CI identity that
 * is never a maintainer) is not a new account. Missing data — mirrors strip `_npmUser` and
 * attestations — means unknown, so nothing is reported.
 */
import type { PackageInfo, Publisher, VersionInfo } from '../registries/types';
import { quoteRegistryText } from './registryFacts';
import { sortedVersions } from '../registries/facts/resolve';
import { specsFor } from '../specs';

/** Who published what, per package, in version order: built once, read on every keystroke. */
interface PublisherHistory {
  sorted: VersionInfo[];
  position: Map<VersionInfo, number>;
  /** Identity → position of the first version it published. */
  firstSeen: Map<string, number>;
  /** knownBefore[i]: how many versions below position i name their publisher. */
  knownBefore: number[];
  /** previousWithProvenanceKnown[i]: the nearest stable version below i that says whether it had provenance. */
  previousWithProvenanceKnown: Array<VersionInfo | undefined>;
}

const HISTORY = new WeakMap<PackageInfo, PublisherHistory>();

function historyOf(pkg: PackageInfo): PublisherHistory {
  let history = HISTORY.get(pkg);
  if (history) return history;
  const sorted = sortedVersions(pkg);
  history = { sorted, position: new Map(), firstSeen: new Map(), knownBefore: [], previousWithProvenanceKnown: [] };
  let known = 0;
  let provenanceKnown: VersionInfo | undefined;
  const specs = specsFor(pkg.ecosystem);
  sorted.forEach((v, i) => {
    history!.position.set(v, i);
    history!.knownBefore.push(known);
    history!.previousWithProvenanceKnown.push(provenanceKnown);
    if (v.provenance !== undefined && !specs.isPrerelease(v.version)) provenanceKnown = v;
    if (!v.publisher) return;
    known++;
    const id = identity(v.publisher);
    if (!history!.firstSeen.has(id)) history!.firstSeen.set(id, i);
  });
  HISTORY.set(pkg, history);
  return history;
}

function identity(p: Publisher): string {
  return p.trustedPublisher ? `trusted:${p.trustedPublisher}` : p.name.toLowerCase();
}

export function newPublisher(pkg: PackageInfo, current: VersionInfo): string | undefined {
  const publisher = current.publisher;
  if (!publisher || publisher.trustedPublisher) return undefined;
  const history = historyOf(pkg);
  const at = history.position.get(current);
  if (at === undefined) return undefined;
  const before = history.knownBefore[at];
  if (before === 0 || (history.firstSeen.get(identity(publisher)) ?? at) < at) return undefined;
  const names = [...new Set(history.sorted.slice(0, at).flatMap((v) => (v.publisher ? [v.publisher.trustedPublisher ? `trusted publishing (${v.publisher.trustedPublisher})` : v.publisher.name] : [])))]
    .slice(-3)
    .map((n) => quoteRegistryText(n, 60));
  return `was published by "${quoteRegistryText(publisher.name, 60)}", who published none of the ${before} earlier version${before === 1 ? '' : 's'} (${names.join(', ')})`;
}

export function lostProvenance(pkg: PackageInfo, current: VersionInfo): string | undefined {
  if (current.provenance !== false) return undefined;
  const history = historyOf(pkg);
  const at = history.position.get(current);
  const previous = at === undefined ? undefined : history.previousWithProvenanceKnown[at];
  return previous?.provenance === true ? `has no provenance attestation, though ${previous.version} had one` : undefined;
}
