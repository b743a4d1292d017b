/** `new-release` for the locked tree: a locked version published within the minimum release age. */
import { formatAge, formatDate } from '../registries/time';
import type { LockedPackage, LockGraph } from '../tree/model';
import type { LockedProblem } from './lockedFindings';
import { listed, lockedRegistryRule } from './lockedRegistryFacts';
import { cachedNote } from './registryFacts';
import type { RuleContext } from './types';

const DAY_MS = 24 * 60 * 60_000;

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

export const newReleaseLocked = lockedRegistryRule('new-release', newReleaseProblem);
