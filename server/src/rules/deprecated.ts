/**
 * `deprecated`: the authors deprecated the version that resolves (npm `deprecated`, NuGet
 * `deprecation` with its reasons and suggested alternative), or a PyPI project is archived or
 * deprecated as a whole (PEP 792 project status). Deprecated code gets no fixes, and a
 * deprecation is sometimes the only public trace of a compromise.
 */
import { cachedNote, describeResolved, foundDependencies, quoteRegistryText, resolvedDependencies } from './registryFacts';
import type { Deprecation } from '../registries/types';
import type { RawFinding, Rule, RuleContext } from './types';

function check(ctx: RuleContext): RawFinding[] {
  return [...projectStatusFindings(ctx), ...versionFindings(ctx)].sort((a, b) => a.span.start - b.span.start);
}

/** A PyPI project archived or deprecated as a whole (PEP 792): whatever version resolves. */
function projectStatusFindings(ctx: RuleContext): RawFinding[] {
  return foundDependencies(ctx).flatMap(({ dep, facts }) => {
    const status = facts.package.status;
    if (status?.status !== 'archived' && status?.status !== 'deprecated') return [];
    const reason = status.reason ? ` ("${quoteRegistryText(status.reason, 160)}")` : '';
    const meaning = status.status === 'archived' ? 'its maintainers will publish no more releases, security fixes included' : 'its maintainers advise against using it';
    return [{ span: dep.nameSpan, package: dep.name, dependency: dep, message: `${dep.name} is ${status.status} on ${quoteRegistryText(facts.package.source, 100)}${reason}: ${meaning}. Plan a replacement.${cachedNote(facts.cachedAt)}` }];
  });
}

function versionFindings(ctx: RuleContext): RawFinding[] {
  return resolvedDependencies(ctx).flatMap(({ dep, facts, resolved }) => {
    const deprecation = resolved.info.deprecated;
    if (!deprecation) return [];
    const { said, alternative } = deprecationText(deprecation);
    return [
      {
        span: dep.nameSpan,
        package: dep.name,
        dependency: dep,
        message: `${describeResolved(dep, resolved, ctx.locked?.source)} ${said}.${alternative}${cachedNote(facts.cachedAt)}`,
      },
    ];
  });
}

/** "is deprecated (reasons): "message"" and the suggested alternative; shared with the lockfile tree's half. */
export function deprecationText(deprecation: Deprecation): { said: string; alternative: string } {
  const reasons = deprecation.reasons?.length ? ` (${deprecation.reasons.map((r) => quoteRegistryText(r, 40)).join(', ')})` : '';
  const message = deprecation.message ? `: "${quoteRegistryText(deprecation.message)}"` : '';
  const alternative = deprecation.alternative ? ` Its authors suggest ${quoteRegistryText(deprecation.alternative, 100)} instead.` : '';
  return { said: `is deprecated${reasons}${message}`, alternative };
}

export const deprecated: Rule = { id: 'deprecated', check };
