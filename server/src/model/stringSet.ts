/**
 * A bounded set of strings kept in typed arrays: their characters in one arena, their slots in an
 * open-addressing table. Remembering that a name was checked and found clean is what most of
 * the per-keystroke memo does, and as objects (a key string and a value per name) those entries
 * cost more in garbage collection than the checks they spare: a scavenge copies them, and in a
 * cold analysis of a 1,000-line file that doubled the 95th percentile. Here the collector sees a
 * few typed arrays and nothing else, and no member refers to the string it was added from (a V8
 * substring can keep its whole document alive).
 */

const MIN_SLOTS = 1 << 10;
/**
 * Longest probe sequence followed. Names crafted to collide could otherwise make every lookup
 * walk one long cluster (quadratic time over a hostile file); past this a lookup says "absent"
 * and an insertion is skipped, which only costs a recomputation. The seed makes such names
 * hard to craft in the first place.
 */
const MAX_PROBE = 32;
const SEED = (Math.random() * 0x100000000) | 0;

export class StringSet {
  private chars = new Uint16Array(16 * 1024);
  private used = 0;
  /** Per slot: 1 + the member's offset in `chars`, or 0 when the slot is empty. */
  private offsets = new Int32Array(MIN_SLOTS);
  private lengths = new Int32Array(MIN_SLOTS);
  private hashes = new Int32Array(MIN_SLOTS);
  private count = 0;

  /** Past `maxMembers` members or `maxChars` characters, the set starts over empty. */
  constructor(
    private readonly maxMembers: number,
    private readonly maxChars: number,
  ) {}

  get size(): number {
    return this.count;
  }

  has(s: string): boolean {
    return this.slotOf(s, hashOf(s)) >= 0;
  }

  add(s: string): void {
    if (s.length > this.maxChars) return;
    const hash = hashOf(s);
    if (this.slotOf(s, hash) >= 0) return;
    if (this.count >= this.maxMembers || this.used + s.length > this.maxChars) this.clear();
    if (2 * (this.count + 1) > this.offsets.length) this.growSlots();
    if (this.used + s.length > this.chars.length) this.growChars(this.used + s.length);
    for (let i = 0; i < s.length; i++) this.chars[this.used + i] = s.charCodeAt(i);
    if (!this.place(this.used, s.length, hash)) return;
    this.used += s.length;
    this.count++;
  }

  clear(): void {
    this.offsets = new Int32Array(MIN_SLOTS);
    this.lengths = new Int32Array(MIN_SLOTS);
    this.hashes = new Int32Array(MIN_SLOTS);
    this.chars = new Uint16Array(16 * 1024);
    this.used = 0;
    this.count = 0;
  }

  /** The slot holding `s`, or -1. */
  private slotOf(s: string, hash: number): number {
    const mask = this.offsets.length - 1;
    for (let slot = hash & mask, probe = 0; probe < MAX_PROBE; slot = (slot + 1) & mask, probe++) {
      const offset = this.offsets[slot] - 1;
      if (offset < 0) return -1;
      if (this.hashes[slot] === hash && this.lengths[slot] === s.length && this.equalAt(offset, s)) return slot;
    }
    return -1;
  }

  private equalAt(offset: number, s: string): boolean {
    for (let i = 0; i < s.length; i++) if (this.chars[offset + i] !== s.charCodeAt(i)) return false;
    return true;
  }

  /** Puts a member in the first free slot within reach of its hash; false when there is none. */
  private place(offset: number, length: number, hash: number): boolean {
    const mask = this.offsets.length - 1;
    for (let slot = hash & mask, probe = 0; probe < MAX_PROBE; slot = (slot + 1) & mask, probe++) {
      if (this.offsets[slot] !== 0) continue;
      this.offsets[slot] = offset + 1;
      this.lengths[slot] = length;
      this.hashes[slot] = hash;
      return true;
    }
    return false;
  }

  private growSlots(): void {
    const [offsets, lengths, hashes] = [this.offsets, this.lengths, this.hashes];
    this.offsets = new Int32Array(2 * offsets.length);
    this.lengths = new Int32Array(2 * offsets.length);
    this.hashes = new Int32Array(2 * offsets.length);
    // A member that no longer finds a slot within reach is forgotten; the count stays an upper bound.
    for (let slot = 0; slot < offsets.length; slot++) if (offsets[slot] !== 0) this.place(offsets[slot] - 1, lengths[slot], hashes[slot]);
  }

  private growChars(needed: number): void {
    const grown = new Uint16Array(Math.min(this.maxChars, Math.max(needed, 2 * this.chars.length)));
    grown.set(this.chars.subarray(0, this.used));
    this.chars = grown;
  }
}

/** FNV-1a over UTF-16 code units from a per-process seed, finished with MurmurHash3's mixer so the low bits make a slot. */
function hashOf(s: string): number {
  let h = (0x811c9dc5 ^ SEED) | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
