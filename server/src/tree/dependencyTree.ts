/**
 * A lockfile's graph hung under one manifest's direct dependencies: which locked packages each
 * direct dependency brings in, and by which chain. Built lazily, once per analysis (memoized on
 * the parsed manifest), and shared by the transitive rules and the hover.
 *
 * Every walk is an iterative breadth-first search with a visited set, so cycles (npm allows them)
 * and chains thousands deep cost what the graph costs, nothing more; the first path a breadth-
 * first search finds is a shortest one, which is the chain a message should show.
 */
import type { Dependency, Manifest } from '../model/model';
import { normalizeName } from '../model/names';
import type { LockedPackage, LockGraph, LockTree } from './model';

/** What one direct dependency brings in: each reached package with its parent on a shortest path. */
export interface Reach {
  /** The packages in breadth-first order, the dependency's own locked package(s) first. */
  order: LockedPackage[];
  /** id → the id it was reached from (absent for the roots). */
  parent: Map<string, string>;
  /** id → levels below the direct dependency (0 for its own locked package). */
  depth: Map<string, number>;
}

/** A locked package below a direct dependency; `depth` 0 is the dependency's own package. */
export interface Below {
  dependency: Dependency;
  pkg: LockedPackage;
  depth: number;
}

/** Sections whose entries are installed; overrides, resolutions and central versions only steer. */
const NOT_INSTALLED = new Set(['overrides', 'resolutions', 'bundleDependencies', 'constraint', 'PackageVersion']);

export function isInstalledDependency(dep: Dependency): boolean {
  return !NOT_INSTALLED.has(dep.section);
}

export class DependencyTree {
  readonly graph: LockGraph;
  readonly dependencies: readonly Dependency[];
  private readonly roots = new Map<Dependency, LockedPackage[]>();
  private readonly rootIds = new Set<string>();
  private readonly reaches = new Map<Dependency, Reach>();
  private parentsIndex?: Map<string, string[]>;
  private reachedIds?: Set<string>;

  constructor(tree: LockTree, manifest: Manifest) {
    this.graph = tree.graph;
    this.dependencies = manifest.dependencies.filter(isInstalledDependency);
    const importer = tree.graph.importers.get(tree.importer);
    for (const dep of this.dependencies) {
      const ids = importer?.dependencies.get(normalizeName(dep.ecosystem, dep.name)) ?? singleId(tree.graph.resolveSpec?.(dep.name, dep.spec ?? ''));
      const pkgs = ids.map((id) => tree.graph.packages.get(id)).filter((p): p is LockedPackage => p !== undefined);
      this.roots.set(dep, pkgs);
      for (const p of pkgs) this.rootIds.add(p.id);
    }
  }

  /** The locked package(s) a direct dependency resolved to; empty when the lockfile lacks it. */
  rootsOf(dep: Dependency): readonly LockedPackage[] {
    return this.roots.get(dep) ?? [];
  }

  /** Whether a package is some direct dependency's own (reported on that dependency, not below others). */
  isDirect(pkg: LockedPackage): boolean {
    return this.rootIds.has(pkg.id);
  }

  reach(dep: Dependency): Reach {
    let reach = this.reaches.get(dep);
    if (!reach) {
      reach = breadthFirst(this.graph, this.rootsOf(dep));
      this.reaches.set(dep, reach);
    }
    return reach;
  }

  /** Every (direct dependency, locked package) pair, the dependency's own package included. */
  *below(): Generator<Below> {
    for (const dependency of this.dependencies) {
      const reach = this.reach(dependency);
      for (const pkg of reach.order) yield { dependency, pkg, depth: reach.depth.get(pkg.id) ?? 0 };
    }
  }

  /** The shortest chain from the dependency's own package down to `pkg` (both included). */
  chain(dependency: Dependency, pkg: LockedPackage): LockedPackage[] {
    return chainTo(this.graph, this.reach(dependency), pkg.id);
  }

  /** Packages no direct dependency reaches (another workspace's, or a flat lockfile's). */
  unreached(): LockedPackage[] {
    if (!this.reachedIds) {
      this.reachedIds = new Set();
      for (const dep of this.dependencies) for (const pkg of this.reach(dep).order) this.reachedIds.add(pkg.id);
    }
    return [...this.graph.packages.values()].filter((p) => !this.reachedIds?.has(p.id) && p.source !== 'workspace');
  }

  /** The packages that depend on `id` directly (for "pulled in by" in the hover). */
  parentsOf(id: string): LockedPackage[] {
    if (!this.parentsIndex) {
      this.parentsIndex = new Map();
      for (const pkg of this.graph.packages.values()) {
        for (const child of pkg.dependencies) {
          const list = this.parentsIndex.get(child);
          if (list) list.push(pkg.id);
          else this.parentsIndex.set(child, [pkg.id]);
        }
      }
    }
    return (this.parentsIndex.get(id) ?? []).map((p) => this.graph.packages.get(p)).filter((p): p is LockedPackage => p !== undefined);
  }
}

function singleId(id: string | undefined): string[] {
  return id === undefined ? [] : [id];
}

function breadthFirst(graph: LockGraph, roots: readonly LockedPackage[]): Reach {
  const order: LockedPackage[] = [];
  const parent = new Map<string, string>();
  const depth = new Map<string, number>();
  for (const root of roots) {
    if (depth.has(root.id)) continue;
    depth.set(root.id, 0);
    order.push(root);
  }
  for (let i = 0; i < order.length; i++) {
    const current = order[i];
    // Another workspace of the repository is a manifest of its own: what it brings in is reported
    // there, once, not again on every sibling that depends on it.
    if (current.source === 'workspace') continue;
    const nextDepth = (depth.get(current.id) as number) + 1;
    for (const childId of current.dependencies) {
      if (depth.has(childId)) continue;
      const child = graph.packages.get(childId);
      if (!child) continue;
      depth.set(childId, nextDepth);
      parent.set(childId, current.id);
      order.push(child);
    }
  }
  return { order, parent, depth };
}

/** The shortest chain from the direct dependency's own package down to `id`. */
function chainTo(graph: LockGraph, reach: Reach, id: string): LockedPackage[] {
  const chain: LockedPackage[] = [];
  for (let at: string | undefined = id; at !== undefined; at = reach.parent.get(at)) {
    const pkg = graph.packages.get(at);
    if (pkg) chain.push(pkg);
  }
  return chain.reverse();
}

const memo = new WeakMap<Manifest, { tree: LockTree; dependencyTree: DependencyTree }>();

/** The dependency tree of one analysis, built on first use and shared by every rule and the hover. */
export function dependencyTreeOf(tree: LockTree, manifest: Manifest): DependencyTree {
  const hit = memo.get(manifest);
  if (hit && hit.tree.graph === tree.graph && hit.tree.importer === tree.importer) return hit.dependencyTree;
  const dependencyTree = new DependencyTree(tree, manifest);
  memo.set(manifest, { tree, dependencyTree });
  return dependencyTree;
}
