/**
 * The common walk of the lockfile rules: every locked package below every direct dependency,
 * reported on the NAME token of the direct dependency that brings it in, with the chain in `via`.
 *
 * A package that is itself some direct dependency's locked package is reported on that dependency
 * only (depth 0), never again below the others that also need it; a package reachable through two
 * direct dependencies is reported on both, each with its own shortest chain.
 */
import type { Dependency, Severity } from '../model/model';
import { normalizeName } from '../model/names';
import { dependencyTreeOf } from '../tree/dependencyTree';
import { describeBelow, describeUnattached, viaNames } from '../tree/describe';
import type { LockedPackage, LockGraph } from '../tree/model';
import type { RawFinding, RuleContext } from './types';

/** What is wrong with one locked package: the predicate of the message ("runs an install script"). */
export interface LockedProblem {
  predicate: string;
  severity?: Severity;
  detail?: string;
}

export interface LockedCheck {
  /** Whether to check a direct dependency's own locked package (facts only the lockfile shows). */
  checksDirect(dependency: Dependency, pkg: LockedPackage): boolean;
  /** The problem with a package, or undefined; asked once per package, whatever its parents. */
  problem(pkg: LockedPackage, graph: LockGraph): LockedProblem | undefined;
}

export function checkLockedPackages(ctx: RuleContext, check: LockedCheck): RawFinding[] {
  if (!ctx.tree) return [];
  const tree = dependencyTreeOf(ctx.tree, ctx.manifest);
  const graph = tree.graph;
  // Ask about each package once; most have nothing wrong, so only the few flagged ones are then
  // looked up under each direct dependency.
  const flagged: Array<[LockedPackage, LockedProblem]> = [];
  for (const pkg of graph.packages.values()) {
    const problem = check.problem(pkg, graph);
    if (problem) flagged.push([pkg, problem]);
  }
  if (flagged.length === 0) return [];

  const out: RawFinding[] = [];
  // A package listed twice (peer and dev, say) brings in the same tree: report it under the first.
  const seen = new Set<string>();
  for (const dependency of tree.dependencies) {
    const key = normalizeName(dependency.ecosystem, dependency.name);
    if (seen.has(key)) continue;
    seen.add(key);
    const reach = tree.reach(dependency);
    for (const [pkg, problem] of flagged) {
      const depth = reach.depth.get(pkg.id);
      if (depth === undefined || (depth === 0 ? !check.checksDirect(dependency, pkg) : tree.isDirect(pkg))) continue;
      const chain = tree.chain(dependency, pkg);
      out.push({
        span: dependency.nameSpan,
        package: pkg.name,
        dependency,
        via: viaNames(dependency, chain),
        message: `${describeBelow(dependency, chain, graph)} ${problem.predicate}.`,
        ...(problem.severity ? { severity: problem.severity } : {}),
        ...(problem.detail ? { detail: problem.detail } : {}),
      });
    }
  }

  // A flat lockfile cannot say which dependency brings a package in; its risks still belong on the page.
  if (!graph.hasEdges) {
    const unreached = new Set(tree.unreached().map((p) => p.id));
    for (const [pkg, problem] of flagged) {
      if (!unreached.has(pkg.id)) continue;
      out.push({ span: { start: 0, end: 0 }, package: pkg.name, via: [pkg.name], message: `${describeUnattached(pkg, graph)} ${problem.predicate}.`, ...(problem.severity ? { severity: problem.severity } : {}) });
    }
  }
  return out;
}

/** Whether the manifest itself says "from the registry", so a lockfile saying otherwise is news. */
export function declaredFromRegistry(dependency: Dependency): boolean {
  return dependency.source === 'registry' || dependency.source === 'alias';
}
