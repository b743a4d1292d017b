/**
 * The typosquat tables prebuilt at build time (scripts/build.mjs writes dist/data/<list>.table.bin
 * beside the lists), so a start reads npm's ~1 million (hash, value) pairs as typed arrays over
 * one file instead of hashing and sorting them (~80 ms of CPU for npm, in a worker thread).
 *
 * Layout (little-endian): "MGT1", format version (u32), the list text's length (u32) and hash
 * (u32), the pair count n (u32), then the 65,537 bucket offsets (i32), n values (i32) and the low
 * halves of the n hashes (u16): NameTable as it is in memory. A table is used only for
 * the very list text it was built from: any other text (a list updated without a rebuild, a
 * truncated file) and the table is ignored and built as before. Not shipped in the repository:
 * ~6 MB for npm that does not compress (hashes are random by design), so a build makes it.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ecosystem } from '../model/model';
import { nameHash } from './established';
import { BUCKETS } from './hashTable';
import type { NameTable } from './types';

/** Bump when the keys, the tags, the imitable ratio or the layout change: old tables then no longer load. */
const FORMAT_VERSION = 2;
const MAGIC = 0x3154474d; // "MGT1" read as a little-endian u32
const HEADER = 20;

/** The table file of an ecosystem's list, in the same data folder. */
export function tableFileName(ecosystem: Ecosystem): string {
  return `${ecosystem}.table.bin`;
}

/** Where the parts of a table of n pairs start, and the file's size. */
function layout(n: number): { offsets: number; values: number; low: number; size: number } {
  const offsets = HEADER;
  const values = offsets + 4 * (BUCKETS + 1);
  const low = values + 4 * n;
  return { offsets, values, low, size: low + 2 * n };
}

/** The bytes of a table file for `table`, built from the list `listText`. */
export function encodeTable(table: NameTable, listText: string): Uint8Array {
  const n = table.values.length;
  const at = layout(n);
  const out = new Uint8Array(at.size);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, listText.length, true);
  view.setUint32(12, nameHash(listText), true);
  view.setUint32(16, n, true);
  // Written through typed views: the machine's byte order, which the reader checks is little-endian.
  new Int32Array(out.buffer, at.offsets, BUCKETS + 1).set(table.offsets);
  new Int32Array(out.buffer, at.values, n).set(table.values);
  new Uint16Array(out.buffer, at.low, n).set(table.low);
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The table in `bytes` if it was built from exactly `listText` by this version, else undefined
 * (the caller builds it). The arrays are views over the bytes' memory: nothing is copied.
 */
export function decodeTable(bytes: Uint8Array, listText: string): NameTable | undefined {
  if (!LITTLE_ENDIAN || bytes.byteLength < HEADER) return undefined;
  let buffer: ArrayBufferLike = bytes.buffer;
  let start = bytes.byteOffset;
  // Typed views need a 4-byte aligned start: a pooled or sliced buffer is copied once.
  if (start % 4 !== 0) {
    buffer = new Uint8Array(bytes).buffer;
    start = 0;
  }
  const view = new DataView(buffer, start, bytes.byteLength);
  const n = view.getUint32(16, true);
  if (view.getUint32(0, true) !== MAGIC || view.getUint32(4, true) !== FORMAT_VERSION) return undefined;
  if (view.getUint32(8, true) !== listText.length || view.getUint32(12, true) !== nameHash(listText)) return undefined;
  const at = layout(n);
  if (bytes.byteLength !== at.size) return undefined;
  const offsets = new Int32Array(buffer, start + at.offsets, BUCKETS + 1);
  // Buckets in order and within the pairs: a lookup never reads past them, nor loops for long.
  if (offsets[0] !== 0 || offsets[BUCKETS] !== n) return undefined;
  for (let b = 0; b < BUCKETS; b++) if (offsets[b + 1] < offsets[b]) return undefined;
  return { offsets, values: new Int32Array(buffer, start + at.values, n), low: new Uint16Array(buffer, start + at.low, n) };
}

/** Reads the prebuilt table of a list from `dataDir`, if there is one for this very text. */
export function readTable(dataDir: string, ecosystem: Ecosystem, listText: string): NameTable | undefined {
  const path = join(dataDir, tableFileName(ecosystem));
  if (!existsSync(path)) return undefined;
  try {
    return decodeTable(readFileSync(path), listText);
  } catch {
    return undefined; // unreadable: built as if it were not there
  }
}

/** Whether a table file exists for the ecosystem (it is checked against the list when read). */
export function hasTableFile(dataDir: string, ecosystem: Ecosystem): boolean {
  return existsSync(join(dataDir, tableFileName(ecosystem)));
}

/** Writes the table file of a list (the build does this for every list in dist/data); returns its size. */
export function writeTableFile(dataDir: string, ecosystem: Ecosystem, table: NameTable, listText: string): number {
  const bytes = encodeTable(table, listText);
  writeFileSync(join(dataDir, tableFileName(ecosystem)), bytes);
  return bytes.byteLength;
}

/**
 * Keeps a table built at run time in a cache folder (the editor's storage folder, the CLI's cache
 * folder), for installs whose data folder has none: the .vsix leaves them out, ~9 MB that does not
 * compress against its 5 MB limit. Written whole then renamed, so a concurrent reader (a second
 * window) never sees half a file; a failure only means the next start builds it again.
 */
export function cacheTableFile(cacheDir: string, ecosystem: Ecosystem, table: NameTable, listText: string): boolean {
  const path = join(cacheDir, tableFileName(ecosystem));
  const partial = `${path}.${process.pid}.partial`;
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(partial, encodeTable(table, listText));
    renameSync(partial, path);
    return true;
  } catch {
    rmSync(partial, { force: true });
    return false;
  }
}
