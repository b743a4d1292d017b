/**
 * `yanked`: the version that resolves was yanked from PyPI, or unlisted on NuGet. Both are how
 * authors withdraw a broken or compromised release without deleting it; installers still take it
 * when a spec pins it exactly.
 */
import { cachedNote, describeResolved, quoteRegistryText, resolvedDependencies } from '../registries/facts/forRules';
import type { RawFinding, Rule, RuleContext } from './types';

function check(ctx: RuleContext): RawFinding[] {
  return resolvedDependencies(ctx).flatMap(({ dep, facts, resolved }) => {
    const what = describeResolved(dep, resolved, ctx.locked?.source);
    let message: string | undefined;
    if (resolved.info.yanked) {
      const reason = resolved.info.yanked.reason ? `: "${quoteRegistryText(resolved.info.yanked.reason)}"` : '';
      message = `${what} was yanked from ${facts.package.source}${reason}. pip installs a yanked release only when pinned to it exactly; choose another version.`;
    } else if (resolved.info.unlisted) {
      message = `${what} is unlisted on ${facts.package.source}: its authors withdrew it, usually because it is broken or compromised. Choose another version.`;
    }
    return message ? [{ span: dep.nameSpan, package: dep.name, dependency: dep, message: message + cachedNote(facts.cachedAt) }] : [];
  });
}

export const yanked: Rule = { id: 'yanked', check };
