/**
 * What the Python lockfile readers share: artifacts (wheels, sdists) → where the package comes
 * from, its hash and whether installing it builds from source; and edges by dependency name.
 */
import { normalizeName } from '../../model/names';
import { addDirect, type LockedPackage, type LockGraph } from '../../tree/model';
import { isPlainTextUrl } from '../../tree/sources';
import { asArray, asObject, asString, type Obj } from './untrusted';

export type Wanted = Array<{ name: string; version?: string }>;

/**
 * The `[[package]]` entries of a TOML lockfile into the graph, each read by `read`, then linked to
 * the packages its `dependenciesOf` names.
 */
export function addPackageEntries(graph: LockGraph, packages: unknown, read: (entry: Obj, index: number) => LockedPackage, dependenciesOf: (entry: Obj) => Wanted): void {
  const wanted = new Map<string, Wanted>();
  asArray(packages)
    .map(asObject)
    .filter((p) => typeof p.name === 'string')
    .forEach((entry, index) => {
      const pkg = read(entry, index);
      graph.packages.set(pkg.id, pkg);
      wanted.set(pkg.id, dependenciesOf(entry));
    });
  linkByName(graph, wanted);
}

export interface ArtifactFacts {
  /** A hash of the artifacts when every one has a hash; undefined when any lacks it. */
  integrity?: string;
  /** True when there is no wheel, so installing runs the sdist's build backend; undefined when no files are listed. */
  builds?: boolean;
  locations: string[];
}

/** `files`/`wheels`/`sdist` entries: `{url | file | path, hash}`. */
export function artifactFacts(files: Obj[]): ArtifactFacts {
  const locations = files.map((f) => asString(f.url) ?? asString(f.file) ?? asString(f.path)).filter((u): u is string => u !== undefined);
  const hashes = files.map((f) => asString(f.hash));
  return {
    integrity: files.length > 0 && hashes.every((h) => h !== undefined && h !== '') ? hashes[0] : undefined,
    builds: files.length === 0 ? undefined : !locations.some((l) => /\.whl(?:[#?].*)?$/i.test(l)),
    locations,
  };
}

/** The location to show and judge: a plain-http one if any (the worst), else the first. */
export function worstLocation(locations: string[]): string | undefined {
  return locations.find(isPlainTextUrl) ?? locations[0];
}

/**
 * Lockfiles that do not say which packages the project asked for (poetry.lock, pdm.lock,
 * Pipfile.lock) install every package they list: each is reachable by name as a direct one.
 */
export function addEveryPackageAsDirect(graph: LockGraph): void {
  for (const pkg of graph.packages.values()) addDirect(graph, '', normalizeName('pypi', pkg.name), pkg.id);
}

/** Links each package to the packages it names (by name, and by version when one is given). */
function linkByName(graph: LockGraph, dependenciesOf: Map<string, Wanted>): void {
  const idsByName = new Map<string, LockedPackage[]>();
  for (const pkg of graph.packages.values()) {
    const name = normalizeName('pypi', pkg.name);
    idsByName.set(name, [...(idsByName.get(name) ?? []), pkg]);
  }
  for (const [id, wanted] of dependenciesOf) {
    const pkg = graph.packages.get(id);
    if (!pkg) continue;
    for (const { name, version } of wanted) {
      for (const target of idsByName.get(normalizeName('pypi', name)) ?? []) {
        if (target.id !== id && (version === undefined || target.version === version) && !pkg.dependencies.includes(target.id)) pkg.dependencies.push(target.id);
      }
    }
  }
}

/** The project name a PEP 508 string starts with (`charset-normalizer<4,>=2` → `charset-normalizer`). */
export function requirementName(requirement: string): string | undefined {
  return /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/.exec(requirement)?.[1];
}
