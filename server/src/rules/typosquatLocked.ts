/**
 * `typosquat` for locked packages: a package below a direct dependency whose name imitates a much
 * more popular one. Nobody typed it, which is the point: a look-alike that a dependency (or a
 * hijacked release of one) pulls in never meets a human eye. Uses the same index (`ctx.names`) and
 * wording as the direct rule; without the index it does nothing.
 */
import type { Ecosystem } from '../model/model';
import { type Imitation, imitationOfCheck } from '../typosquat/message';
import type { NameIndex } from '../typosquat/types';
import { inOwnScope, ownNpmScopes } from './typosquat';
import type { LockedPackage, LockGraph } from '../tree/model';
import { checkLockedPackages, type LockedProblem } from './lockedFindings';
import type { RawFinding, Rule, RuleContext } from './types';

/**
 * The typosquat index's verdict on one name, as a message tail; undefined when the name is fine
 * (or only a popular name inside one of the project's `own` npm scopes).
 */
export function imitationOf(names: NameIndex, ecosystem: Ecosystem, name: string, own: ReadonlySet<string> = new Set()): Imitation | undefined {
  if (!names.ecosystems.includes(ecosystem) || name.trim() === '') return undefined;
  const check = names.check(ecosystem, name);
  return imitationOfCheck(check, ecosystem, !inOwnScope(check, name, own));
}

/**
 * Verdicts per parsed lockfile, and per set of scopes the manifest owns (workspaces of one
 * lockfile can own different ones): a lockfile's names do not change while the manifest is
 * edited, so each keystroke reuses them instead of looking up every locked name again.
 */
const verdicts = new WeakMap<LockGraph, { names: NameIndex; byOwnScopes: Map<string, Map<string, LockedProblem | null>> }>();

function verdictsFor(graph: LockGraph, names: NameIndex, own: ReadonlySet<string>): Map<string, LockedProblem | null> {
  let entry = verdicts.get(graph);
  if (!entry || entry.names !== names) verdicts.set(graph, (entry = { names, byOwnScopes: new Map() }));
  const key = [...own].sort().join(' ');
  let byId = entry.byOwnScopes.get(key);
  if (!byId) entry.byOwnScopes.set(key, (byId = new Map()));
  return byId;
}

function problemOf(pkg: LockedPackage, graph: LockGraph, names: NameIndex, own: ReadonlySet<string>): LockedProblem | undefined {
  if (pkg.source !== 'registry') return undefined; // git, URL and path sources name no registry package
  const known = verdictsFor(graph, names, own);
  let verdict = known.get(pkg.id);
  if (verdict === undefined) {
    const imitation = imitationOf(names, graph.ecosystem, pkg.name, own);
    verdict = imitation ? { predicate: `may be a typosquat: ${imitation.text.replace(/\.$/, '')}`, ...(imitation.weak ? { severity: 'warning' as const } : {}) } : null;
    known.set(pkg.id, verdict);
  }
  return verdict ?? undefined;
}

function check(ctx: RuleContext): RawFinding[] {
  const names = ctx.names;
  if (!names) return [];
  const own = ownNpmScopes(ctx.manifest);
  return checkLockedPackages(ctx, {
    checksDirect: () => false, // the direct rule checks the names written in the manifest
    problem: (pkg, graph) => problemOf(pkg, graph, names, own),
  });
}

export const typosquatLocked: Rule = { id: 'typosquat', check };
