/**
 * Loading the bundled lists from disk. The data folder is `data/` in the repository and
 * `dist/data/` next to the bundled server and CLI (scripts/build.mjs copies it there).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ecosystem } from '../model/model';
import { EstablishedSet } from './established';
import { type EcosystemExtras, parseLearnedAffixes, parseNativeProjects, parseNameList } from './extras';
import { tableOf } from './ecosystemIndex';
import { LIST_PARSERS } from './lists';
import { createLazyNameIndex, createNameIndex, type ListReaders, type PrebuiltTables } from './nameIndex';
import { cacheTableFile, hasTableFile, readTable, writeTableFile } from './tableFile';
import type { NameIndex } from './types';

/** The files `loadNameIndex` reads from the data folder. */
export const DATA_FILES = { npm: 'npm.tsv', pypi: 'pypi.tsv', nuget: 'nuget.tsv', nugetPrefixes: 'nuget-prefixes.tsv' } as const;

/** The generated files beyond the lists (scripts/data-established.mjs); each is optional. */
export const EXTRA_FILES = {
  established: { npm: 'established-npm.bin', pypi: 'established-pypi.bin', nuget: 'established-nuget.bin' },
  stdlib: 'pypi-stdlib.txt',
  tools: 'pypi-tools.txt',
  affixes: 'affixes.tsv',
  native: 'native-projects.tsv',
} as const;

/**
 * Reads an ecosystem's extras from `dataDir`: a missing file leaves its part out (the index then
 * reads names as before it existed); a malformed set throws, like a malformed list.
 */
export function readExtras(dataDir: string, ecosystem: Ecosystem): EcosystemExtras {
  const path = (file: string) => join(dataDir, file);
  const bin = path(EXTRA_FILES.established[ecosystem]);
  const extras: EcosystemExtras = {};
  if (existsSync(bin)) extras.established = new EstablishedSet(readFileSync(bin));
  if (ecosystem === 'pypi' && existsSync(path(EXTRA_FILES.stdlib))) extras.stdlib = parseNameList(readFileSync(path(EXTRA_FILES.stdlib), 'utf8'));
  if (ecosystem === 'pypi' && existsSync(path(EXTRA_FILES.tools))) extras.tools = parseNameList(readFileSync(path(EXTRA_FILES.tools), 'utf8'));
  if (existsSync(path(EXTRA_FILES.affixes))) extras.affixes = parseLearnedAffixes(readFileSync(path(EXTRA_FILES.affixes), 'utf8'), ecosystem);
  if (ecosystem !== 'nuget' && existsSync(path(EXTRA_FILES.native))) extras.native = parseNativeProjects(readFileSync(path(EXTRA_FILES.native), 'utf8'), ecosystem);
  return extras;
}

/**
 * Reads the lists in `dataDir` and indexes them, synchronously: ~50 ms with the tables prebuilt
 * in `dataDir`, ~200 ms building them (see bench/typosquat.bench.ts). A missing file leaves its ecosystem out of `ecosystems`; a malformed
 * one throws, so a broken build is noticed rather than silently checking nothing.
 */
export function loadNameIndex(dataDir: string): NameIndex {
  const read = (file: string): string | undefined => {
    const path = join(dataDir, file);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  };
  return createNameIndex({
    npm: read(DATA_FILES.npm),
    pypi: read(DATA_FILES.pypi),
    nuget: read(DATA_FILES.nuget),
    nugetPrefixes: read(DATA_FILES.nugetPrefixes),
    extras: (ecosystem) => readExtras(dataDir, ecosystem),
    prebuilt: prebuiltIn(dataDir),
  });
}

/**
 * The prebuilt tables of `dataDir` (dist/data after a build; none in the repository's data/), else
 * those kept in the cache folder `cacheDir()` gives, where a table built at run time is saved.
 */
export function prebuiltIn(dataDir: string, cacheDir: () => string | undefined = () => undefined): PrebuiltTables {
  return {
    has: (ecosystem) => hasTableFile(dataDir, ecosystem) || withCache(cacheDir, (dir) => hasTableFile(dir, ecosystem)) === true,
    read: (ecosystem, listText) => readTable(dataDir, ecosystem, listText) ?? withCache(cacheDir, (dir) => readTable(dir, ecosystem, listText)),
    save: (ecosystem, listText, table) => void withCache(cacheDir, (dir) => cacheTableFile(dir, ecosystem, table, listText)),
  };
}

function withCache<T>(cacheDir: () => string | undefined, use: (dir: string) => T): T | undefined {
  const dir = cacheDir();
  return dir === undefined ? undefined : use(dir);
}

/**
 * Builds and writes the table file of every list in `dataDir` (scripts/build.mjs runs this on
 * dist/data), so the server and the CLI read them instead of building them. Returns the files' sizes.
 */
export function writeTableFiles(dataDir: string): Partial<Record<Ecosystem, number>> {
  const written: Partial<Record<Ecosystem, number>> = {};
  for (const ecosystem of ['npm', 'pypi', 'nuget'] as const) {
    const path = join(dataDir, DATA_FILES[ecosystem]);
    if (!existsSync(path)) continue;
    const listText = readFileSync(path, 'utf8');
    const table = tableOf(LIST_PARSERS[ecosystem](listText));
    written[ecosystem] = writeTableFile(dataDir, ecosystem, table, listText);
  }
  return written;
}

/**
 * The lists that ship with the extension and the CLI, each read on first use. Called once per
 * process by analysis/services.ts, which keeps the index (nothing here remembers it). The bundles
 * find them in `data/` beside themselves; code compiled by tsc (tests) finds the repository's
 * `data/` further up. Returns undefined (and the typosquat rule stays quiet) when no lists are
 * found, so a broken install degrades to fewer checks instead of no checks. `tableCacheDir`: where
 * to keep the tables built at run time when the data folder has none prebuilt (the .vsix ships none).
 */
export function shippedNameIndex(onError?: (message: string) => void, tableCacheDir?: () => string | undefined): NameIndex | undefined {
  let shipped: NameIndex | null;
  const candidates = [join(__dirname, 'data'), join(__dirname, '..', 'data'), join(__dirname, '..', '..', '..', '..', 'data')];
  const dir = candidates.find((d) => existsSync(join(d, DATA_FILES.npm)));
  try {
    shipped = dir ? loadLazily(dir, tableCacheDir) : null;
    if (!dir) onError?.(`popularity lists not found (looked in ${candidates.join(', ')}): typosquat checks are off`);
  } catch (err) {
    shipped = null;
    onError?.(`popularity lists could not be loaded: ${(err as Error)?.message}: typosquat checks are off`);
  }
  return shipped ?? undefined;
}

/** Each ecosystem's list is read and indexed when a manifest of that ecosystem is first checked. */
function loadLazily(dataDir: string, tableCacheDir?: () => string | undefined): NameIndex {
  const reader = (file: string) => () => {
    const path = join(dataDir, file);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  };
  const present = (['npm', 'pypi', 'nuget'] as const).filter((k) => existsSync(join(dataDir, DATA_FILES[k])));
  const readers: ListReaders = {
    npm: reader(DATA_FILES.npm),
    pypi: reader(DATA_FILES.pypi),
    nuget: reader(DATA_FILES.nuget),
    nugetPrefixes: reader(DATA_FILES.nugetPrefixes),
    extras: (ecosystem) => readExtras(dataDir, ecosystem),
    prebuilt: prebuiltIn(dataDir, tableCacheDir),
  };
  return createLazyNameIndex(readers, [...present]);
}
