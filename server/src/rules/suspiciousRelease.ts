/**
 * `suspicious-release`: the version that resolves (the lockfile's, else the spec's match) differs
 * from the release before it the way hijacked releases do (releaseChanges.ts lists the signals).
 * Weighing: code that now runs at install, a days-old new dependency, or two signals together is
 * an error; a new publisher or lost provenance alone a warning; a new dependency, a revival or a
 * size jump alone is information. The fix pins the release before the change when the spec (or,
 * for a locked version, the spec the lockfile honours) admits it.
 *
 * `publisher-change` is folded in here: its signals (a new account, provenance lost) are two of
 * these, and its id stays an alias — its severity setting and allowlist entries apply to this rule.
 */
import type { Dependency, Fix, Severity } from '../model/model';
import { cachedNote, describeResolved, resolvedDependencies } from './registryFacts';
import { formatDate } from '../registries/time';
import type { VersionInfo } from '../registries/types';
import { specsFor } from '../specs';
import { releaseChanges, type ReleaseChanges } from './releaseChanges';
import type { RawFinding, Rule, RuleContext } from './types';
import { pinFix } from './unpinnedVersion';

function check(ctx: RuleContext): RawFinding[] {
  const view = ctx.registry;
  if (!view) return [];
  return resolvedDependencies(ctx).flatMap(({ dep, facts, resolved }) => {
    const changes = releaseChanges(view, facts.package, resolved.info, facts.installFiles);
    const severity = changes && weigh(changes);
    if (!changes || !severity) return [];
    const fix = pinPrevious(dep, changes.previous);
    return [
      {
        span: dep.nameSpan,
        package: dep.name,
        dependency: dep,
        message: `${describeResolved(dep, resolved, ctx.locked?.source)}${publishedOn(resolved.info)} ${predicate(changes)}.${cachedNote(facts.cachedAt)}`,
        severity,
        fixes: fix ? [fix] : undefined,
      },
    ];
  });
}

/** How serious the signals are together; undefined when there are none. */
export function weigh(changes: ReleaseChanges): Severity | undefined {
  const { signals } = changes;
  if (signals.length === 0) return undefined;
  if (signals.length > 1 || signals[0].strong) return 'error';
  return signals[0].kind === 'publisher' || signals[0].kind === 'provenance' ? 'warning' : 'information';
}

/** "differs from …: a; and b. Check … before installing it", shared with the locked tree. */
export function predicate(changes: ReleaseChanges): string {
  const texts = changes.signals.map((s) => s.text);
  const listed = texts.length === 1 ? texts[0] : `${texts.slice(0, -1).join('; ')}; and ${texts[texts.length - 1]}`;
  return `${listed}. Hijacked releases look like this: compare it with ${changes.previous.version} before installing it`;
}

function publishedOn(info: VersionInfo): string {
  return info.published !== undefined ? `, published ${formatDate(info.published)},` : '';
}

/** "Pin to Y" when the spec admits Y, or pins the suspicious version exactly (then the pin moves). */
function pinPrevious(dep: Dependency, previous: VersionInfo): Fix | undefined {
  const specs = specsFor(dep.ecosystem);
  if (!specs.satisfies(dep, previous.version) && !specs.describe(dep).exact) return undefined;
  return pinFix(dep, previous.version, `the release before the change${previous.published !== undefined ? `, published ${formatDate(previous.published)}` : ''}`);
}

export const suspiciousRelease: Rule = { id: 'suspicious-release', check };
