/**
 * pylock.toml (PEP 751, packaging.python.org "pylock.toml Specification") → the locked tree.
 *
 * `[[packages]]` entries carry `name`, `version`, optionally `dependencies = [{name = "…"}]`
 * (tools SHOULD record them; uv does not, so its locks are flat), and exactly one source:
 * `vcs` (url/path + commit-id), `directory` (path), `archive` (url/path + hashes), or an index's
 * `sdist` and/or `wheels` (url + hashes). A package with no wheel is built on install, which
 * runs its build backend: the PyPI counterpart of an install script.
 */
import { normalizeName } from '../../model/names';
import { addDirect, emptyGraph, type LockedPackage, type LockedSource, type LockGraph } from '../../tree/model';
import { isPlainTextUrl } from '../../tree/sources';
import { tomlLockOrUnparsable } from './tomlData';
import { asArray, asObject, asString, type Obj } from './untrusted';

export function readPylockTree(text: string, source: string): LockGraph {
  const graph = emptyGraph('pypi', source, 'pylock.toml', 'the tool that wrote pylock.toml (e.g. `uv pip compile -o pylock.toml`)');
  const lock = tomlLockOrUnparsable(text, graph);
  if (!lock) return graph;
  const lockVersion = asString(lock['lock-version']);
  if (lockVersion) graph.format = `pylock.toml ${lockVersion}`;

  const entries = asArray(lock.packages).map(asObject).filter((p) => typeof p.name === 'string');
  const idsByName = new Map<string, string[]>();
  entries.forEach((entry, index) => {
    const pkg = packageOf(entry, index);
    graph.packages.set(pkg.id, pkg);
    const name = normalizeName('pypi', pkg.name);
    idsByName.set(name, [...(idsByName.get(name) ?? []), pkg.id]);
    addDirect(graph, '', name, pkg.id);
  });

  graph.hasEdges = entries.some((e) => Array.isArray(e.dependencies));
  entries.forEach((entry, index) => {
    const pkg = graph.packages.get(idOf(entry, index)) as LockedPackage;
    for (const dependency of asArray(entry.dependencies).map(asObject)) {
      const name = asString(dependency.name);
      if (!name) continue;
      const version = asString(dependency.version);
      for (const id of idsByName.get(normalizeName('pypi', name)) ?? []) {
        const target = graph.packages.get(id) as LockedPackage;
        if (id !== pkg.id && (version === undefined || target.version === version) && !pkg.dependencies.includes(id)) pkg.dependencies.push(id);
      }
    }
  });
  return graph;
}

function idOf(entry: Obj, index: number): string {
  return `${normalizeName('pypi', asString(entry.name) ?? '')}#${index}`;
}

function packageOf(entry: Obj, index: number): LockedPackage {
  const { source, locations, hashed, builds } = artifactsOf(entry);
  return {
    id: idOf(entry, index),
    name: asString(entry.name) ?? '',
    version: asString(entry.version) ?? asString(asObject(entry.vcs)['commit-id'])?.slice(0, 12) ?? '',
    // The worst location is the one to show: a plain-http one if any.
    resolved: locations.find(isPlainTextUrl) ?? locations[0],
    integrity: hashed ?? undefined,
    installScript: builds,
    source,
    dependencies: [],
  };
}

interface Artifacts {
  source: LockedSource;
  locations: string[];
  /** Hashes of the artifacts (all of them hashed); null where any downloadable artifact lacks one. */
  hashed: string | null | undefined;
  /** Whether installing builds from source; undefined when that cannot be told. */
  builds?: boolean;
}

function artifactsOf(entry: Obj): Artifacts {
  const vcs = asObject(entry.vcs);
  if (Object.keys(vcs).length > 0) {
    const location = asString(vcs.url) ?? asString(vcs.path);
    const commit = asString(vcs['commit-id']);
    return { source: asString(vcs.url) ? 'git' : 'path', locations: location ? [commit ? `${location}#${commit}` : location] : [], hashed: undefined, builds: true };
  }
  const directory = asObject(entry.directory);
  if (Object.keys(directory).length > 0) {
    const path = asString(directory.path);
    return { source: 'path', locations: path ? [path] : [], hashed: undefined, builds: true };
  }
  const archive = asObject(entry.archive);
  if (Object.keys(archive).length > 0) {
    const location = asString(archive.url) ?? asString(archive.path);
    return {
      source: asString(archive.url) ? 'url' : 'path',
      locations: location ? [location] : [],
      hashed: hashText(archive.hashes) ?? null,
      builds: location ? !/\.whl$/i.test(location) : undefined,
    };
  }
  const sdist = asObject(entry.sdist);
  const wheels = asArray(entry.wheels).map(asObject);
  const files = [...(Object.keys(sdist).length > 0 ? [sdist] : []), ...wheels];
  const hashes = files.map((f) => hashText(f.hashes));
  const index = asString(entry.index);
  const locations = [...files.map((f) => asString(f.url) ?? asString(f.path)).filter((u): u is string => u !== undefined), ...(index ? [index] : [])];
  return {
    source: 'registry',
    locations,
    hashed: files.length === 0 ? undefined : hashes.every((h) => h !== undefined) ? (hashes[0] as string) : null,
    builds: files.length === 0 ? undefined : wheels.length === 0,
  };
}

/** `{sha256 = "…"}` → `sha256:…`; undefined when there is no hash. */
function hashText(value: unknown): string | undefined {
  const [algorithm, digest] = Object.entries(asObject(value)).find(([, v]) => typeof v === 'string') ?? [];
  return algorithm && typeof digest === 'string' ? `${algorithm}:${digest}` : undefined;
}
