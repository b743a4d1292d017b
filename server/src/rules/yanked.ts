/**
 * `yanked`: the version that resolves was yanked from PyPI, or unlisted on NuGet. Both are how
 * authors withdraw a broken or compromised release without deleting it; installers still take it
 * when a spec pins it exactly.
 */
import { cachedNote, describeResolved, quoteRegistryText, resolvedDependencies } from './registryFacts';
import type { VersionInfo } from '../registries/types';
import type { RawFinding, Rule, RuleContext } from './types';

/**
 * What the registry says about a withdrawn version, as the predicate of a sentence without its
 * full stop ("was yanked from PyPI: …"), or undefined when it is listed. Shared with the locked tree.
 */
export function withdrawnText(info: VersionInfo, source: string): string | undefined {
  if (info.yanked) {
    const reason = info.yanked.reason ? `: "${quoteRegistryText(info.yanked.reason)}"` : '';
    return `was yanked from ${source}${reason}. pip installs a yanked release only when pinned to it exactly; choose another version`;
  }
  if (info.unlisted) return `is unlisted on ${source}: its authors withdrew it, usually because it is broken or compromised. Choose another version`;
  return undefined;
}

function check(ctx: RuleContext): RawFinding[] {
  return resolvedDependencies(ctx).flatMap(({ dep, facts, resolved }) => {
    const predicate = withdrawnText(resolved.info, facts.package.source);
    if (!predicate) return [];
    const message = `${describeResolved(dep, resolved, ctx.locked?.source)} ${predicate}.`;
    return [{ span: dep.nameSpan, package: dep.name, dependency: dep, message: message + cachedNote(facts.cachedAt) }];
  });
}

export const yanked: Rule = { id: 'yanked', check };
