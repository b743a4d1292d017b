/**
 * `check` a slice at a time, for the language server: a 100,000-line manifest takes hundreds of
 * milliseconds to check, and the server must keep answering (hovers, edits) meanwhile. Rules that
 * judge one dependency at a time (`Rule.checkDependencies`) run over DEPENDENCY_SLICE dependencies
 * per task; the others — those that look across dependencies (lockfile mismatch, dependency
 * confusion, typosquat's own scopes, parse errors, manifest-level findings) — run whole, once, as
 * in `check`. The findings are the same, in the same order, as `check`'s.
 */
import type { Finding } from '../model/model';
import { finishCheck, planCheck, runRule, settle, tooLargeAnalysis, type Analysis, type LaterInputs, type ParsedManifest } from './analyze';

/** Dependencies per task: a few milliseconds of the slowest per-dependency rule. */
export const DEPENDENCY_SLICE = 2000;

/**
 * `pause` serves the event loop between slices and answers whether the result is still wanted;
 * when it is not, the check stops and the answer is undefined.
 */
export async function checkInSlices(parsed: ParsedManifest, later: LaterInputs, pause: () => Promise<boolean>, sliceSize = DEPENDENCY_SLICE): Promise<Analysis | undefined> {
  const plan = planCheck(parsed, later);
  if (!plan) return tooLargeAnalysis(parsed);
  const dependencies = parsed.manifest.dependencies;
  const findings: Finding[] = [];
  for (const rule of plan.rules) {
    const { checkDependencies } = rule;
    if (!checkDependencies) {
      // Each whole rule is a task of its own: over 100,000 dependencies even a cheap one takes tens of milliseconds.
      if (!(await pause())) return undefined;
      settle(plan, rule.id, runRule(plan, rule, (r, ctx) => r.check(ctx)), findings);
      continue;
    }
    for (let start = 0; start < dependencies.length; start += sliceSize) {
      if (!(await pause())) return undefined;
      const slice = dependencies.slice(start, start + sliceSize);
      settle(plan, rule.id, runRule(plan, rule, (_r, ctx) => checkDependencies(ctx, slice)), findings);
    }
  }
  if (!(await pause())) return undefined;
  return finishCheck(plan, findings);
}
