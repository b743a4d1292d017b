/**
 * `unpinned-version`: a spec that admits more than one version lets a newly published release —
 * the shape every hijacked-maintainer attack takes (event-stream, ua-parser-js) — install silently.
 *
 * Severity policy (a finding's own severity; a `manifestGuard.severity` setting still wins):
 * - warning: nothing pins what installs (no lockfile, constraints or compiled pin), or the spec
 *   is truly open (no version, `*`, a tag, no upper bound) in a library;
 * - information: a lockfile, `-c` constraints or pip-compile output pins the version, so the range
 *   matters only when that pin is refreshed; or a published library's bounded runtime range;
 * - nothing: peer and bundled dependencies, and constraints files (they install nothing).
 */
import type { Dependency, Ecosystem, Fix } from '../model/model';
import { QUOTED_MAX, shorten } from '../model/shorten';
import { specsFor } from '../specs';
import { isOverrideEntry, overridesOf } from '../model/overrides';
import { dependencyTreeOf } from '../tree/dependencyTree';
import type { RawFinding, Rule, RuleContext } from './types';

/** Sections where a range is the point: a peer dependency states compatibility, not what installs. */
const RANGE_BY_DESIGN = new Set(['peerDependencies', 'bundleDependencies', 'constraint']);

/** npm sections a library's users do not install: ranges there are the project's own business. */
const NOT_SHIPPED = new Set(['devDependencies', 'overrides', 'resolutions']);

/** Python sections a library's users install: its runtime requirements and its extras. */
const PYTHON_SHIPPED = /^(?:project\.dependencies|project\.optional-dependencies\..*|tool\.poetry\.dependencies)$/;

/** What a published library's users install with it (dev groups, build requires and overrides are the project's own). */
function shipped(dep: Dependency): boolean {
  return dep.ecosystem === 'pypi' ? PYTHON_SHIPPED.test(dep.section) : !NOT_SHIPPED.has(dep.section);
}

/** A version no real release reaches: a spec that admits it has no upper bound. */
const FAR_FUTURE: Record<Ecosystem, string> = { npm: '99999.0.0', pypi: '99999', nuget: '99999.0.0' };

/** How each ecosystem's pin gets refreshed, which is when a locked range starts to matter. */
const REFRESH: Record<Ecosystem, string> = {
  npm: 'the lockfile is refreshed (`npm update`, or an install without it)',
  pypi: 'the pins are recompiled (`pip-compile --upgrade`, `uv lock --upgrade`) or the file is installed without them',
  nuget: 'the lock file is re-resolved (`dotnet restore --force-evaluate`) or restored without it',
};

/** The lockfiles whose own tool refreshes them: named so the message gives the command that applies. */
const REFRESH_BY_LOCKFILE: Record<string, string> = {
  'pnpm-lock.yaml': 'the lockfile is refreshed (`pnpm update`, or an install without it)',
  'yarn.lock': 'the lockfile is refreshed (`yarn upgrade`, or an install without it)',
  'poetry.lock': 'the lock is refreshed (`poetry update`, `poetry lock` after an edit) or the project is installed without it',
  'Pipfile.lock': 'the lock is refreshed (`pipenv update`, `pipenv lock`) or the Pipfile is installed without it',
  'uv.lock': 'the lock is refreshed (`uv lock --upgrade`) or the project is installed without it',
};

function refreshOf(dep: Dependency, lockfile: string | undefined): string {
  const name = lockfile?.slice(lockfile.lastIndexOf('/') + 1) ?? '';
  return REFRESH_BY_LOCKFILE[name] ?? REFRESH[dep.ecosystem];
}

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

/** No version, a tag, or a range with no upper bound: any future release qualifies. */
export function trulyOpen(dep: Dependency, valid: boolean): boolean {
  if (dep.spec === undefined || dep.spec.trim() === '' || !valid) return true;
  const specs = specsFor(dep.ecosystem);
  // npm tags (`latest`, `next`) are valid specs that no version "satisfies": they move with the tag.
  if (dep.ecosystem === 'npm' && /^[a-z][a-z0-9._-]*$/i.test(dep.spec.trim().replace(/^npm:(?:@[^/]+\/)?[^@]+@?/, ''))) return true;
  return specs.satisfies(dep, FAR_FUTURE[dep.ecosystem]);
}

function checkDependencies(ctx: RuleContext, dependencies: readonly Dependency[]): RawFinding[] {
  // A constraints file installs nothing: its lines are checked for names and sources, not pins.
  if (ctx.project?.constraintsFile) return [];
  const findings: RawFinding[] = [];
  for (const dep of dependencies) {
    if (!applies(dep) || linksWorkspace(ctx, dep)) continue;
    const info = specsFor(dep.ecosystem, ctx.specs).describe(dep);
    if (info.exact) continue;
    if (!info.valid && (dep.ecosystem === 'nuget' || dep.indirect)) continue; // `$(Property)`, `catalog:` not resolved: set elsewhere, cannot judge here
    const name = shorten(dep.name, QUOTED_MAX);
    const specText = dep.spec === undefined || dep.spec.trim() === '' ? undefined : dep.spec.trim();
    const where = dep.indirect?.from ? ` (set in ${dep.indirect.from})` : '';
    const admits = specText ? `\`${shorten(specText, QUOTED_MAX)}\`${where} admits ${shorten(info.meaning, 2 * QUOTED_MAX)}` : undefined;
    const span = dep.specSpan && dep.specSpan.end > dep.specSpan.start ? dep.specSpan : dep.nameSpan;
    const locked = ctx.locked?.versionOf(dep);
    const fix = locked ? pinFix(dep, locked, `from ${ctx.locked?.source}`) : registryPin(ctx, dep);
    // Built field by field, not spread: a large manifest has thousands of these on every keystroke.
    const finding: RawFinding = { span, message: '', package: dep.name, dependency: dep, fixes: fix ? [fix] : undefined };
    // Override entries are specs of their own: judged as such, never as overridden.
    const override = isOverrideEntry(dep) ? undefined : overridesOf(dep, ctx.manifest, ctx.project)[0];
    if (override) {
      finding.severity = 'information';
      finding.message = `${admits ? `${name}: ${admits}` : `${name} has no version here`}, but an override (${override.indirect?.from ?? override.path?.join('.') ?? 'overrides'}) sets \`${shorten(override.spec ?? '', QUOTED_MAX)}\` for every copy, which is what installs; the override is checked on its own.`;
    } else if (lockedOverride(ctx, dep)) {
      finding.severity = 'information';
      finding.message = `${name}: ${admits}, but ${ctx.tree?.graph.source} was resolved with this override (it records \`${shorten(lockedOverride(ctx, dep) ?? '', QUOTED_MAX)}\`) and pins every copy it steers; the range matters only when ${refreshOf(dep, ctx.tree?.graph.source)}.`;
    } else if (locked && ctx.locked) {
      finding.severity = 'information';
      finding.message = `${admits ? `${name}: ${admits}` : `${name} has no version here`}, but ${ctx.locked.source} pins ${locked}, which is what installs; the ${admits ? 'range' : 'missing version'} matters only when ${refreshOf(dep, ctx.locked.source)}.`;
    } else if (ctx.manifest.library && shipped(dep) && !trulyOpen(dep, info.valid)) {
      finding.severity = 'information';
      finding.message = `${name}: ${admits}. This package is published for others (${dep.ecosystem === 'pypi' ? 'its pyproject.toml gives it a name and a version' : 'it has a name and a version and is not private'}), so a bounded range here lets its users share one copy, and their own lockfiles decide what installs; pinning is not the fix.`;
    } else {
      finding.message = admits
        ? `${name} is not pinned: ${admits}. A newly published release, hijacked or not, would be installed without review; pin an exact version.`
        : `${name} has no version: any release, including one published tomorrow by a hijacked account, would be installed. Pin an exact version.`;
    }
    findings.push(finding);
  }
  return findings;
}

/**
 * An override entry the lockfile records with the same spec (pnpm writes its `overrides:`): the
 * lockfile was resolved with it, so what it steers is pinned there, direct dependency or not.
 */
function lockedOverride(ctx: RuleContext, dep: Dependency): string | undefined {
  const recorded = ctx.tree?.graph.overrides;
  if (!recorded || !isOverrideEntry(dep) || !dep.path) return undefined;
  const spec = recorded.get(dep.path[dep.path.length - 1] ?? '');
  return spec !== undefined && (spec === dep.spec || spec === dep.indirect?.written) ? spec : undefined;
}

/** npm and pnpm link a sibling workspace for a plain range (`"@acme/util": "*"`): nothing comes from the registry. */
function linksWorkspace(ctx: RuleContext, dep: Dependency): boolean {
  if (!ctx.tree) return false;
  const roots = dependencyTreeOf(ctx.tree, ctx.manifest).rootsOf(dep);
  return roots.length > 0 && roots.every((r) => r.source === 'workspace');
}

/** Without a lockfile: the version the spec resolves to on the registry today, once facts are in. */
function registryPin(ctx: RuleContext, dep: Dependency): Fix | undefined {
  const facts = ctx.registry?.factsFor(dep);
  if (facts?.state !== 'found' || facts.resolved?.via !== 'spec' || !facts.resolved.info) return undefined;
  return pinFix(dep, facts.resolved.version, `resolves on ${facts.package.source} today`);
}

export const unpinnedVersion: Rule = { id: 'unpinned-version', check: (ctx) => checkDependencies(ctx, ctx.manifest.dependencies), checkDependencies };
