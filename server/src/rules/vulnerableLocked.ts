/**
 * `vulnerable` for the locked tree: OSV advisories for every locked version, in the direct rule's
 * words, on the direct dependency that brings the package in.
 */
import type { LockedPackage, LockGraph } from '../tree/model';
import type { LockedProblem } from './lockedFindings';
import { knownAdvisories, lockedRegistryRule } from './lockedRegistryFacts';
import { cachedNote } from './registryFacts';
import type { RuleContext } from './types';
import { advisorySummary } from './vulnerable';

function vulnerableProblem(ctx: RuleContext, pkg: LockedPackage, graph: LockGraph): LockedProblem | undefined {
  const known = knownAdvisories(ctx, pkg, graph);
  const advisories = known?.value.filter((a) => !a.malicious) ?? [];
  if (!known || advisories.length === 0) return undefined;
  const { severity, listed } = advisorySummary(advisories);
  return { predicate: `${listed}${cachedNote(known.cachedAt)}`, ...(severity ? { severity } : {}) };
}

export const vulnerableLocked = lockedRegistryRule('vulnerable', vulnerableProblem);
