/**
 * pdm.lock → the locked tree (pdm-project.org; the format `pdm lock` writes):
 *
 *     [metadata] lock_version = "4.5.0", groups = ["default", "dev"]
 *     [[package]]
 *     name = "requests"
 *     version = "2.32.3"
 *     dependencies = ["idna<4,>=2.5", …]        (PEP 508 strings)
 *     files = [{file = "requests-2.32.3-py3-none-any.whl", hash = "sha256:…"}]
 *     git = "…" / ref / revision, url = "…", path = "…" / editable = true   (non-index packages)
 *
 * Like poetry.lock, it does not say which packages the project asked for.
 */
import { normalizeName } from '../../model/names';
import { emptyGraph, type LockedPackage, type LockGraph } from '../../tree/model';
import { addEveryPackageAsDirect, addPackageEntries, artifactFacts, requirementName, worstLocation } from './pythonGraph';
import { tomlLockOrUnparsable } from './tomlData';
import { asArray, asObject, asString, type Obj } from './untrusted';

export function readPdmLockTree(text: string, source: string): LockGraph {
  const graph = emptyGraph('pypi', source, 'pdm.lock', '`pdm lock`');
  const lock = tomlLockOrUnparsable(text, graph);
  if (!lock) return graph;
  const version = asString(asObject(lock.metadata).lock_version);
  if (version) graph.format = `pdm.lock ${version}`;
  addPackageEntries(graph, lock.package, packageOf, (entry) =>
    asArray(entry.dependencies)
      .map((d) => requirementName(asString(d) ?? ''))
      .filter((n): n is string => n !== undefined)
      .map((name) => ({ name })),
  );
  addEveryPackageAsDirect(graph);
  return graph;
}

function packageOf(entry: Obj, index: number): LockedPackage {
  const name = asString(entry.name) ?? '';
  const pkg: LockedPackage = { id: `${normalizeName('pypi', name)}#${index}`, name, version: asString(entry.version) ?? '', source: 'registry', dependencies: [] };
  const git = asString(entry.git);
  const path = asString(entry.path);
  const url = asString(entry.url);
  const artifacts = artifactFacts(asArray(entry.files).map(asObject));
  if (git) {
    pkg.source = 'git';
    const revision = asString(entry.revision);
    pkg.resolved = revision ? `${git}#${revision}` : git;
    pkg.installScript = true;
  } else if (path) {
    pkg.source = 'path';
    pkg.resolved = path;
    pkg.installScript = true;
  } else {
    if (url) pkg.source = 'url';
    pkg.resolved = worstLocation(url ? [url, ...artifacts.locations] : artifacts.locations.filter((l) => /^[a-z]+:/i.test(l)));
    if (artifacts.integrity) pkg.integrity = artifacts.integrity;
    if (artifacts.builds !== undefined) pkg.installScript = artifacts.builds;
  }
  return pkg;
}
