/**
 * `new-release`: the version that resolves was published fewer than
 * `manifestGuard.minimumReleaseAgeDays` days ago. Hijacked releases (event-stream, ua-parser-js,
 * the 2025 npm worm) were found and pulled within days; waiting a week avoids most of them. When
 * the spec resolved it, the fix pins the newest matching version that is old enough.
 */
import type { Dependency } from '../model/model';
import { cachedNote, describeResolved, resolvedDependencies } from './registryFacts';
import { formatAge, formatDate } from '../registries/time';
import type { PackageInfo, VersionInfo } from '../registries/types';
import { specsFor } from '../specs';
import type { RawFinding, Rule, RuleContext } from './types';
import { pinFix } from './unpinnedVersion';

const DAY_MS = 24 * 60 * 60_000;

function check(ctx: RuleContext): RawFinding[] {
  const days = ctx.settings.minimumReleaseAgeDays;
  const now = ctx.registry?.now;
  if (!now || days <= 0) return [];
  const cutoff = now - days * DAY_MS;
  return resolvedDependencies(ctx).flatMap(({ dep, facts, resolved }) => {
    const published = resolved.info.published;
    if (published === undefined || published < cutoff) return [];
    const older = resolved.via === 'spec' ? newestSettledVersion(dep, facts.package, cutoff) : undefined;
    const fix = older?.published !== undefined ? pinFix(dep, older.version, `published ${formatDate(older.published)}`) : undefined;
    return [
      {
        span: dep.nameSpan,
        package: dep.name,
        dependency: dep,
        message: `${describeResolved(dep, resolved, ctx.locked?.source)} was published ${formatAge(now, published)} (${formatDate(published)}), within manifestGuard.minimumReleaseAgeDays (${days}). Hijacked releases are usually found and pulled within days: wait, or pin an older version${older ? ` such as ${older.version}` : ''}.${cachedNote(facts.cachedAt)}`,
        fixes: fix ? [fix] : undefined,
      },
    ];
  });
}

/** The highest version the spec admits that was published before the cutoff and is not withdrawn. */
function newestSettledVersion(dep: Dependency, pkg: PackageInfo, cutoff: number): VersionInfo | undefined {
  const specs = specsFor(dep.ecosystem);
  const settled = pkg.versions.filter((v) => v.published !== undefined && v.published < cutoff && !v.yanked && !v.unlisted && !v.deprecated && !specs.isPrerelease(v.version) && specs.satisfies(dep, v.version));
  const order = specs.sortVersions(settled.map((v) => v.version));
  const best = order[order.length - 1];
  return settled.find((v) => v.version === best);
}

export const newRelease: Rule = { id: 'new-release', check };
