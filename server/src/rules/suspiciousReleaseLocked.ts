/**
 * `suspicious-release` for the locked tree (event-stream reached most of its victims as a
 * dependency of a dependency): the same comparison for every locked registry package whose
 * package document the registry pass already holds — no request of its own, so the locked tree
 * costs what the other locked-tree rules cost. Reported on the direct dependency, with `via`.
 */
import { cachedNote } from './registryFacts';
import { releaseChanges } from './releaseChanges';
import { predicate, weigh } from './suspiciousRelease';
import { listed } from './lockedRegistryFacts';
import { checkLockedPackages } from './lockedFindings';
import type { RawFinding, Rule, RuleContext } from './types';

function check(ctx: RuleContext): RawFinding[] {
  const view = ctx.registry;
  if (!view) return [];
  return checkLockedPackages(ctx, {
    checksDirect: () => false,
    problem: (pkg, graph) => {
      const facts = listed(ctx, pkg, graph);
      const changes = facts && releaseChanges(view, facts.package, facts.info, facts.installFiles);
      const severity = changes && weigh(changes);
      if (!changes || !severity) return undefined;
      return { predicate: `${predicate(changes)}${cachedNote(facts.cachedAt)}`, severity };
    },
  });
}

export const suspiciousReleaseLocked: Rule = { id: 'suspicious-release', check };
