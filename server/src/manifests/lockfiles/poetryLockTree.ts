/**
 * poetry.lock → the locked tree (python-poetry.org; the format `poetry lock` writes):
 *
 *     [[package]]
 *     name = "requests"
 *     version = "2.32.3"
 *     files = [{file = "requests-2.32.3-py3-none-any.whl", hash = "sha256:…"}, …]
 *     [package.dependencies]
 *     idna = ">=2.5,<4"                         (or a table, or a list of tables)
 *     [package.source]                          (absent for PyPI)
 *     type = "git" | "url" | "file" | "directory" | "legacy"
 *     url = "…"
 *     resolved_reference = "<commit>"
 *     [metadata] lock-version = "2.0"
 *
 * poetry.lock does not say which packages the project asked for: every package is reachable by
 * name, and the edges come from each package's dependencies.
 */
import { normalizeName } from '../../model/names';
import { emptyGraph, type LockedPackage, type LockedSource, type LockGraph } from '../../tree/model';
import { addEveryPackageAsDirect, addPackageEntries, artifactFacts, worstLocation } from './pythonGraph';
import { tomlLockOrUnparsable } from './tomlData';
import { asArray, asObject, asString, type Obj } from './untrusted';

export function readPoetryLockTree(text: string, source: string): LockGraph {
  const graph = emptyGraph('pypi', source, 'poetry.lock', '`poetry lock`');
  const lock = tomlLockOrUnparsable(text, graph);
  if (!lock) return graph;
  const version = asString(asObject(lock.metadata)['lock-version']);
  if (version) graph.format = `poetry.lock ${version}`;
  addPackageEntries(graph, lock.package, packageOf, (entry) => Object.keys(asObject(entry.dependencies)).map((name) => ({ name })));
  addEveryPackageAsDirect(graph);
  return graph;
}

const SOURCE_OF_TYPE: Record<string, LockedSource> = { git: 'git', url: 'url', file: 'path', directory: 'path', legacy: 'registry' };

function packageOf(entry: Obj, index: number): LockedPackage {
  const name = asString(entry.name) ?? '';
  const src = asObject(entry.source);
  const type = asString(src.type);
  const url = asString(src.url);
  const pkg: LockedPackage = { id: `${normalizeName('pypi', name)}#${index}`, name, version: asString(entry.version) ?? '', source: type ? (SOURCE_OF_TYPE[type] ?? 'url') : 'registry', dependencies: [] };
  const artifacts = artifactFacts(asArray(entry.files).map(asObject));
  if (pkg.source === 'registry' || pkg.source === 'url') {
    // File names alone say nothing about where they come from: the source's URL does.
    pkg.resolved = worstLocation(url ? [url] : []);
    if (artifacts.integrity) pkg.integrity = artifacts.integrity;
    if (artifacts.builds !== undefined) pkg.installScript = artifacts.builds;
  } else {
    const commit = asString(src.resolved_reference);
    pkg.resolved = url && commit ? `${url}#${commit}` : url;
    pkg.installScript = true;
  }
  return pkg;
}
