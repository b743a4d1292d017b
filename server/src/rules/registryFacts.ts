/** Small helpers the registry-backed rules share: which dependencies have facts, and wording. */
import type { Dependency } from '../model/model';
import { sanitizeText } from '../model/markdown';
import type { RuleContext } from './types';
import { formatDate } from '../registries/time';
import type { FoundFacts, Resolved, VersionInfo } from '../registries/types';

export interface DependencyWithFacts {
  dep: Dependency;
  facts: FoundFacts;
}

/** Computed once per analysis (every registry rule asks), keyed by the analysis' view. */
const FOUND = new WeakMap<object, { manifest: RuleContext['manifest']; list: DependencyWithFacts[] }>();

/** Every dependency the registry answered for, in manifest order. */
export function foundDependencies(ctx: RuleContext): DependencyWithFacts[] {
  const view = ctx.registry;
  if (!view) return [];
  const known = FOUND.get(view);
  if (known?.manifest === ctx.manifest) return known.list;
  const list: DependencyWithFacts[] = [];
  for (const dep of ctx.manifest.dependencies) {
    const facts = view.factsFor(dep);
    if (facts?.state === 'found') list.push({ dep, facts });
  }
  FOUND.set(view, { manifest: ctx.manifest, list });
  return list;
}

export type ResolvedDependency = DependencyWithFacts & { resolved: Resolved & { info: VersionInfo } };
const RESOLVED = new WeakMap<DependencyWithFacts[], ResolvedDependency[]>();

/** …and whose resolved version the registry lists. */
export function resolvedDependencies(ctx: RuleContext): ResolvedDependency[] {
  const found = foundDependencies(ctx);
  let list = RESOLVED.get(found);
  if (!list) {
    list = found.flatMap((d) => (d.facts.resolved?.info ? [{ ...d, resolved: d.facts.resolved as Resolved & { info: VersionInfo } }] : []));
    RESOLVED.set(found, list);
  }
  return list;
}

/** `express 4.21.2` with how it was chosen, for messages. */
export function describeResolved(dep: Dependency, resolved: Resolved, lockSource?: string): string {
  return `${dep.name} ${resolved.version}${resolved.via === 'lockfile' ? ` (locked${lockSource ? ` in ${lockSource}` : ''})` : ''}`;
}

/** Appended to messages built from answers that were not confirmed now. */
export function cachedNote(cachedAt: number | undefined): string {
  return cachedAt === undefined ? '' : ` (cached registry answer from ${formatDate(cachedAt)})`;
}

/** Registry text inside a diagnostic: one line, no control or bidi characters, capped. */
export function quoteRegistryText(text: string, max = 200): string {
  return sanitizeText(text, max);
}
