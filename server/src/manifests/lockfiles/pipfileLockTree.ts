/**
 * Pipfile.lock → the locked tree (pipenv; JSON):
 *
 *     {"_meta": {"pipfile-spec": 6, "sources": [{"name": "pypi", "url": "…", "verify_ssl": true}]},
 *      "default": {"requests": {"version": "==2.32.3", "hashes": ["sha256:…"], "index": "pypi"},
 *                  "mylib": {"git": "…", "ref": "<commit>"}, "local": {"path": ".", "editable": true}},
 *      "develop": {…}}
 *
 * No edges: every locked package is installed, so each is reachable by name.
 */
import { normalizeName } from '../../model/names';
import { emptyGraph, unreadable, type LockedPackage, type LockGraph } from '../../tree/model';
import { addEveryPackageAsDirect } from './pythonGraph';
import { asArray, asFlag, asObject, asString, parseJsonLenient, type Obj } from './untrusted';

export function readPipfileLockTree(text: string, source: string): LockGraph {
  const graph = emptyGraph('pypi', source, 'Pipfile.lock', '`pipenv lock`');
  graph.hasEdges = false;
  const lock = parseJsonLenient(text);
  if (lock === undefined || typeof lock !== 'object' || lock === null) return unreadable(graph, 'is not valid JSON');
  const root = asObject(lock);
  const meta = asObject(root._meta);
  const spec = asString(meta['pipfile-spec']);
  if (spec) graph.format = `Pipfile.lock spec ${spec}`;
  const indexes = new Map<string, string>();
  for (const s of asArray(meta.sources).map(asObject)) {
    const name = asString(s.name);
    const url = asString(s.url);
    if (name && url) indexes.set(name, url);
  }
  for (const [section, dev] of [['default', false], ['develop', true]] as const) {
    for (const [name, value] of Object.entries(asObject(root[section]))) {
      const pkg = packageOf(name, asObject(value), `${section}:`, indexes);
      if (dev) pkg.dev = true;
      graph.packages.set(pkg.id, pkg);
    }
  }
  addEveryPackageAsDirect(graph);
  return graph;
}

function packageOf(name: string, entry: Obj, prefix: string, indexes: Map<string, string>): LockedPackage {
  const version = (asString(entry.version) ?? '').replace(/^===?/, '');
  const pkg: LockedPackage = { id: `${prefix}${normalizeName('pypi', name)}`, name, version, source: 'registry', dependencies: [] };
  const git = asString(entry.git);
  const path = asString(entry.path);
  const file = asString(entry.file);
  if (git) {
    const ref = asString(entry.ref);
    Object.assign(pkg, { source: 'git', resolved: ref ? `${git}#${ref}` : git, installScript: true });
  } else if (path) {
    Object.assign(pkg, { source: 'path', resolved: path, installScript: true });
  } else if (file) {
    Object.assign(pkg, { source: /^[a-z]+:\/\//i.test(file) ? 'url' : 'path', resolved: file });
  } else {
    const index = indexes.get(asString(entry.index) ?? '') ?? [...indexes.values()][0];
    if (index) pkg.resolved = index;
  }
  const hashes = asArray(entry.hashes).map(asString).filter((h): h is string => h !== undefined);
  if (hashes.length > 0) pkg.integrity = hashes[0];
  if (asFlag(entry.editable)) pkg.source = pkg.source === 'registry' ? 'path' : pkg.source;
  return pkg;
}
