/**
 * `vulnerable`: known advisories affect the version that resolves (OSV, plus what NuGet and PyPI
 * report themselves). The diagnostic's severity follows the worst advisory (critical/high →
 * error, moderate → warning, low → information) unless the user configured one. The fix pins the
 * lowest published version that the advisories name as fixed.
 */
import type { Dependency, Severity } from '../model/model';
import { cachedNote, describeResolved, foundDependencies, quoteRegistryText } from './registryFacts';
import { findVersion } from '../registries/facts/resolve';
import type { Advisory, AdvisorySeverity, PackageInfo } from '../registries/types';
import { specsFor } from '../specs';
import type { RawFinding, Rule, RuleContext } from './types';
import { pinFix } from './unpinnedVersion';

const RANK: Record<AdvisorySeverity, number> = { low: 1, moderate: 2, high: 3, critical: 4 };
const TO_SEVERITY: Record<AdvisorySeverity, Severity> = { low: 'information', moderate: 'warning', high: 'error', critical: 'error' };
const LISTED = 3;

function check(ctx: RuleContext): RawFinding[] {
  return foundDependencies(ctx).flatMap(({ dep, facts }) => {
    const resolved = facts.resolved;
    if (!resolved || facts.advisories?.state !== 'known') return [];
    const advisories = facts.advisories.value.filter((a) => !a.malicious);
    if (advisories.length === 0) return [];
    const { severity, listed } = advisorySummary(advisories);
    const fixedIn = fixingVersion(dep, facts.package, resolved.version, advisories);
    const fix = fixedIn ? pinFix(dep, fixedIn, `fixes ${advisories.length === 1 ? advisories[0].id : `${advisories.length} advisories`}`) : undefined;
    return [
      {
        span: dep.nameSpan,
        package: dep.name,
        dependency: dep,
        severity,
        message: `${describeResolved(dep, resolved, ctx.locked?.source)} ${listed}.${cachedNote(facts.advisories.cachedAt ?? facts.cachedAt)}`,
        fixes: fix ? [fix] : undefined,
      },
    ];
  });
}

/**
 * "has 2 known vulnerabilities: GHSA-… (high, fixed in 1.2.4): …" and the diagnostic severity of
 * the worst one; shared with the lockfile tree's half of this rule so both read alike.
 */
export function advisorySummary(advisories: Advisory[]): { severity?: Severity; listed: string } {
  const worst = advisories.reduce<AdvisorySeverity | undefined>((w, a) => (a.severity && (!w || RANK[a.severity] > RANK[w]) ? a.severity : w), undefined);
  const listed = advisories.slice(0, LISTED).map(describe).join('; ');
  const more = advisories.length > LISTED ? `; and ${advisories.length - LISTED} more` : '';
  return { severity: worst ? TO_SEVERITY[worst] : undefined, listed: `has ${advisories.length} known vulnerabilit${advisories.length === 1 ? 'y' : 'ies'}: ${listed}${more}` };
}

function describe(a: Advisory): string {
  const facts = [a.severity, a.fixed.length > 0 ? `fixed in ${a.fixed.slice(0, 3).map((f) => quoteRegistryText(f, 40)).join(', ')}` : undefined].filter(Boolean).join(', ');
  return `${quoteRegistryText(a.id, 60)}${facts ? ` (${facts})` : ''}${a.summary ? `: ${quoteRegistryText(a.summary, 140)}` : ''}`;
}

/**
 * The lowest published, non-withdrawn version above the current one that is at or past every
 * advisory's nearest fix; undefined when an advisory has no fix or nothing published qualifies.
 */
function fixingVersion(dep: Dependency, pkg: PackageInfo, current: string, advisories: Advisory[]): string | undefined {
  const specs = specsFor(dep.ecosystem);
  const above = (v: string, than: string) => {
    const order = specs.sortVersions([v, than]);
    return order.length === 2 && order[1] === v && v !== than;
  };
  const needed: string[] = [];
  for (const a of advisories) {
    const next = specs.sortVersions(a.fixed).find((f) => above(f, current));
    if (!next) return undefined;
    needed.push(next);
  }
  const floor = specs.sortVersions(needed).pop();
  if (!floor) return undefined;
  const candidates = pkg.versions.filter((v) => !v.yanked && !v.unlisted && !specs.isPrerelease(v.version) && (v.version === floor || above(v.version, floor)));
  const lowest = specs.sortVersions(candidates.map((v) => v.version))[0];
  return lowest && findVersion(pkg, lowest) ? lowest : undefined;
}

export const vulnerable: Rule = { id: 'vulnerable', check };
