/**
 * What the registry pass learnt about locked packages (every locked version's document and OSV
 * advisories, gathered beforehand in the same batch as the direct dependencies'), for the locked
 * twins of the registry rules (`*Locked.ts`). Unknown is undefined, never "clean".
 */
import type { Advisory, LockedVersionFacts, VersionInfo } from '../registries/types';
import type { LockedPackage, LockGraph } from '../tree/model';
import { checkLockedPackages, type LockedProblem } from './lockedFindings';
import type { RawFinding, Rule, RuleContext } from './types';

export type Listed = LockedVersionFacts & { info: VersionInfo };

/** The registry's entry for a locked version, or undefined while unknown. */
export function listed(ctx: RuleContext, pkg: LockedPackage, graph: LockGraph): Listed | undefined {
  if (pkg.source !== 'registry' || !pkg.version) return undefined;
  const facts = ctx.registry?.lockedVersion?.(graph.ecosystem, pkg.name, pkg.version);
  return facts?.info ? (facts as Listed) : undefined;
}

export type KnownAdvisories = { value: Advisory[]; cachedAt?: number };

/** The advisories known for a locked package, or undefined while unknown or none. */
export function knownAdvisories(ctx: RuleContext, pkg: LockedPackage, graph: LockGraph): KnownAdvisories | undefined {
  if (pkg.source !== 'registry' || !pkg.version) return undefined;
  const checked = ctx.registry?.advisoriesFor?.(graph.ecosystem, pkg.name, pkg.version);
  return checked?.state === 'known' && checked.value.length > 0 ? checked : undefined;
}

export type LockedRegistryProblem = (ctx: RuleContext, pkg: LockedPackage, graph: LockGraph) => LockedProblem | undefined;

/**
 * A registry rule's locked twin: reported on the direct dependency that brings the package in. A
 * direct dependency's own locked package is left to the direct rule, which judges that very version.
 */
export function lockedRegistryRule(id: Rule['id'], problem: LockedRegistryProblem): Rule {
  return { id, check: (ctx): RawFinding[] => checkLockedPackages(ctx, { checksDirect: () => false, problem: (pkg, graph) => problem(ctx, pkg, graph) }) };
}
