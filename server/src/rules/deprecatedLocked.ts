/**
 * `deprecated`, `new-release` and `publisher-change` for the locked tree, from the package
 * documents the registry pass fetched for every locked package (registries/facts). Same words as
 * the direct rules, reported on the direct dependency that brings the package in. A direct
 * dependency's own locked package is left to the direct rules, which judge that very version.
 */
import { cachedNote, quoteRegistryText } from './registryFacts';
import { formatAge, formatDate } from '../registries/time';
import type { LockedVersionFacts, VersionInfo } from '../registries/types';
import type { LockedPackage, LockGraph } from '../tree/model';
import { deprecationText } from './deprecated';
import { lostProvenance, newPublisher } from './publisherChange';
import { checkLockedPackages, type LockedProblem } from './lockedFindings';
import type { RawFinding, Rule, RuleContext } from './types';

const DAY_MS = 24 * 60 * 60_000;

export type Listed = LockedVersionFacts & { info: VersionInfo };

/** The registry's entry for a locked version, or undefined while unknown (never "clean"). */
export function listed(ctx: RuleContext, pkg: LockedPackage, graph: LockGraph): Listed | undefined {
  if (pkg.source !== 'registry' || !pkg.version) return undefined;
  const facts = ctx.registry?.lockedVersion?.(graph.ecosystem, pkg.name, pkg.version);
  return facts?.info ? (facts as Listed) : undefined;
}

function deprecatedProblem(ctx: RuleContext, pkg: LockedPackage, graph: LockGraph): LockedProblem | undefined {
  const facts = listed(ctx, pkg, graph);
  const deprecation = facts?.info.deprecated;
  if (deprecation) {
    const { said, alternative } = deprecationText(deprecation);
    // The shared walk ends the message with a full stop, so the alternative's own is dropped.
    const sentence = alternative ? `${said}.${alternative.slice(0, -1)}` : said;
    return { predicate: `${sentence}${cachedNote(facts.cachedAt)}` };
  }
  // pnpm records the deprecation in the lockfile itself: good enough while the registry is silent.
  return !facts && pkg.deprecated ? { predicate: `is deprecated: "${quoteRegistryText(pkg.deprecated)}" (as ${graph.source} records)` } : undefined;
}

function newReleaseProblem(ctx: RuleContext, pkg: LockedPackage, graph: LockGraph): LockedProblem | undefined {
  const days = ctx.settings.minimumReleaseAgeDays;
  const now = ctx.registry?.now;
  if (!now || days <= 0) return undefined;
  const facts = listed(ctx, pkg, graph);
  const published = facts?.info.published;
  if (published === undefined || published < now - days * DAY_MS) return undefined;
  return {
    predicate: `was published ${formatAge(now, published)} (${formatDate(published)}), within manifestGuard.minimumReleaseAgeDays (${days}). Hijacked releases are usually found and pulled within days${cachedNote(facts?.cachedAt)}`,
  };
}

function publisherProblem(ctx: RuleContext, pkg: LockedPackage, graph: LockGraph): LockedProblem | undefined {
  if (graph.ecosystem !== 'npm') return undefined;
  const facts = listed(ctx, pkg, graph);
  if (!facts) return undefined;
  const reasons = [newPublisher(facts.package, facts.info), lostProvenance(facts.package, facts.info)].filter((r): r is string => r !== undefined);
  if (reasons.length === 0) return undefined;
  return { predicate: `${reasons.join(', and ')}. A stolen token looks like this: check the release${cachedNote(facts.cachedAt)}` };
}

type Problem = (ctx: RuleContext, pkg: LockedPackage, graph: LockGraph) => LockedProblem | undefined;

function lockedRule(id: Rule['id'], problem: Problem): Rule {
  return { id, check: (ctx): RawFinding[] => checkLockedPackages(ctx, { checksDirect: () => false, problem: (pkg, graph) => problem(ctx, pkg, graph) }) };
}

export const transitiveDeprecated = lockedRule('deprecated', deprecatedProblem);
export const transitiveNewRelease = lockedRule('new-release', newReleaseProblem);
export const transitivePublisherChange = lockedRule('publisher-change', publisherProblem);
