/**
 * A bounded in-memory map that forgets the least recently used entries first. Bounded by count,
 * and by bytes when given a `sizeOf`: a count alone lets a few huge entries (a lockfile, a
 * registry document) hold hundreds of megabytes.
 */
export interface LruBounds<K, V> {
  /** At most this many bytes, as `sizeOf` estimates them. */
  maxBytes: number;
  sizeOf(value: V, key: K): number;
}

export class LruMap<K, V> {
  private readonly map = new Map<K, V>();
  private readonly sizes = new Map<K, number>();
  private bytes = 0;

  constructor(
    private readonly capacity: number,
    private readonly bounds?: LruBounds<K, V>,
  ) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  /** Reads without refreshing the entry's recency (for hot read paths that must not churn the map). */
  peek(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    this.delete(key);
    this.map.set(key, value);
    if (this.bounds) {
      const size = this.bounds.sizeOf(value, key);
      this.sizes.set(key, size);
      this.bytes += size;
    }
    // The entry just set stays even when it alone is over the byte bound: the caller is using it.
    while (this.map.size > this.capacity || (this.bounds && this.bytes > this.bounds.maxBytes && this.map.size > 1)) {
      this.delete(this.map.keys().next().value as K);
    }
  }

  delete(key: K): void {
    this.map.delete(key);
    const size = this.sizes.get(key);
    if (size !== undefined) {
      this.bytes -= size;
      this.sizes.delete(key);
    }
  }

  clear(): void {
    this.map.clear();
    this.sizes.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.map.size;
  }

  /** The bytes held, as `sizeOf` estimates them (0 without byte bounds). */
  get byteSize(): number {
    return this.bytes;
  }
}

/**
 * About how many bytes a registry fact (plain JSON-like data: a parsed package document, a file
 * list, advisories) holds: two per character of its JSON text. The wrapper the fact is stored in
 * is new at every lookup, the document inside it is the same object while cached: each object
 * one level down is measured once and remembered (a WeakMap, which forgets it with the object),
 * so a fact stored again under its key — every keystroke's registry pass does it — costs no
 * serialization.
 */
export function estimatedBytes(value: unknown): number {
  if (typeof value !== 'object' || value === null) return primitiveBytes(value);
  let size = 64;
  for (const field of Object.values(value)) size += typeof field === 'object' && field !== null ? objectBytes(field) : primitiveBytes(field);
  return size;
}

const measured = new WeakMap<object, number>();

function objectBytes(value: object): number {
  let size = measured.get(value);
  if (size === undefined) {
    try {
      size = 64 + 2 * (JSON.stringify(value)?.length ?? 0);
    } catch {
      size = 64 * 1024; // not serializable (a cycle): counted as a large entry rather than as free
    }
    measured.set(value, size);
  }
  return size;
}

function primitiveBytes(value: unknown): number {
  return 16 + (typeof value === 'string' ? 2 * value.length : 0);
}

/** Byte bounds for a map of registry facts: `maxBytes` of them, as `estimatedBytes` counts. */
export function factBytes<K, V>(maxBytes: number): LruBounds<K, V> {
  return { maxBytes, sizeOf: (value: V) => estimatedBytes(value) };
}
