/**
 * `unpinned-version`: a spec that admits more than one version lets a newly published release —
 * the shape every hijacked-maintainer attack takes (event-stream, ua-parser-js) — install silently.
 */
import type { Dependency, Fix } from '../model/model';
import { QUOTED_MAX, shorten } from '../model/shorten';
import { specsFor } from '../specs';
import type { RawFinding, Rule, RuleContext } from './types';

/** Sections where a range is the point: a peer dependency states compatibility, not what installs. */
const RANGE_BY_DESIGN = new Set(['peerDependencies', 'bundleDependencies']);

function applies(dep: Dependency): boolean {
  if (RANGE_BY_DESIGN.has(dep.section)) return false;
  if (dep.source !== 'registry' && dep.source !== 'alias') return false;
  // MSBuild: no version on a PackageReference means central package management sets it elsewhere.
  if (dep.ecosystem === 'nuget' && dep.spec === undefined) return false;
  return true;
}

export function pinFix(dep: Dependency, version: string, from: string): Fix | undefined {
  const edit = specsFor(dep.ecosystem).pinEdit(dep, version);
  if (!edit) return undefined;
  return { title: `Pin ${shorten(dep.name, QUOTED_MAX)} to ${version}${from ? ` (${from})` : ''}`, edits: [edit], preferred: true, kind: 'pin' };
}

function check(ctx: RuleContext): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const dep of ctx.manifest.dependencies) {
    if (!applies(dep)) continue;
    const info = specsFor(dep.ecosystem).describe(dep);
    if (info.exact) continue;
    if (dep.ecosystem === 'nuget' && !info.valid) continue; // `$(Property)`: set elsewhere, cannot judge here
    const name = shorten(dep.name, QUOTED_MAX);
    const specText = dep.spec === undefined || dep.spec.trim() === '' ? undefined : dep.spec.trim();
    const message = specText
      ? `${name} is not pinned: \`${shorten(specText, QUOTED_MAX)}\` admits ${shorten(info.meaning, 2 * QUOTED_MAX)}. A newly published release, hijacked or not, would be installed without review; pin an exact version.`
      : `${name} has no version: any release, including one published tomorrow by a hijacked account, would be installed. Pin an exact version.`;
    const span = dep.specSpan && dep.specSpan.end > dep.specSpan.start ? dep.specSpan : dep.nameSpan;
    const locked = ctx.locked?.versionOf(dep);
    const fix = locked ? pinFix(dep, locked, `from ${ctx.locked?.source}`) : registryPin(ctx, dep);
    findings.push({ span, message, package: dep.name, dependency: dep, fixes: fix ? [fix] : undefined });
  }
  return findings;
}

/** Without a lockfile: the version the spec resolves to on the registry today, once facts are in. */
function registryPin(ctx: RuleContext, dep: Dependency): Fix | undefined {
  const facts = ctx.registry?.factsFor(dep);
  if (facts?.state !== 'found' || facts.resolved?.via !== 'spec' || !facts.resolved.info) return undefined;
  return pinFix(dep, facts.resolved.version, `resolves on ${facts.package.source} today`);
}

export const unpinnedVersion: Rule = { id: 'unpinned-version', check };
