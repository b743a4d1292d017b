/**
 * Hashing, and a multimap from 32-bit hashes to small integers in typed arrays. It holds every
 * key of every popular name — deletion neighbourhoods included, about half a million for npm —
 * in a few megabytes, builds in milliseconds and allocates nothing per lookup. Hashes collide;
 * callers verify every value they get against the real strings.
 */
import type { NameTable } from './types';

/** The polynomial hash's base (the FNV prime: odd, with well-spread bits). */
export const BASE = 0x01000193;

let powers = new Int32Array(64);
powers[0] = 1;
for (let i = 1; i < powers.length; i++) powers[i] = Math.imul(powers[i - 1], BASE);

function ensureLength(n: number): void {
  if (n < powers.length) return;
  const grown = new Int32Array(Math.max(n + 1, powers.length * 2));
  grown.set(powers);
  for (let i = powers.length; i < grown.length; i++) grown[i] = Math.imul(grown[i - 1], BASE);
  powers = grown;
}

/** MurmurHash3's finalizer: spreads a polynomial hash so its low bits make a good slot. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** B^k mod 2³². */
export function power(k: number): number {
  ensureLength(k);
  return powers[k];
}

/** The (unmixed) hash of x + y from the hashes of x and y: h(x)·B^|y| + h(y). */
export function concat(hx: number, hy: number, yLength: number): number {
  return (Math.imul(hx, power(yLength)) + hy) | 0;
}

/** Prefix hashes of one code sequence, so any slice of it hashes in O(1). */
export class Slices {
  private p = new Int32Array(65);
  length = 0;

  set(codes: Uint16Array, n: number): void {
    if (n + 1 > this.p.length) this.p = new Int32Array(2 * (n + 1));
    for (let i = 0; i < n; i++) this.p[i + 1] = (Math.imul(this.p[i], BASE) + codes[i]) | 0;
    this.length = n;
  }

  /** The unmixed hash of codes[i, j). */
  hash(i: number, j: number): number {
    return (this.p[j] - Math.imul(this.p[i], power(j - i))) | 0;
  }
}

/** The polynomial hash (unmixed) of codes[from, to). */
export function polynomial(codes: Uint16Array, from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) h = (Math.imul(h, BASE) + codes[i]) | 0;
  return h;
}

/** The polynomial hash (unmixed) of a string's char codes. */
export function stringPolynomial(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, BASE) + s.charCodeAt(i)) | 0;
  return h;
}

/** The hash of a whole string, as the multimap stores it. */
export function wholeHash(s: string): number {
  return mix(stringPolynomial(s));
}

const slices = new Slices();

/**
 * Hashes of the deletion neighbourhood of codes[0, n), written to `out`: `out[0]` is the hash of
 * the whole, then one per distinct single-character deletion (deleting either letter of a double
 * gives the same string and is written once). Returns how many were written.
 *
 * The hash is polynomial (h = Σ cᵢ·Bⁿ⁻¹⁻ⁱ mod 2³²), so the hash of the string without character
 * i is the hash of what precedes it joined to the hash of what follows, both read off prefix
 * hashes: the whole neighbourhood costs O(n), not O(n²), and each hash equals `wholeHash` of the
 * shorter string.
 */
export function neighbourhood(codes: Uint16Array, n: number, out: Int32Array): number {
  slices.set(codes, n);
  out[0] = mix(slices.hash(0, n));
  let count = 1;
  for (let i = 0; i < n; i++) {
    if (i > 0 && codes[i] === codes[i - 1]) continue;
    out[count++] = mix(concat(slices.hash(0, i), slices.hash(i + 1, n), n - 1 - i));
  }
  return count;
}

/**
 * Collects (hash, value) pairs, then sorts them into a `HashMultimap`. Sorting by radix in two
 * byte-wide passes reads and writes memory in long runs; inserting into an open-addressing table
 * would cost a cache miss per pair, and at load that was most of the time.
 */
export class HashMultimapBuilder {
  private hashes: Int32Array;
  private values: Int32Array;
  private count = 0;

  /** `capacity`: about how many pairs will be added (the builder grows past it if need be). */
  constructor(capacity: number) {
    this.hashes = new Int32Array(Math.max(16, capacity));
    this.values = new Int32Array(Math.max(16, capacity));
  }

  add(hash: number, value: number): void {
    if (this.count === this.hashes.length) this.grow();
    this.hashes[this.count] = hash;
    this.values[this.count++] = value;
  }

  private grow(): void {
    const hashes = new Int32Array(this.hashes.length * 2);
    const values = new Int32Array(this.values.length * 2);
    hashes.set(this.hashes);
    values.set(this.values);
    this.hashes = hashes;
    this.values = values;
  }

  build(): HashMultimap {
    return new HashMultimap(this.sorted());
  }

  /** The pairs in the order HashMultimap needs, as a NameTable, without building its filter. */
  sorted(): NameTable {
    const n = this.count;
    // Least significant byte first: bits 16–23, then 24–31, leave the pairs ordered by their top
    // 16 bits, which is the bucket order (the low 16 bits are kept, the top ones are the bucket).
    const tmpHashes = new Int32Array(n);
    const tmpValues = new Int32Array(n);
    radixPass(this.hashes, this.values, tmpHashes, tmpValues, n, 16);
    const hashes = new Int32Array(n);
    const values = new Int32Array(n);
    radixPass(tmpHashes, tmpValues, hashes, values, n, 24);
    const offsets = new Int32Array(BUCKETS + 1);
    const low = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      offsets[(hashes[i] >>> BUCKET_SHIFT) + 1]++;
      low[i] = hashes[i] & 0xffff;
    }
    for (let b = 0; b < BUCKETS; b++) offsets[b + 1] += offsets[b];
    return { offsets, low, values };
  }
}

function radixPass(fromH: Int32Array, fromV: Int32Array, toH: Int32Array, toV: Int32Array, n: number, shift: number): void {
  const counts = new Int32Array(257);
  for (let i = 0; i < n; i++) counts[((fromH[i] >>> shift) & 0xff) + 1]++;
  for (let b = 0; b < 256; b++) counts[b + 1] += counts[b];
  for (let i = 0; i < n; i++) {
    const at = counts[(fromH[i] >>> shift) & 0xff]++;
    toH[at] = fromH[i];
    toV[at] = fromV[i];
  }
}

/** A bucket is the top 16 bits of a hash: a pair stores the low 16 (NameTable). */
export const BUCKET_SHIFT = 16;
export const BUCKETS = 1 << (32 - BUCKET_SHIFT);

/**
 * Pairs in bucket order, found through the bucket of the hash's top 16 bits and a one-bit filter
 * on more of them. Most lookups (a name's deletions, affixes) find nothing; the filter — a bitset
 * small enough to stay in cache — answers those without touching the pairs.
 */
export class HashMultimap {
  private readonly offsets: Int32Array;
  private readonly low: Uint16Array;
  private readonly values: Int32Array;
  private readonly filter: Int32Array;
  private readonly filterShift: number;

  constructor(table: NameTable) {
    const { offsets, low, values } = table;
    this.offsets = offsets;
    this.low = low;
    this.values = values;
    // About 16 filter bits a pair; never more bits than the bucket and the low half cover.
    const filterBits = Math.min(BUCKET_SHIFT + 8, Math.max(10, Math.ceil(Math.log2(low.length * 16 + 1))));
    this.filterShift = 32 - filterBits;
    this.filter = new Int32Array(Math.max(1, (1 << filterBits) >>> 5));
    for (let b = 0; b < BUCKETS; b++) {
      const top = b << BUCKET_SHIFT;
      for (let i = offsets[b], end = offsets[b + 1]; i < end; i++) {
        const bit = (top | low[i]) >>> this.filterShift;
        this.filter[bit >>> 5] |= 1 << (bit & 31);
      }
    }
  }

  /** False when nothing is stored under `hash` (no memory touched but the filter's); true when something may be. */
  mayHave(hash: number): boolean {
    const bit = hash >>> this.filterShift;
    return (this.filter[bit >>> 5] & (1 << (bit & 31))) !== 0;
  }

  /** Appends every value stored under `hash` to `out`. */
  collect(hash: number, out: number[]): void {
    if (!this.mayHave(hash)) return;
    const b = hash >>> BUCKET_SHIFT;
    const want = hash & 0xffff;
    const end = this.offsets[b + 1];
    for (let i = this.offsets[b]; i < end; i++) if (this.low[i] === want) out.push(this.values[i]);
  }
}
