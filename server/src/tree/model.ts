/**
 * The dependency tree a lockfile records: every locked package, where its code comes from, and
 * which packages it pulls in. One reader per lockfile format (manifests/lockfiles/*Tree.ts) turns
 * a lockfile's text into a `LockGraph`; `dependencyTree.ts` hangs it under a manifest's direct
 * dependencies; rules and hovers read it. Plain data, built once per lockfile text and cached.
 */
import type { Ecosystem } from '../model/model';

/**
 * Where a locked package's code comes from, judged from the lockfile alone:
 * `registry` (a registry tarball / wheel / nupkg, or no URL at all, which means the default
 * registry), `git`, `url` (a tarball or archive elsewhere), `path` (a local folder or file), and
 * `workspace` (a project of this repository, linked rather than installed).
 */
export type LockedSource = 'registry' | 'git' | 'url' | 'path' | 'workspace';

export interface LockedPackage {
  /** Unique within its graph: the lockfile's own key (npm install path, pnpm/yarn key, `id/version`). */
  id: string;
  /** The real package name (for an npm alias, the aliased package). */
  name: string;
  /** The locked version; '' where the lockfile records none (a link, a project reference). */
  version: string;
  /** Where the lockfile says the code is fetched from, as written (URL, git spec, path). */
  resolved?: string;
  /** The integrity hash the package manager checks the download against, as written. */
  integrity?: string;
  /**
   * Whether installing it runs code of its own (npm `hasInstallScript`, pnpm `requiresBuild`, a
   * PyPI sdist without wheels, a NuGet `tools/init.ps1`). Undefined where the lockfile does not
   * record it (npm v1, yarn, pnpm 9, pip-compile output): the registry has to say.
   */
  installScript?: boolean;
  source: LockedSource;
  /** Installed only for development (npm/pnpm `dev`). */
  dev?: boolean;
  /** An optional dependency (platform-specific binaries and the like). */
  optional?: boolean;
  /** Installed to satisfy a peer dependency. */
  peer?: boolean;
  /** The operating systems it installs on (npm `os`, e.g. `["darwin"]`); absent: all, or not recorded. */
  os?: string[];
  /** Shipped inside its parent's tarball (npm `inBundle`): no URL or hash of its own. */
  bundled?: boolean;
  /** The deprecation message the lockfile carries (pnpm records it), for the registry rules. */
  deprecated?: string;
  /** Ids of the packages it depends on, in this graph. */
  dependencies: string[];
}

/** One project the lockfile installs (the root package, a workspace, a target framework set). */
export interface LockImporter {
  /** Its direct dependencies: name in the ecosystem's normal form → the ids they resolve to. */
  dependencies: Map<string, string[]>;
}

export interface LockGraph {
  ecosystem: Ecosystem;
  /** The lockfile as named in messages: `package-lock.json`, `obj/project.assets.json`… */
  source: string;
  /** Format and version in words, for the hover and logs: `npm lockfile v3`, `pnpm lockfile 9.0`… */
  format: string;
  /** The command that brings the lockfile back in line with the manifest, for messages. */
  updateCommand: string;
  packages: Map<string, LockedPackage>;
  /** The projects it installs, keyed by folder relative to the lockfile's ('' for its own folder). */
  importers: Map<string, LockImporter>;
  /**
   * For lockfiles keyed by what was asked for (yarn): the id that `name@spec` resolves to, for a
   * direct dependency no importer lists.
   */
  resolveSpec?: (name: string, spec: string) => string | undefined;
  /** False when the lockfile records no dependency edges (uv's pylock.toml): the tree is flat. */
  hasEdges: boolean;
  /** True when the lockfile is the manifest itself (a pip-compile output read as its own tree). */
  isManifestItself?: boolean;
  /**
   * pnpm: the overrides the lockfile was resolved with (selector → spec, `overrides:`), so every
   * copy they steer is pinned by the lockfile whether or not the copy is a direct dependency.
   */
  overrides?: Map<string, string>;
  /** What could not be read, in words (a truncated file, an unknown lockfile version). */
  problems: string[];
}

/** A lockfile's graph as one manifest sees it: which of its importers the manifest is. */
export interface LockTree {
  graph: LockGraph;
  /** The manifest's folder relative to the lockfile's, with `/` separators ('' when beside it). */
  importer: string;
}

export function emptyGraph(ecosystem: Ecosystem, source: string, format: string, updateCommand: string): LockGraph {
  return { ecosystem, source, format, updateCommand, packages: new Map(), importers: new Map(), hasEdges: true, problems: [] };
}

/** Records that `importer` depends directly on `id` under `name` (already in normal form). */
export function addDirect(graph: LockGraph, importer: string, name: string, id: string): void {
  let entry = graph.importers.get(importer);
  if (!entry) graph.importers.set(importer, (entry = { dependencies: new Map() }));
  const ids = entry.dependencies.get(name);
  if (!ids) entry.dependencies.set(name, [id]);
  else if (!ids.includes(id)) ids.push(id);
}

/**
 * Marks a lockfile that could not be read: it stays a graph (so the mismatch rule can say so once)
 * but with no packages, which no rule mistakes for "every dependency is missing".
 */
export function unreadable(graph: LockGraph, why: string): LockGraph {
  graph.packages.clear();
  graph.importers.clear();
  graph.problems.push(`${graph.source} ${why}`);
  return graph;
}

/** A lockfile whose parser threw: marked unreadable with the parser's first line of complaint. */
export function unparsable(graph: LockGraph, err: unknown): LockGraph {
  return unreadable(graph, `could not be parsed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
}

/** Whether a graph is a lockfile that could not be read (nothing in it can be trusted as complete). */
export function isUnreadable(graph: LockGraph): boolean {
  return graph.problems.length > 0 && graph.packages.size === 0;
}
