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
import type { LockedPackage } from '../tree/model';

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
