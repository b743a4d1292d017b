/**
 * obj/project.assets.json (written by every `dotnet restore`) → the full restored graph:
 * `targets[tfm]["Id/1.2.3"] = {type: "package", dependencies: {Other: "[2.0.0, )"}}` per target
 * framework (and `tfm/rid`), `libraries["Id/1.2.3"] = {sha512, type, files}` once, and the
 * project's own references in `project.frameworks[tfm].dependencies`.
 */
import { addDirect, emptyGraph, unreadable, type LockedPackage, type LockGraph } from '../../tree/model';
import { asArray, asObject, asString, parseJsonLenient, type Obj } from './untrusted';

export function readProjectAssetsTree(text: string, source: string): LockGraph | undefined {
  const parsed = parseJsonLenient(text);
  if (parsed === undefined) return unreadable(emptyGraph('nuget', source, 'NuGet assets file', 'dotnet restore'), 'is not valid JSON');
  const assets = asObject(parsed);
  const targets = asObject(assets.targets);
  const libraries = asObject(assets.libraries);
  if (Object.keys(targets).length === 0 && Object.keys(libraries).length === 0) return undefined;
  const graph = emptyGraph('nuget', source, `NuGet assets file v${asString(assets.version) ?? '?'}`, 'dotnet restore');

  for (const [key, value] of Object.entries(libraries)) {
    const pkg = packageOf(key, asObject(value));
    if (pkg) graph.packages.set(pkg.id, pkg);
  }

  // Each target framework resolved its own graph; edges are the union, resolved within one target.
  const directIn = directReferences(assets);
  for (const [target, value] of Object.entries(targets)) {
    const entries = asObject(value);
    const keyOfId = new Map<string, string>();
    for (const key of Object.keys(entries)) keyOfId.set(key.slice(0, key.indexOf('/')).toLowerCase(), key);
    const tfm = target.split('/')[0].toLowerCase();
    for (const [key, entry] of Object.entries(entries)) {
      const id = key.toLowerCase();
      let pkg = graph.packages.get(id);
      if (!pkg) {
        pkg = packageOf(key, { type: asObject(entry).type });
        if (!pkg) continue;
        graph.packages.set(id, pkg);
      }
      for (const dependency of Object.keys(asObject(asObject(entry).dependencies))) {
        const targetKey = keyOfId.get(dependency.toLowerCase());
        const targetId = targetKey?.toLowerCase();
        if (targetId !== undefined && targetId !== id && !pkg.dependencies.includes(targetId)) pkg.dependencies.push(targetId);
      }
      const name = key.slice(0, key.indexOf('/')).toLowerCase();
      if (directIn.get(name)?.has(tfm)) addDirect(graph, '', name, id);
    }
  }
  if (!graph.importers.has('')) graph.importers.set('', { dependencies: new Map() });
  return graph;
}

/** Lowercased ID → the target frameworks whose project references it as a package. */
function directReferences(assets: Obj): Map<string, Set<string>> {
  const directIn = new Map<string, Set<string>>();
  for (const [tfm, framework] of Object.entries(asObject(asObject(assets.project).frameworks))) {
    for (const [id, dependency] of Object.entries(asObject(asObject(framework).dependencies))) {
      if (asString(asObject(dependency).target) === 'Project') continue;
      const key = id.toLowerCase();
      directIn.set(key, (directIn.get(key) ?? new Set<string>()).add(tfm.toLowerCase()));
    }
  }
  return directIn;
}

/** `"Id/1.2.3": {type, sha512, files}` → a node keyed by the lowercased key. */
function packageOf(key: string, library: Obj): LockedPackage | undefined {
  const slash = key.indexOf('/');
  if (slash <= 0 || slash === key.length - 1) return undefined;
  const type = asString(library.type);
  const files = Array.isArray(library.files) ? asArray(library.files).filter((f): f is string => typeof f === 'string') : undefined;
  return {
    id: key.toLowerCase(),
    name: key.slice(0, slash),
    version: key.slice(slash + 1),
    integrity: asString(library.sha512),
    // tools/init.ps1 is the one package script Visual Studio still runs for PackageReference projects
    // (when the solution opens); the file list says whether the package ships one.
    installScript: files ? files.some((f) => f.toLowerCase() === 'tools/init.ps1') : undefined,
    source: type === 'project' ? 'workspace' : 'registry',
    dependencies: [],
  };
}
