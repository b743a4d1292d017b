/**
 * `deprecated`: the authors deprecated the version that resolves (npm `deprecated`, NuGet
 * `deprecation` with its reasons and suggested alternative). Deprecated code gets no fixes, and a
 * deprecation is sometimes the only public trace of a compromise.
 */
import { cachedNote, describeResolved, quoteRegistryText, resolvedDependencies } from '../registries/facts/forRules';
import type { RawFinding, Rule, RuleContext } from './types';

function check(ctx: RuleContext): RawFinding[] {
  return resolvedDependencies(ctx).flatMap(({ dep, facts, resolved }) => {
    const deprecation = resolved.info.deprecated;
    if (!deprecation) return [];
    const reasons = deprecation.reasons?.length ? ` (${deprecation.reasons.map((r) => quoteRegistryText(r, 40)).join(', ')})` : '';
    const said = deprecation.message ? `: "${quoteRegistryText(deprecation.message)}"` : '';
    const alternative = deprecation.alternative ? ` Its authors suggest ${quoteRegistryText(deprecation.alternative, 100)} instead.` : '';
    return [
      {
        span: dep.nameSpan,
        package: dep.name,
        dependency: dep,
        message: `${describeResolved(dep, resolved, ctx.locked?.source)} is deprecated${reasons}${said}.${alternative}${cachedNote(facts.cachedAt)}`,
      },
    ];
  });
}

export const deprecated: Rule = { id: 'deprecated', check };
