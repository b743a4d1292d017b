/**
 * `deprecated` for the locked tree, from the package documents the registry pass fetched for every
 * locked package: the direct rule's words, on the direct dependency that brings the package in.
 */
import type { LockedPackage, LockGraph } from '../tree/model';
import { deprecationText } from './deprecated';
import type { LockedProblem } from './lockedFindings';
import { listed, lockedRegistryRule } from './lockedRegistryFacts';
import { cachedNote, quoteRegistryText } from './registryFacts';
import type { RuleContext } from './types';

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

export const deprecatedLocked = lockedRegistryRule('deprecated', deprecatedProblem);
