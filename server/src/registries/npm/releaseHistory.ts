/**
 * What one npm version's manifest says that lets releases be compared with each other (the
 * `suspicious-release` rule): the dependencies it declares and how big it is. Works from one
 * parsed `versions[v]` object of a full or abbreviated packument — both carry `dependencies`,
 * `optionalDependencies` and `dist` — so it stays correct whichever reader hands the object over.
 */
import { MAX_IDENTIFIER, field, objectField, type JsonObject } from '../json';
import type { VersionInfo } from '../types';

/** More than this is no real package's dependency list; the rest is not kept in the cache. */
const MAX_DEPENDENCIES = 300;

/** Adds the facts to `info` (in place: this runs for every version of every packument). */
export function addReleaseFacts(info: VersionInfo, doc: JsonObject): VersionInfo {
  const dependencies = dependencyNames(doc);
  if (dependencies) info.dependencies = dependencies;
  const dist = objectField(doc, 'dist');
  const unpackedSize = count(field(dist, 'unpackedSize'));
  if (unpackedSize !== undefined) info.unpackedSize = unpackedSize;
  const fileCount = count(field(dist, 'fileCount'));
  if (fileCount !== undefined) info.fileCount = fileCount;
  return info;
}

/**
 * Names installed with the package: `dependencies` and `optionalDependencies` (npm installs both),
 * in the manifest's order (they are compared as sets). A version object with neither field
 * declares none (`[]`); a mangled one (not an object) says nothing. Runs for every version of
 * every packument, so it reads keys in place rather than through copies.
 */
function dependencyNames(doc: JsonObject): string[] | undefined {
  const names: string[] = [];
  for (const key of ['dependencies', 'optionalDependencies']) {
    const declared = field(doc, key);
    if (declared === undefined) continue;
    if (typeof declared !== 'object' || declared === null || Array.isArray(declared)) return undefined;
    for (const name in declared) {
      if (!Object.prototype.hasOwnProperty.call(declared, name) || name.length === 0 || name.length > MAX_IDENTIFIER) continue;
      // npm lists an optional dependency in both fields; one entry is enough.
      if (key === 'dependencies' || !names.includes(name)) names.push(name);
      if (names.length >= MAX_DEPENDENCIES) return names;
    }
  }
  return names;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
