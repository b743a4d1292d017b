/**
 * The hover's lockfile part for one direct dependency: how much it brings in, which of those run
 * code at install time, the worst finding below it, and (for a package the lockfile also lists
 * under others) who else pulls it in. Markdown lines; names from the lockfile are untrusted text.
 */
import type { Analysis } from '../analysis/analyze';
import { escapeMarkdown, inlineCode } from '../model/markdown';
import { SEVERITIES, type Dependency, type Finding } from '../model/model';
import { dependencyTreeOf } from '../tree/dependencyTree';
import { packageLabel } from '../tree/describe';
import type { LockGraph, LockedPackage } from '../tree/model';

/** At most this many names are listed; the rest are counted. */
const MAX_NAMES = 5;

function nameList(pkgs: readonly LockedPackage[]): string {
  const shown = pkgs.slice(0, MAX_NAMES).map((p) => inlineCode(packageLabel(p), 80));
  return pkgs.length > MAX_NAMES ? `${shown.join(', ')} and ${pkgs.length - MAX_NAMES} more` : shown.join(', ');
}

function worstBelow(findings: readonly Finding[], dep: Dependency): Finding | undefined {
  const below = findings.filter((f) => f.dependency === dep && f.via !== undefined && f.via.length > 1);
  return below.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))[0];
}

export function treeHoverLines(analysis: Analysis, dep: Dependency): string[] {
  if (!analysis.tree) return [];
  const tree = dependencyTreeOf(analysis.tree, analysis.manifest);
  const source = escapeMarkdown(tree.graph.source);
  const roots = tree.rootsOf(dep);
  if (roots.length === 0) return tree.dependencies.includes(dep) ? ['', `Not in ${source}.`] : [];

  const workspaces = roots.filter((r) => r.source === 'workspace');
  if (workspaces.length === roots.length) return workspaceHoverLines(tree.graph, workspaces, source);

  const reach = tree.reach(dep);
  const below = reach.order.filter((p) => (reach.depth.get(p.id) ?? 0) > 0 && p.source !== 'workspace');
  const deepest = Math.max(0, ...below.map((p) => reach.depth.get(p.id) ?? 0));
  const lines = [''];
  lines.push(
    below.length === 0
      ? `Brings in no other packages (${source}).`
      : `Brings in ${below.length} package${below.length === 1 ? '' : 's'}, up to ${deepest} level${deepest === 1 ? '' : 's'} deep (${source}).`,
  );

  const scripted = below.filter((p) => p.installScript === true);
  if (scripted.length > 0) lines.push('', `${scripted.length} of them run${scripted.length === 1 ? 's' : ''} code when installed: ${nameList(scripted)}.`);
  else if (below.length > 0 && below.every((p) => p.installScript === false)) lines.push('', 'None of them runs an install script.');

  const worst = worstBelow(analysis.findings, dep);
  if (worst) lines.push('', `Worst below: **${worst.rule}** (${worst.severity}): ${escapeMarkdown(worst.message, 400)}`);

  // A compiled requirements file lists transitive packages too: say which ones pull this one in.
  const parents = roots.flatMap((r) => tree.parentsOf(r.id)).filter((p) => p.source !== 'workspace');
  if (parents.length > 0) lines.push('', `Also needed by ${nameList(parents)}.`);
  return lines;
}

/**
 * A sibling workspace package: what it brings in is reported once, on its own manifest, not here;
 * the hover still says what runs code at install below it, so nothing is hidden from this side.
 */
function workspaceHoverLines(graph: LockGraph, workspaces: readonly LockedPackage[], source: string): string[] {
  const seen = new Set<string>(workspaces.map((w) => w.id));
  const queue = [...workspaces];
  const below: LockedPackage[] = [];
  for (let i = 0; i < queue.length; i++) {
    for (const childId of queue[i].dependencies) {
      const child = graph.packages.get(childId);
      // A further workspace is another manifest again, with its own report.
      if (!child || seen.has(childId) || child.source === 'workspace') continue;
      seen.add(childId);
      below.push(child);
      queue.push(child);
    }
  }
  // npm keys a workspace by its folder, pnpm as `importer:folder`; the name may be the package's.
  const where = workspaces
    .map((w) => {
      const folder = w.id.replace(/^importer:/, '');
      return folder === w.name ? inlineCode(folder, 80) : `${inlineCode(w.name, 80)} at ${inlineCode(folder, 80)}`;
    })
    .join(', ');
  const lines = ['', `A package of this workspace (${where} in ${source}): the findings about what it brings in are reported on its own manifest, once, not again here.`];
  const scripted = below.filter((p) => p.installScript === true);
  if (scripted.length > 0) lines.push('', `Below it, ${scripted.length} package${scripted.length === 1 ? '' : 's'} of ${below.length} run${scripted.length === 1 ? 's' : ''} code when installed: ${nameList(scripted)}.`);
  else if (below.length > 0) lines.push('', `It brings in ${below.length} package${below.length === 1 ? '' : 's'}.`);
  return lines;
}
