/**
 * `malicious` and `vulnerable` for the locked tree: OSV advisories for every locked version,
 * gathered beforehand in the same batch as the direct dependencies' (registries/facts), reported on
 * the direct dependency that brings the package in. A direct dependency's own locked package is
 * left to the direct rules, which already judge that very version.
 */
import { cachedNote, quoteRegistryText } from './registryFacts';
import type { Advisory } from '../registries/types';
import type { LockedPackage, LockGraph } from '../tree/model';
import { checkLockedPackages, type LockedProblem } from './lockedFindings';
import type { RawFinding, Rule, RuleContext } from './types';
import { advisorySummary } from './vulnerable';

/** npm's stand-in after a malware takedown: the lockfile alone proves it, no look-up needed. */
const SECURITY_PLACEHOLDER = /^0\.0\.1-security(\.|$)/;

type Known = { value: Advisory[]; cachedAt?: number };

/** The advisories known for a locked package, or undefined while unknown (never "clean"). */
function knownAdvisories(ctx: RuleContext, pkg: LockedPackage, graph: LockGraph): Known | undefined {
  if (pkg.source !== 'registry' || !pkg.version) return undefined;
  const checked = ctx.registry?.advisoriesFor?.(graph.ecosystem, pkg.name, pkg.version);
  return checked?.state === 'known' && checked.value.length > 0 ? checked : undefined;
}

function malwareProblem(ctx: RuleContext, pkg: LockedPackage, graph: LockGraph): LockedProblem | undefined {
  if (graph.ecosystem === 'npm' && SECURITY_PLACEHOLDER.test(pkg.version)) {
    return { predicate: 'is npm\'s security placeholder: the package was malware and was taken down. Treat machines that installed it as compromised' };
  }
  const known = knownAdvisories(ctx, pkg, graph);
  const malware = known?.value.filter((a) => a.malicious) ?? [];
  if (!known || malware.length === 0) return undefined;
  const ids = malware.map((a) => quoteRegistryText(a.id, 60)).join(', ');
  const summary = malware.find((a) => a.summary)?.summary;
  return {
    predicate: `is known malware (${ids})${summary ? `: ${quoteRegistryText(summary, 160)}` : ''}. Remove the dependency that brings it in, and treat machines that installed it as compromised${cachedNote(known.cachedAt)}`,
  };
}

function vulnerableProblem(ctx: RuleContext, pkg: LockedPackage, graph: LockGraph): LockedProblem | undefined {
  const known = knownAdvisories(ctx, pkg, graph);
  const advisories = known?.value.filter((a) => !a.malicious) ?? [];
  if (!known || advisories.length === 0) return undefined;
  const { severity, listed } = advisorySummary(advisories);
  return { predicate: `${listed}${cachedNote(known.cachedAt)}`, ...(severity ? { severity } : {}) };
}

function checkMalicious(ctx: RuleContext): RawFinding[] {
  return checkLockedPackages(ctx, { checksDirect: () => false, problem: (pkg, graph) => malwareProblem(ctx, pkg, graph) });
}

function checkVulnerable(ctx: RuleContext): RawFinding[] {
  return checkLockedPackages(ctx, { checksDirect: () => false, problem: (pkg, graph) => vulnerableProblem(ctx, pkg, graph) });
}

export const transitiveMalicious: Rule = { id: 'malicious', check: checkMalicious };
export const transitiveVulnerable: Rule = { id: 'vulnerable', check: checkVulnerable };
