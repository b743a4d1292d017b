/**
 * NuGet restore outputs → the version installed for each package (lowercased ID → version):
 * packages.lock.json (`RestorePackagesWithLockFile`) and obj/project.assets.json (every restore).
 * A project restores once per target framework, and the frameworks may disagree; the version of a
 * direct reference wins over a transitive one, then the highest. Never throws: an unreadable file
 * gives an empty map.
 */
import { compareNugetVersions, parseNugetVersion } from '../../specs/nuget';
import { asObject, parseJsonLenient as parseJson } from './untrusted';

type JsonObject = Record<string, unknown>;

/**
 * packages.lock.json: `{"version":1,"dependencies":{"net8.0":{"Id":{"type":"Direct",
 * "requested":"[13.0.1, )","resolved":"13.0.1"}}}}`. Types are Direct, Transitive,
 * CentralTransitive and Project (a project reference, not a package).
 */
export function readNugetPackagesLock(text: string): Map<string, string> {
  const direct = new Map<string, string>();
  const transitive = new Map<string, string>();
  for (const packages of Object.values(objectAt(parseJson(text), 'dependencies'))) {
    for (const [id, entry] of Object.entries(asObject(packages))) {
      const { type, resolved } = asObject(entry);
      if (typeof resolved !== 'string' || type === 'Project') continue;
      keepHighest(type === 'Direct' ? direct : transitive, id.toLowerCase(), resolved);
    }
  }
  return new Map([...transitive, ...direct]);
}

/**
 * obj/project.assets.json: `libraries` lists every package restored as `"Id/1.2.3": {"type":
 * "package"}`; `project.frameworks[tfm].dependencies` names the direct references, and
 * `targets[tfm]` (or `targets["tfm/rid"]`) says which version each framework got.
 */
export function readProjectAssets(text: string): Map<string, string> {
  const assets = parseJson(text);
  const versions = new Map<string, string>();
  for (const [key, library] of Object.entries(objectAt(assets, 'libraries'))) {
    const entry = packageEntry(key, library);
    if (entry) keepHighest(versions, entry.id, entry.version);
  }
  for (const [id, version] of directVersions(assets)) versions.set(id, version);
  return versions;
}

/** For each direct reference, the highest version among the frameworks that reference it. */
function directVersions(assets: unknown): Map<string, string> {
  const directIn = new Map<string, Set<string>>(); // lowercased ID → frameworks
  for (const [tfm, framework] of Object.entries(objectAt(objectAt(assets, 'project'), 'frameworks'))) {
    for (const [id, dependency] of Object.entries(objectAt(framework, 'dependencies'))) {
      if (asObject(dependency).target === 'Project') continue;
      const key = id.toLowerCase();
      directIn.set(key, (directIn.get(key) ?? new Set<string>()).add(tfm.toLowerCase()));
    }
  }
  const versions = new Map<string, string>();
  for (const [target, libraries] of Object.entries(objectAt(assets, 'targets'))) {
    const tfm = target.split('/')[0].toLowerCase(); // `net8.0/win-x64` is net8.0 for one runtime
    for (const [key, library] of Object.entries(asObject(libraries))) {
      const entry = packageEntry(key, library);
      if (entry && directIn.get(entry.id)?.has(tfm)) keepHighest(versions, entry.id, entry.version);
    }
  }
  return versions;
}

/** `"Id/1.2.3": {"type": "package"}` → lowercased ID and version; projects are skipped. */
function packageEntry(key: string, value: unknown): { id: string; version: string } | undefined {
  const slash = key.indexOf('/');
  if (slash <= 0 || slash === key.length - 1 || asObject(value).type !== 'package') return undefined;
  return { id: key.slice(0, slash).toLowerCase(), version: key.slice(slash + 1) };
}

/** Records `version` unless a higher one is already there; unparsable versions never replace. */
function keepHighest(versions: Map<string, string>, id: string, version: string): void {
  const current = versions.get(id);
  const next = parseNugetVersion(version);
  if (current === undefined) {
    versions.set(id, version);
    return;
  }
  const existing = parseNugetVersion(current);
  if (next && (!existing || compareNugetVersions(next, existing) > 0)) versions.set(id, version);
}

function objectAt(value: unknown, key: string): JsonObject {
  return asObject(asObject(value)[key]);
}
