/** One cached registry answer. `found: false` records a 404: "no such package" is an answer too. */
export type Answer<T> = { found: true; value: T } | { found: false };

export interface CacheEntry<T = unknown> {
  /** The cache key (URL plus what is parsed from it), checked on read against hash collisions. */
  key: string;
  /** When the answer was received or last confirmed (304), epoch ms. */
  storedAt: number;
  etag?: string;
  answer: Answer<T>;
}
