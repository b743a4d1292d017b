/**
 * uv.lock → the locked tree (docs.astral.sh/uv/concepts/projects/layout/#the-lockfile; the format
 * as `uv lock` writes it):
 *
 *     [[package]]                                   (`[[distribution]]` in early versions)
 *     name = "anyio"
 *     version = "4.6.2"
 *     source = { registry = "https://pypi.org/simple" }     or { git = "…?rev=…#<commit>" },
 *                                                           { url = … }, { path = … }, { directory = … },
 *                                                           { editable = "." }, { virtual = "." }
 *     dependencies = [{ name = "idna" }, { name = "sniffio", version = "1.3.1" }]
 *     sdist = { url = "…", hash = "sha256:…" }
 *     wheels = [{ url = "…", hash = "sha256:…" }]
 *     [package.optional-dependencies] / [package.dev-dependencies]: group = [{ name = … }]
 *
 * The project itself, and each workspace member, is a package whose source is `editable` or
 * `virtual` with its folder: those are the importers, and their dependencies (every extra and
 * group) the direct ones.
 */
import { normalizeName } from '../../model/names';
import { addDirect, emptyGraph, type LockedPackage, type LockedSource, type LockGraph } from '../../tree/model';
import { addEveryPackageAsDirect, addPackageEntries, artifactFacts, worstLocation, type Wanted } from './pythonGraph';
import { tomlLockOrUnparsable } from './tomlData';
import { asArray, asObject, asString, type Obj } from './untrusted';

export function readUvLockTree(text: string, source: string): LockGraph {
  const graph = emptyGraph('pypi', source, 'uv.lock', '`uv lock`');
  const lock = tomlLockOrUnparsable(text, graph);
  if (!lock) return graph;
  const version = asString(lock.version);
  if (version) graph.format = `uv.lock v${version}`;

  const members: Array<{ folder: string; id: string }> = [];
  const read = (entry: Obj, index: number): LockedPackage => {
    const pkg = packageOf(entry, index);
    const member = asString(asObject(entry.source).editable) ?? asString(asObject(entry.source).virtual);
    if (member !== undefined) members.push({ folder: folderKey(member), id: pkg.id });
    return pkg;
  };
  addPackageEntries(graph, lock.package ?? lock.distribution, read, dependencyNames);
  for (const { folder, id } of members) {
    const member = graph.packages.get(id) as LockedPackage;
    for (const child of member.dependencies) addDirect(graph, folder, normalizeName('pypi', (graph.packages.get(child) as LockedPackage).name), child);
    if (!graph.importers.has(folder)) graph.importers.set(folder, { dependencies: new Map() });
  }
  // A lock of scripts or requirements alone has no project package: everything it lists is installed.
  if (members.length === 0) addEveryPackageAsDirect(graph);
  return graph;
}

/** `.` → '', `./packages/a/` → `packages/a`: the importer keys are folders relative to the lockfile. */
function folderKey(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\/?/, '').replace(/\/$/, '');
}

/** Runtime dependencies, every extra and every group: uv locks them all together. */
function dependencyNames(entry: Obj): Wanted {
  const lists = [asArray(entry.dependencies), ...Object.values(asObject(entry['optional-dependencies'])).map(asArray), ...Object.values(asObject(entry['dev-dependencies'])).map(asArray)];
  const out: Wanted = [];
  for (const item of lists.flat().map(asObject)) {
    const name = asString(item.name);
    if (name) out.push({ name, version: asString(item.version) });
  }
  return out;
}

function packageOf(entry: Obj, index: number): LockedPackage {
  const name = asString(entry.name) ?? '';
  const src = asObject(entry.source);
  const files = [asObject(entry.sdist), ...asArray(entry.wheels).map(asObject)].filter((f) => Object.keys(f).length > 0);
  const artifacts = artifactFacts(files);
  const pkg: LockedPackage = { id: `${normalizeName('pypi', name)}#${index}`, name, version: asString(entry.version) ?? '', source: 'registry', dependencies: [] };
  const kind = sourceKind(src);
  pkg.source = kind.source;
  if (kind.source === 'registry' || kind.source === 'url') {
    pkg.resolved = worstLocation([...(kind.location ? [kind.location] : []), ...artifacts.locations]);
    if (artifacts.integrity) pkg.integrity = artifacts.integrity;
    if (artifacts.builds !== undefined) pkg.installScript = artifacts.builds;
  } else {
    pkg.resolved = kind.location;
    // A git checkout or a local folder is built on install; the project itself is not "installed" from anywhere.
    if (kind.source !== 'workspace') pkg.installScript = true;
  }
  return pkg;
}

function sourceKind(src: Obj): { source: LockedSource; location?: string } {
  const registry = asString(src.registry);
  if (registry !== undefined) return { source: 'registry', location: registry };
  const git = asString(src.git);
  if (git !== undefined) return { source: 'git', location: git };
  const url = asString(src.url);
  if (url !== undefined) return { source: 'url', location: url };
  const path = asString(src.path) ?? asString(src.directory);
  if (path !== undefined) return { source: 'path', location: path };
  const member = asString(src.editable) ?? asString(src.virtual);
  if (member !== undefined) return { source: 'workspace', location: member };
  return { source: 'registry' };
}
