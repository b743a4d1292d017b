/**
 * What one npm version's manifest says that lets releases be compared with each other (the
 * `suspicious-release` rule): the dependencies it declares and how big it is. Works from one
 * parsed `versions[v]` object of a full or abbreviated packument — both carry `dependencies`,
 * `optionalDependencies` and `dist` — so it stays correct whichever reader hands the object over.
 */
import { MAX_IDENTIFIER, entries, field, objectField, type JsonObject } from '../json';
import type { VersionInfo } from '../types';

/** More than this is no real package's dependency list; the rest is not kept in the cache. */
const MAX_DEPENDENCIES = 300;

export type ReleaseFacts = Pick<VersionInfo, 'dependencies' | 'unpackedSize' | 'fileCount'>;

export function releaseFactsOf(doc: JsonObject): ReleaseFacts {
  const facts: ReleaseFacts = {};
  const dependencies = dependencyNames(doc);
  if (dependencies) facts.dependencies = dependencies;
  const dist = objectField(doc, 'dist');
  const unpackedSize = count(field(dist, 'unpackedSize'));
  if (unpackedSize !== undefined) facts.unpackedSize = unpackedSize;
  const fileCount = count(field(dist, 'fileCount'));
  if (fileCount !== undefined) facts.fileCount = fileCount;
  return facts;
}

/**
 * Names installed with the package: `dependencies` and `optionalDependencies` (npm installs both).
 * A version object with neither field declares none (`[]`); a mangled one (not an object) says nothing.
 */
function dependencyNames(doc: JsonObject): string[] | undefined {
  const declared = [field(doc, 'dependencies'), field(doc, 'optionalDependencies')];
  if (declared.some((d) => d !== undefined && (typeof d !== 'object' || d === null || Array.isArray(d)))) return undefined;
  const names = new Set<string>();
  for (const d of declared) {
    for (const [name] of entries(d)) if (name.length > 0 && name.length <= MAX_IDENTIFIER) names.add(name);
  }
  return [...names].sort().slice(0, MAX_DEPENDENCIES);
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
