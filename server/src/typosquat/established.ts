/**
 * "Is this name an established package?", offline: the compact sets that
 * scripts/data-established.mjs writes (data/established-*.bin; the format is described there).
 * A name absent from the set is unknown-or-zero: never published, or taken down. Loading is a
 * view over the file's bytes, nothing is built, so it costs a file read.
 */

/** What the set knows about a name. */
export interface Establishment {
  /** Popularity in the ecosystem's weight unit, rounded down to a power of two. */
  weight: number;
  /** Known from a download count only: the package's versions were not seen (could be a taken-down name). */
  countOnly: boolean;
}

const HEADER = 12;
const COUNT_ONLY = 0x40;

/** FNV-1a, 32 bits, over UTF-16 code units: the hash the data script keys the sets by. */
export function nameHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class EstablishedSet {
  readonly size: number;
  private readonly bits: number;
  private readonly offsets: Uint32Array;
  private readonly rest: Uint16Array;
  private readonly levels: Uint8Array;

  /** `bytes`: a whole established-*.bin file. Throws on a file that is not one. */
  constructor(bytes: Uint8Array) {
    // A file read whole has an ArrayBuffer of its own: viewed in place. Otherwise (a slice of a
    // pooled buffer, unaligned) copied once, so the typed views below need no offset checks.
    let buffer: ArrayBufferLike;
    if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) buffer = bytes.buffer;
    else {
      buffer = new ArrayBuffer(bytes.byteLength);
      new Uint8Array(buffer).set(bytes);
    }
    const view = new DataView(buffer);
    if (bytes.byteLength < HEADER || String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) !== 'MGE1') throw new Error('not an established-names set (bad magic)');
    this.size = view.getUint32(4, true);
    this.bits = view.getUint32(8, true);
    const buckets = 2 ** this.bits;
    const restAt = HEADER + 4 * (buckets + 1);
    if (this.bits < 1 || this.bits > 16 || restAt + 3 * this.size !== bytes.byteLength) throw new Error('established-names set: sizes do not add up');
    this.offsets = new Uint32Array(buffer, HEADER, buckets + 1);
    // The u16 array starts at an even offset: HEADER and the offsets are multiples of 4.
    this.rest = new Uint16Array(buffer, restAt, this.size);
    this.levels = new Uint8Array(buffer, restAt + 2 * this.size, this.size);
  }

  /** The entry for a name in its registry's normal form, if the set holds it. */
  lookup(norm: string): Establishment | undefined {
    const h = nameHash(norm);
    const bucket = h >>> (32 - this.bits);
    const want = (h >>> (16 - this.bits)) & 0xffff;
    let lo = this.offsets[bucket];
    let hi = this.offsets[bucket + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rest[mid] < want) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= this.offsets[bucket + 1] || this.rest[lo] !== want) return undefined;
    const level = this.levels[lo];
    return { weight: 2 ** ((level & 0x3f) - 1), countOnly: (level & COUNT_ONLY) !== 0 };
  }
}
