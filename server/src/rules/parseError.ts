/** `parse-error`: broken syntax. The rest of the file is still checked, so say where reading failed. */
import type { RawFinding, Rule, RuleContext } from './types';

function check(ctx: RuleContext): RawFinding[] {
  return ctx.manifest.problems.map((p) => ({ span: p.span, message: p.message }));
}

export const parseError: Rule = { id: 'parse-error', check };
