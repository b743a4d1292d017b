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
import { skippedHereNote } from './platformOnly';
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
      const skipped = skippedHereNote(pkg.name, pkg.os, ctx.project?.platform);
      const severity = why ? ('error' as const) : skipped ? ('information' as const) : undefined;
      return { predicate: `${found.summary}${why ? ` — ${why}` : ''}${skipped ?? ''}${cachedNote(facts.cachedAt)}`, detail: found.detail, ...(severity ? { severity } : {}) };
    },
  });
}

export const installScriptLockedRegistry: Rule = { id: 'install-script', check };
