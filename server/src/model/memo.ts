/**
 * A bounded memo keyed by strings cut from a document (package names, version specs).
 *
 * Every keystroke re-analyses the whole document, and its names and specs are nearly all
 * unchanged, so remembering what was computed for each saves most of the work. Bounded:
 * - entries: a hostile file of a million distinct names cannot grow it without limit;
 * - bytes: the keys' own size, so a few very long names cannot hold megabytes either;
 * - slices: V8 represents a substring of 13 characters or more as a slice that keeps the whole
 *   source string alive. A key kept as cut would pin the document text of the keystroke that
 *   introduced it, about a document's size per new name typed (measured: 0.6 MB per keystroke
 *   in a 600 KB package.json). Keys are therefore stored as copies of their own.
 */
export class BoundedMemo<V> {
  private readonly entries = new Map<string, V>();
  private bytes = 0;

  /**
   * `limit` entries and about `maxBytes` (keys at two bytes a character, plus ENTRY_BYTES each for
   * the map slot and a small value): a few names of a megabyte each must not stay either.
   */
  constructor(
    private readonly limit: number,
    private readonly maxBytes = limit * 256,
  ) {}

  /** The remembered value for `key`, or `compute(copy)` remembered; `copy` is the detached key. */
  get(key: string, compute: (copy: string) => V): V {
    let value = this.entries.get(key);
    if (value === undefined) {
      const copy = detached(key);
      value = compute(copy);
      this.remember(copy, value);
    }
    return value;
  }

  peek(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Remembers `value` under a copy of `key`. */
  remember(key: string, value: V): void {
    if (this.entries.has(key)) {
      this.entries.set(key, value);
      return;
    }
    const size = 2 * key.length + ENTRY_BYTES;
    if (this.entries.size >= this.limit || this.bytes + size > this.maxBytes) this.clear();
    // One key over the whole budget is not kept at all.
    if (size > this.maxBytes) return;
    this.entries.set(detached(key), value);
    this.bytes += size;
  }

  get size(): number {
    return this.entries.size;
  }

  private clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

/** What a map slot and a small value (a parsed spec) cost beside the key. */
const ENTRY_BYTES = 96;

/**
 * A copy of `s` that shares no storage with the string it was cut from. Concatenation makes a
 * new two-part string and slicing it flattens that into fresh storage of `s.length + 1`; the
 * result refers to that storage only.
 */
export function detached(s: string): string {
  return (' ' + s).slice(1);
}
