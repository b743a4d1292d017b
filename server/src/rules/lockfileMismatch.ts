/**
 * `lockfile-mismatch`: the lockfile disagrees with the manifest — it locks a version the spec does
 * not admit, or it does not have the dependency at all. Then what is installed (`npm ci`,
 * `dotnet restore --locked-mode`, `pip-sync`) is not what the manifest says, or the install fails.
 * Reported on the spec token (a version the spec rejects) or the name token (missing).
 */
import semver from 'semver';
import type { Dependency } from '../model/model';
import { normalizeName } from '../model/names';
import { QUOTED_MAX, shorten } from '../model/shorten';
import { overridesOf } from '../model/overrides';
import { specsFor } from '../specs';
import { dependencyTreeOf, type DependencyTree } from '../tree/dependencyTree';
import { packageLabel } from '../tree/describe';
import type { LockGraph } from '../tree/model';
import type { RawFinding, Rule, RuleContext } from './types';

/** Sections a lockfile must contain: peers are installed only by some package managers and versions. */
const MUST_BE_LOCKED = new Set(['dependencies', 'devDependencies', 'optionalDependencies', 'requirement', 'PackageReference', 'GlobalPackageReference', 'project.dependencies', 'tool.poetry.dependencies', 'packages', 'dev-packages']);

function mustBeLocked(dep: Dependency): boolean {
  if (!MUST_BE_LOCKED.has(dep.section)) return false;
  if (dep.source === 'workspace') return false;
  // pip-compile leaves out requirements whose marker excludes the platform it ran on.
  if (dep.ecosystem === 'pypi') return dep.source === 'registry' && !dep.markers;
  return true;
}

/** The version range part of a spec, when it is one the locked version can be checked against. */
function checkableRange(dep: Dependency, specs: RuleContext['specs']): boolean {
  if (dep.spec === undefined || dep.spec.trim() === '') return false;
  if (dep.source !== 'registry' && dep.source !== 'alias') return false;
  const info = specsFor(dep.ecosystem, specs).describe(dep);
  if (!info.valid) return false;
  if (dep.ecosystem !== 'npm') return true;
  // npm: a dist-tag (`latest`) admits whatever the tag pointed to; `*` admits anything.
  const range = dep.source === 'alias' ? dep.spec.replace(/^npm:(?:@[^/]+\/)?[^@]+@?/, '') : dep.spec;
  return range.trim() !== '' && range.trim() !== '*' && semver.validRange(range, { loose: true }) !== null;
}

function missingMessage(dep: Dependency, graph: LockGraph, lockedElsewhere: string | undefined): string {
  const instead = lockedElsewhere ? ` (it locks ${lockedElsewhere} for another spec)` : '';
  return `${shorten(dep.name, QUOTED_MAX)} is not in ${graph.source}${instead}: the lockfile was made for another version of this manifest, so a locked install fails or installs something else. Run ${graph.updateCommand} to update it.`;
}

function checkOne(dep: Dependency, tree: DependencyTree, graph: LockGraph, ctx: RuleContext): RawFinding | undefined {
  const roots = tree.rootsOf(dep);
  const specSpan = dep.specSpan && dep.specSpan.end > dep.specSpan.start ? dep.specSpan : dep.nameSpan;
  if (roots.length === 0) {
    // An override may replace the package altogether (a local path, a link): the lockfile follows it.
    if (overridesOf(dep, ctx.manifest, ctx.project).length > 0) return undefined;
    const name = normalizeName(dep.ecosystem, dep.name);
    const other = [...graph.packages.values()].find((p) => normalizeName(graph.ecosystem, p.name) === name && p.version !== '');
    // yarn keys entries by the spec asked for: a changed spec has no entry even if the name is locked.
    return { span: graph.resolveSpec && other ? specSpan : dep.nameSpan, package: dep.name, dependency: dep, message: missingMessage(dep, graph, graph.resolveSpec && other ? `\`${packageLabel(other)}\`` : undefined) };
  }
  if (!checkableRange(dep, ctx.specs)) return undefined;
  const specs = specsFor(dep.ecosystem);
  const versions = roots.map((r) => r.version).filter((v) => v !== '');
  if (versions.length === 0 || versions.some((v) => specs.satisfies(dep, v))) return undefined;
  // An override or resolution decides what installs: the lockfile is right to follow it.
  if (overridesOf(dep, ctx.manifest, ctx.project).some((o) => versions.some((v) => o.spec === v || specs.satisfies(o, v)))) return undefined;
  const shown = roots.slice(0, 3).map((r) => `\`${packageLabel(r)}\``).join(', ');
  const locked = roots.length > 3 ? `${shown} and ${roots.length - 3} more` : shown;
  return {
    span: specSpan,
    package: dep.name,
    dependency: dep,
    message: `${graph.source} locks ${locked}, which \`${shorten(dep.spec ?? '', QUOTED_MAX)}\` does not admit: what gets installed is not what this manifest asks for. Run ${graph.updateCommand} to update the lockfile.`,
  };
}

function check(ctx: RuleContext): RawFinding[] {
  // A compiled requirements file read as its own tree cannot disagree with itself.
  if (!ctx.tree || ctx.tree.graph.isManifestItself) return [];
  // A lockfile read only in part (broken, conflicted) would make every comparison a guess: say so once.
  const problems = ctx.tree.graph.problems;
  if (problems.length > 0) return [{ span: { start: 0, end: 0 }, message: `${problems[0].replace(/\.?$/, '.')} Its locked packages were ${ctx.tree.graph.packages.size === 0 ? 'not' : 'only partly'} checked against this manifest.` }];
  const tree = dependencyTreeOf(ctx.tree, ctx.manifest);
  const out: RawFinding[] = [];
  for (const dep of tree.dependencies) {
    if (!mustBeLocked(dep)) continue;
    const finding = checkOne(dep, tree, tree.graph, ctx);
    if (finding) out.push(finding);
  }
  return out;
}

export const lockfileMismatch: Rule = { id: 'lockfile-mismatch', check };
