/** `publisher-change` for the locked tree (npm): a locked version from a new account, or without the provenance before it. */
import type { LockedPackage, LockGraph } from '../tree/model';
import type { LockedProblem } from './lockedFindings';
import { listed, lockedRegistryRule } from './lockedRegistryFacts';
import { lostProvenance, newPublisher } from './publisherChange';
import { cachedNote } from './registryFacts';
import type { RuleContext } from './types';

function publisherProblem(ctx: RuleContext, pkg: LockedPackage, graph: LockGraph): LockedProblem | undefined {
  if (graph.ecosystem !== 'npm') return undefined;
  const facts = listed(ctx, pkg, graph);
  if (!facts) return undefined;
  const reasons = [newPublisher(facts.package, facts.info), lostProvenance(facts.package, facts.info)].filter((r): r is string => r !== undefined);
  if (reasons.length === 0) return undefined;
  return { predicate: `${reasons.join(', and ')}. A stolen token looks like this: check the release${cachedNote(facts.cachedAt)}` };
}

export const publisherChangeLocked = lockedRegistryRule('publisher-change', publisherProblem);
