/**
 * package-lock.json / npm-shrinkwrap.json → the whole locked tree.
 *
 * Lockfile v2 and v3 keep a flat `packages` map keyed by install path (`node_modules/a`,
 * `node_modules/a/node_modules/b`, `packages/app` for a workspace) with `hasInstallScript`,
 * `resolved`, `integrity`, `link`, `dev`/`optional`/`peer`/`inBundle`. Lockfile v1 keeps a nested
 * `dependencies` tree with `requires`; it is flattened here to the same install paths so both
 * resolve dependencies the way Node does: from the dependent's folder upwards.
 */
import { normalizeName } from '../../model/names';
import { addDirect, emptyGraph, unreadable, type LockedPackage, type LockGraph } from '../../tree/model';
import { sourceOfResolved } from '../../tree/sources';
import { asFlag, asObject, asString, parseJsonLenient, type Obj } from './untrusted';

/** Where a package's own dependencies are declared in a v2+ entry (dev ones only for projects). */
const EDGE_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;
const PROJECT_EDGE_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

/**
 * Install paths nested deeper than this are skipped. Real trees stay far below it (path-length
 * limits alone see to that); a crafted one could otherwise make Node's upward lookup quadratic.
 */
const MAX_NESTING = 100;

function nesting(path: string): number {
  let count = 0;
  for (let at = path.indexOf('node_modules/'); at !== -1; at = path.indexOf('node_modules/', at + 1)) count++;
  return count;
}

export function readNpmTree(text: string, source: string): LockGraph | undefined {
  const parsed = parseJsonLenient(text);
  if (parsed === undefined) return unreadable(emptyGraph('npm', source, 'npm lockfile', 'npm install'), 'is not valid JSON (cut short, or left with merge conflict markers)');
  const lock = asObject(parsed);
  const version = typeof lock.lockfileVersion === 'number' ? lock.lockfileVersion : undefined;
  const packages = asObject(lock.packages);
  if (Object.keys(packages).length > 0) return fromPackages(packages, source, version ?? 2);
  const dependencies = asObject(lock.dependencies);
  if (Object.keys(dependencies).length > 0) return fromNestedDependencies(dependencies, source);
  return undefined;
}

/** The name under the last `node_modules/` of an install path. */
function nameAtPath(path: string): string {
  const i = path.lastIndexOf('node_modules/');
  return i === -1 ? path.slice(path.lastIndexOf('/') + 1) : path.slice(i + 'node_modules/'.length);
}

function parentFolder(folder: string): string | undefined {
  if (folder === '') return undefined;
  const i = folder.lastIndexOf('/');
  return i === -1 ? '' : folder.slice(0, i);
}

/**
 * Node's lookup: `name` required from `folder` is the first `<dir>/node_modules/<name>` found
 * walking from `folder` up to the lockfile's folder. A `link` entry stands for its target.
 */
function resolveFrom(entries: Map<string, Obj>, folder: string, name: string): string | undefined {
  for (let dir: string | undefined = folder; dir !== undefined; dir = parentFolder(dir)) {
    const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    const entry = entries.get(candidate);
    if (!entry) continue;
    const target = asFlag(entry.link) ? asString(entry.resolved) : undefined;
    return target !== undefined && entries.has(target) ? target : candidate;
  }
  return undefined;
}

/** A linked folder inside the project is one of its workspaces; outside it, a local path. */
function linkSource(target: string): LockedPackage['source'] {
  return target.startsWith('..') || target.startsWith('/') || /^[a-z]:/i.test(target) ? 'path' : 'workspace';
}

function fromPackages(packages: Obj, source: string, lockfileVersion: number): LockGraph {
  const graph = emptyGraph('npm', source, `npm lockfile v${lockfileVersion}`, 'npm install');
  const entries = new Map<string, Obj>();
  for (const [path, value] of Object.entries(packages)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    if (nesting(path) > MAX_NESTING) {
      if (graph.problems.length === 0) graph.problems.push(`${source} nests packages more than ${MAX_NESTING} levels deep; those were skipped.`);
      continue;
    }
    entries.set(path, value as Obj);
  }
  const linkTargets = new Set<string>();
  for (const entry of entries.values()) if (asFlag(entry.link) && typeof entry.resolved === 'string') linkTargets.add(entry.resolved);

  for (const [path, entry] of entries) {
    if (path === '') continue; // the root is the manifest itself
    if (asFlag(entry.link)) {
      // A link stands for its target; only a target the lockfile does not describe needs a node of its own.
      const target = asString(entry.resolved) ?? '';
      if (!entries.has(target)) graph.packages.set(path, { id: path, name: nameAtPath(path), version: '', resolved: target, source: linkSource(target), dependencies: [] });
      continue;
    }
    const isProjectFolder = !path.includes('node_modules/');
    const resolved = asString(entry.resolved);
    const pkg: LockedPackage = {
      id: path,
      name: asString(entry.name) ?? nameAtPath(path),
      version: asString(entry.version) ?? '',
      resolved,
      integrity: asString(entry.integrity),
      // v2+ records `hasInstallScript: true` for every package with an install-time script, so absence means none.
      installScript: asFlag(entry.hasInstallScript),
      source: isProjectFolder || linkTargets.has(path) ? linkSource(path) : sourceOfResolved(resolved, 'npm'),
      dev: asFlag(entry.dev) || undefined,
      optional: asFlag(entry.optional) || asFlag(entry.devOptional) || undefined,
      peer: asFlag(entry.peer) || undefined,
      bundled: asFlag(entry.inBundle) || undefined,
      deprecated: asString(entry.deprecated),
      dependencies: [],
    };
    const os = Array.isArray(entry.os) ? entry.os.filter((o): o is string => typeof o === 'string') : [];
    if (os.length > 0) pkg.os = os;
    graph.packages.set(path, pkg);
  }

  for (const [path, entry] of entries) {
    if (asFlag(entry.link)) continue;
    const isProject = path === '' || !path.includes('node_modules/');
    const fields = isProject ? PROJECT_EDGE_FIELDS : EDGE_FIELDS;
    const targets = new Set<string>();
    for (const field of fields) {
      for (const name of Object.keys(asObject(entry[field]))) {
        const id = resolveFrom(entries, path, name);
        if (id === undefined) continue; // an optional or peer dependency left uninstalled
        targets.add(id);
        if (isProject) addDirect(graph, path, normalizeName('npm', name), id);
      }
    }
    const pkg = graph.packages.get(path);
    if (pkg) pkg.dependencies = [...targets].filter((id) => id !== path);
  }
  if (!entries.has('')) {
    // npm always writes the root entry; a hand-made lockfile without one still installs its top level.
    for (const path of entries.keys()) if (nesting(path) === 1 && path.startsWith('node_modules/')) addDirect(graph, '', normalizeName('npm', nameAtPath(path)), resolveFrom(entries, '', nameAtPath(path)) ?? path);
  }
  if (!graph.importers.has('')) graph.importers.set('', { dependencies: new Map() });
  return graph;
}

/**
 * Lockfile v1: `dependencies: {a: {version, resolved, integrity, requires, dependencies: {…}}}`.
 * The nesting is walked with an explicit stack (a hostile file can nest deeper than the call stack).
 */
function fromNestedDependencies(top: Obj, source: string): LockGraph {
  const graph = emptyGraph('npm', source, 'npm lockfile v1', 'npm install');
  const entries = new Map<string, Obj>();
  const stack: Array<[string, Obj, number]> = [['', top, 1]];
  while (stack.length > 0) {
    const [folder, deps, level] = stack.pop() as [string, Obj, number];
    for (const [name, value] of Object.entries(deps)) {
      const entry = asObject(value);
      const path = folder === '' ? `node_modules/${name}` : `${folder}/node_modules/${name}`;
      entries.set(path, entry);
      const nested = asObject(entry.dependencies);
      if (Object.keys(nested).length === 0) continue;
      if (level < MAX_NESTING) stack.push([path, nested, level + 1]);
      else if (graph.problems.length === 0) graph.problems.push(`${source} nests packages more than ${MAX_NESTING} levels deep; those were skipped.`);
    }
  }

  for (const [path, entry] of entries) {
    const version = asString(entry.version) ?? '';
    // v1 writes a git or file dependency's location into `version` and leaves `resolved` out.
    const resolved = asString(entry.resolved) ?? (/^[\d]/.test(version) ? undefined : version);
    graph.packages.set(path, {
      id: path,
      name: nameAtPath(path),
      version,
      resolved,
      integrity: asString(entry.integrity),
      source: sourceOfResolved(resolved, 'npm'),
      dev: asFlag(entry.dev) || undefined,
      optional: asFlag(entry.optional) || undefined,
      bundled: asFlag(entry.bundled) || undefined,
      dependencies: [],
    });
    if (!path.slice('node_modules/'.length).includes('node_modules/')) addDirect(graph, '', normalizeName('npm', nameAtPath(path)), path);
  }
  for (const [path, entry] of entries) {
    const pkg = graph.packages.get(path) as LockedPackage;
    const targets = new Set<string>();
    for (const name of Object.keys(asObject(entry.requires))) {
      const id = resolveFrom(entries, path, name);
      if (id !== undefined && id !== path) targets.add(id);
    }
    pkg.dependencies = [...targets];
  }
  if (!graph.importers.has('')) graph.importers.set('', { dependencies: new Map() });
  return graph;
}
