/**
 * pnpm-lock.yaml → the locked tree, for lockfile versions 5.x, 6.x and 9.x, whose shapes differ:
 *
 * - 5.x: `packages` keyed `/name/1.0.0` (peers after `_`); the project's dependencies at the top
 *   level (`dependencies: {a: 1.0.0}` + `specifiers`) or per workspace under `importers`.
 * - 6.x: keys `/name@1.0.0(peer@1.0.0)`; top-level or importer dependencies `{a: {specifier, version}}`.
 * - 9.x: `packages` keyed `name@1.0.0` hold resolution and metadata; `snapshots` (keyed with the
 *   peer suffix) hold each installed instance's dependencies; importers always present.
 *
 * 5.x and 6.x record `requiresBuild: true` for packages with install scripts; 9.x no longer does.
 * The YAML is read by js-yaml's failsafe schema through `@yarnpkg/parsers` (parseSyml is exactly
 * that for any text that is not a v1 yarn.lock): the `yaml` package takes 300–500 ms on a
 * 2,000-package lockfile, js-yaml about 25 ms. Every scalar arrives as a string.
 */
import { parseSyml } from '@yarnpkg/parsers';
import { normalizeName } from '../../model/names';
import { addDirect, emptyGraph, unparsable, type LockedPackage, type LockedSource, type LockGraph } from '../../tree/model';
import { sourceOfResolved } from '../../tree/sources';
import { asFlag, asObject, asString, splitDescriptor, type Obj } from './untrusted';

const IMPORTER_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

export function readPnpmTree(text: string, source: string): LockGraph {
  const graph = emptyGraph('npm', source, 'pnpm lockfile', 'pnpm install');
  let lock: Obj;
  try {
    lock = asObject(parseSyml(text));
  } catch (err) {
    return unparsable(graph, err);
  }
  const version = asString(lock.lockfileVersion) ?? '';
  graph.format = `pnpm lockfile ${version || '(unknown version)'}`;
  const major = Number.parseInt(version, 10);
  const v5 = major === 5 || major < 5;
  const recordsBuilds = major < 9; // 9.0 dropped `requiresBuild`
  const overrides = Object.entries(asObject(lock.overrides)).filter((e): e is [string, string] => typeof e[1] === 'string');
  if (overrides.length > 0) graph.overrides = new Map(overrides);
  const metadata = asObject(lock.packages);
  const instances = major >= 9 ? asObject(lock.snapshots) : metadata;

  for (const [key, value] of Object.entries(instances)) {
    const instance = asObject(value);
    const meta = major >= 9 ? asObject(metadata[withoutPeers(key, false)]) : instance;
    graph.packages.set(key, packageOf(key, meta, instance, v5, recordsBuilds));
  }

  const importers = Object.keys(asObject(lock.importers)).length > 0 ? asObject(lock.importers) : { '.': lock };
  // Each workspace is also a node, so a `link:` to a sibling workspace leads into its dependencies.
  for (const folder of Object.keys(importers)) {
    const path = normalizeFolder(folder);
    graph.packages.set(`importer:${path}`, { id: `importer:${path}`, name: path || '.', version: '', source: 'workspace', dependencies: [] });
    if (!graph.importers.has(path)) graph.importers.set(path, { dependencies: new Map() });
  }
  const resolveRef = (name: string, ref: string, folder = ''): string | undefined => {
    if (ref.startsWith('link:')) {
      const target = joinFolder(folder, ref.slice('link:'.length));
      return target !== undefined && graph.packages.has(`importer:${target}`) ? `importer:${target}` : undefined;
    }
    const candidates = v5 ? [`/${name}/${ref}`, ref, `/${ref}`] : major >= 9 ? [`${name}@${ref}`, ref] : [`/${name}@${ref}`, ref, `/${ref}`];
    return candidates.find((c) => graph.packages.has(c));
  };

  for (const [key, value] of Object.entries(instances)) {
    const instance = asObject(value);
    const targets = new Set<string>();
    for (const [name, ref] of refsOf(instance)) {
      const id = resolveRef(name, ref);
      if (id !== undefined && id !== key) targets.add(id);
    }
    (graph.packages.get(key) as LockedPackage).dependencies = [...targets];
  }

  for (const [folder, value] of Object.entries(importers)) {
    const importer = asObject(value);
    const path = normalizeFolder(folder);
    const node = graph.packages.get(`importer:${path}`) as LockedPackage;
    for (const field of IMPORTER_FIELDS) {
      for (const [name, ref] of importerRefs(importer[field])) {
        const id = resolveRef(name, ref, path);
        if (id === undefined) continue;
        node.dependencies.push(id);
        addDirect(graph, path, normalizeName('npm', name), id);
      }
    }
  }
  return graph;
}

/** `{a: 1.0.0}` (5.x) or `{a: {specifier: ^1, version: 1.0.0}}` (6.x, 9.x) → [name, ref]. */
function importerRefs(value: unknown): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, entry] of Object.entries(asObject(value))) {
    const ref = typeof entry === 'string' ? entry : asString(asObject(entry).version);
    if (ref !== undefined) out.push([name, ref]);
  }
  return out;
}

function refsOf(instance: Obj): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const field of ['dependencies', 'optionalDependencies'] as const) {
    for (const [name, ref] of Object.entries(asObject(instance[field]))) {
      const r = asString(ref);
      if (r !== undefined) out.push([name, r]);
    }
  }
  return out;
}

/** `./packages/a/` → `packages/a`; `.` → ''. */
function normalizeFolder(folder: string): string {
  return folder.replace(/\\/g, '/').replace(/^\.\/?/, '').replace(/\/$/, '');
}

/** `packages/b` + `../a` → `packages/a`: a `link:` is relative to the importer that declares it. */
function joinFolder(base: string, relative: string): string | undefined {
  const parts = base === '' ? [] : base.split('/');
  for (const part of relative.replace(/\\/g, '/').split('/')) {
    if (part === '..') {
      if (parts.length === 0) return undefined; // outside the lockfile's folder: not one of its workspaces
      parts.pop();
    } else if (part !== '' && part !== '.') parts.push(part);
  }
  return parts.join('/');
}

/** Drops the peer suffix: `(react@18.2.0)…` in 6.x/9.x, `_react@18.2.0` in 5.x. */
function withoutPeers(key: string, v5: boolean): string {
  if (v5) {
    const slash = key.lastIndexOf('/');
    const underscore = key.indexOf('_', slash + 1);
    return underscore === -1 ? key : key.slice(0, underscore);
  }
  const paren = key.indexOf('(');
  return paren === -1 ? key : key.slice(0, paren);
}

/** Name and version from a key, for entries that do not state them. */
function nameAndVersion(key: string, v5: boolean): { name: string; version: string } {
  const bare = withoutPeers(key.startsWith('/') ? key.slice(1) : key, v5);
  if (v5) {
    const slash = bare.lastIndexOf('/');
    return slash <= 0 ? { name: bare, version: '' } : { name: bare.slice(0, slash), version: bare.slice(slash + 1) };
  }
  const { name, range } = splitDescriptor(bare);
  return { name, version: range };
}

function packageOf(key: string, meta: Obj, instance: Obj, v5: boolean, recordsBuilds: boolean): LockedPackage {
  const parsed = nameAndVersion(key, v5);
  const resolution = asObject(meta.resolution);
  const { source, resolved } = sourceOfResolution(resolution);
  return {
    id: key,
    name: asString(meta.name) ?? parsed.name,
    version: asString(meta.version) ?? parsed.version,
    resolved,
    integrity: asString(resolution.integrity),
    installScript: recordsBuilds ? asFlag(meta.requiresBuild) : undefined,
    source,
    dev: asFlag(meta.dev) || undefined,
    optional: asFlag(meta.optional) || asFlag(instance.optional) || undefined,
    deprecated: asString(meta.deprecated),
    dependencies: [],
  };
}

/** `{integrity}`: the registry; `{tarball}`: a URL; `{type: git, repo, commit}`; `{type: directory, directory}`. */
function sourceOfResolution(resolution: Obj): { source: LockedSource; resolved?: string } {
  const type = asString(resolution.type);
  const repo = asString(resolution.repo);
  if (type === 'git' || (repo && resolution.commit !== undefined)) {
    const commit = asString(resolution.commit);
    return { source: 'git', resolved: repo ? `${repo}${commit ? `#${commit}` : ''}` : undefined };
  }
  const directory = asString(resolution.directory);
  if (type === 'directory' || directory !== undefined) return { source: 'path', resolved: directory };
  const tarball = asString(resolution.tarball);
  if (tarball !== undefined) return { source: sourceOfResolved(tarball, 'npm'), resolved: tarball };
  return { source: 'registry' };
}
