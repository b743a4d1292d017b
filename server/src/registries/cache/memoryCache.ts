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
