/**
 * `yanked` for the locked tree: a locked PyPI release that was yanked, a locked NuGet version that
 * is unlisted. The lockfile pins it exactly, which is the one case installers still take it.
 * Same words as the direct rule; a direct dependency's own version is left to that rule.
 */
import { cachedNote } from './registryFacts';
import { listed } from './lockedRegistryFacts';
import { checkLockedPackages } from './lockedFindings';
import type { RawFinding, Rule, RuleContext } from './types';
import { withdrawnText } from './yanked';

function check(ctx: RuleContext): RawFinding[] {
  return checkLockedPackages(ctx, {
    checksDirect: () => false,
    problem: (pkg, graph) => {
      const facts = listed(ctx, pkg, graph);
      const predicate = facts && withdrawnText(facts.info, facts.package.source);
      return predicate ? { predicate: `${predicate}${cachedNote(facts.cachedAt)}` } : undefined;
    },
  });
}

export const yankedLocked: Rule = { id: 'yanked', check };
