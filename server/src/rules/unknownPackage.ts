/**
 * `unknown-package`: the registry has no package by this name. Either the name was invented (an
 * AI assistant's suggestion, a typo) and anyone can register it with malicious code, or it is a
 * private package that a public one of the same name can shadow (dependency confusion).
 */
import { cachedNote } from './registryFacts';
import type { RawFinding, Rule, RuleContext } from './types';

function check(ctx: RuleContext): RawFinding[] {
  const view = ctx.registry;
  if (!view) return [];
  const out: RawFinding[] = [];
  for (const dep of ctx.manifest.dependencies) {
    const facts = view.factsFor(dep);
    if (facts?.state !== 'not-found') continue;
    // Served by an --extra-index-url instead: dependency-confusion says so, more precisely.
    if (view.onExtraIndexes?.(dep).some((e) => e.state === 'found')) continue;
    const name = dep.aliasOf ?? dep.name;
    out.push({
      span: dep.nameSpan,
      package: dep.name,
      dependency: dep,
      message: `${name} does not exist on ${facts.source}. Anyone can register that name and publish code under it: check the spelling, or if it is a private package, make sure it can only come from your private registry.${cachedNote(facts.cachedAt)}`,
    });
  }
  return out;
}

export const unknownPackage: Rule = { id: 'unknown-package', check };
