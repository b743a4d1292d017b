/**
 * The registry half of `install-script` for the locked tree: where the lockfile does not record
 * install scripts (npm v1, yarn, pnpm 9, pip-compile output, NuGet packages.lock.json), the
 * registry's entry for that exact version says what runs — npm lifecycle scripts or binding.gyp, a
 * PyPI release without any wheel, NuGet build/ files. Packages whose lockfile records the answer
 * are left to installScriptLocked.ts, so nothing is reported twice, and a direct dependency's
 * own version to the direct rule.
 */
import { cachedNote } from './registryFacts';
import { alarmOf, installTimeCode } from './installScript';
import { listed } from './lockedRegistryFacts';
import { checkLockedPackages } from './lockedFindings';
import type { RawFinding, Rule, RuleContext } from './types';

function check(ctx: RuleContext): RawFinding[] {
  return checkLockedPackages(ctx, {
    checksDirect: () => false,
    problem: (pkg, graph) => {
      if (pkg.installScript !== undefined) return undefined;
      const facts = listed(ctx, pkg, graph);
      const found = facts && installTimeCode(facts.info, facts.installFiles);
      if (!found) return undefined;
      const why = alarmOf(found.detail);
      return { predicate: `${found.summary}${why ? ` — ${why}` : ''}${cachedNote(facts.cachedAt)}`, detail: found.detail, ...(why ? { severity: 'error' as const } : {}) };
    },
  });
}

export const installScriptLockedRegistry: Rule = { id: 'install-script', check };
