/**
 * The single path from "I need this registry document" to an answer: memory, then disk, then the
 * network (through the concurrency limiter), with
 * - freshness per document kind (TTL); a stale entry with an ETag is revalidated (If-None-Match,
 *   304 → still current);
 * - offline mode: whatever is cached, however old, marked as cached; nothing cached → an error;
 * - de-duplication: concurrent callers of one key share one request, which is aborted only when
 *   every caller has given up (a closed document must not cancel another document's lookup), and
 *   then after a short grace period, so the pass for the next keystroke can take it over;
 * - failures remembered for a short while, so typing does not hammer a registry that is down;
 *   when a fresh answer cannot be had, an older cached one is used (and said to be cached).
 */
import { RegistryError, isCancellation } from '../errors';
import type { HttpRequest, HttpResponse, HttpTransport } from '../http/httpClient';
import type { Limiter } from '../http/limiter';
import type { Answer, CacheEntry } from './entry';
import type { DiskCache } from './diskCache';
import { factBytes, LruMap } from './memoryCache';

/** What the parsed answers kept in memory may hold, as estimatedBytes counts them. */
export const MEMORY_CACHE_BYTES = 64 * 1024 * 1024;

export interface FetchPlan<T> {
  /** Identifies the document and how it is parsed (include a parser name in it). */
  key: string;
  request: Omit<HttpRequest, 'signal' | 'etag'>;
  /** How long an answer counts as current. */
  ttlMs: number;
  /** Turns a 2xx response into facts (off the main thread for large documents); throws RegistryError('invalid') on garbage. */
  parse(res: HttpResponse): T | Promise<T>;
}

export interface FetchOptions {
  offline: boolean;
  signal?: AbortSignal;
}

export interface Fetched<T> {
  answer: Answer<T>;
  storedAt: number;
  /** True when this answer was not confirmed now: offline, or the registry failed. */
  fromCache: boolean;
}

interface SharedLoad {
  promise: Promise<Fetched<unknown>>;
  controller: AbortController;
  waiters: number;
}

/** "Not found" answers are rechecked sooner: a name may be registered at any moment. */
const NOT_FOUND_TTL_MS = 10 * 60_000;
/** A request nobody waits for any more is aborted after this long, unless someone asks again. */
const ORPHAN_GRACE_MS = 1_000;
/** A failed request is not retried for this long (per document key). */
const FAILURE_BACKOFF_MS = 30_000;

export class CachedFetcher {
  /** Parsed answers, bounded by bytes too: a few large package documents must not hold hundreds of megabytes. */
  private readonly memory: LruMap<string, CacheEntry>;
  private readonly failures = new LruMap<string, { error: RegistryError; at: number }>(1000);
  private readonly inflight = new Map<string, SharedLoad>();

  constructor(
    private readonly http: HttpTransport,
    private readonly limiter: Limiter,
    private readonly disk: DiskCache | undefined,
    private readonly now: () => number = Date.now,
    memoryBytes = MEMORY_CACHE_BYTES,
  ) {
    this.memory = new LruMap<string, CacheEntry>(4000, factBytes(memoryBytes));
  }

  async get<T>(plan: FetchPlan<T>, options: FetchOptions): Promise<Fetched<T>> {
    if (options.signal?.aborted) throw new RegistryError('cancelled', 'cancelled');
    const cached = this.memory.get(plan.key) ?? (await this.fromDisk(plan.key));
    if (cached && options.offline) return this.served<T>(cached, true);
    if (cached && this.isFresh(cached, plan.ttlMs)) return this.served<T>(cached, false);
    if (options.offline) throw new RegistryError('offline', 'offline, and no cached answer');
    const failure = this.failures.get(plan.key);
    if (failure && this.now() - failure.at < FAILURE_BACKOFF_MS) {
      if (cached) return this.served<T>(cached, true);
      throw failure.error;
    }
    try {
      return (await this.shared(plan, cached, options.signal)) as Fetched<T>;
    } catch (err) {
      if (isCancellation(err)) throw err;
      if (cached) return this.served<T>(cached, true);
      throw err;
    }
  }

  /**
   * For callers that batch several keys into one request (OSV querybatch): the cached answer for
   * `key` if it may be used now (fresh, or any age when offline), else undefined.
   */
  async cached<T>(key: string, ttlMs: number, offline: boolean): Promise<Fetched<T> | undefined> {
    const entry = this.memory.get(key) ?? (await this.fromDisk(key));
    if (!entry) return undefined;
    if (offline) return this.served<T>(entry, true);
    return this.isFresh(entry, ttlMs) ? this.served<T>(entry, false) : undefined;
  }

  /** Records an answer obtained by a batched request under its own key. */
  put<T>(key: string, answer: Answer<T>): Fetched<T> {
    const entry: CacheEntry = { key, storedAt: this.now(), answer };
    this.memory.set(key, entry);
    void this.disk?.write(entry);
    return this.served<T>(entry, false);
  }

  /** A request that bypasses the cache but not the concurrency limit. */
  send(req: HttpRequest): Promise<HttpResponse> {
    return this.limiter.run(() => this.http.request(req), req.signal);
  }

  /** Forgets every answer, in memory and on disk. */
  async clear(): Promise<void> {
    this.memory.clear();
    this.failures.clear();
    await this.disk?.clear();
  }

  /** The cached answer if it is in memory, without any I/O (for synchronous views). */
  peek<T>(key: string): Fetched<T> | undefined {
    const entry = this.memory.get(key);
    return entry ? this.served<T>(entry, false) : undefined;
  }

  private isFresh(entry: CacheEntry, ttlMs: number): boolean {
    const ttl = entry.answer.found ? ttlMs : Math.min(ttlMs, NOT_FOUND_TTL_MS);
    const age = this.now() - entry.storedAt;
    return age >= 0 && age < ttl;
  }

  private served<T>(entry: CacheEntry, fromCache: boolean): Fetched<T> {
    return { answer: entry.answer as Answer<T>, storedAt: entry.storedAt, fromCache };
  }

  private async fromDisk(key: string): Promise<CacheEntry | undefined> {
    const entry = await this.disk?.read(key);
    if (entry) this.memory.set(key, entry);
    return entry;
  }

  private shared<T>(plan: FetchPlan<T>, cached: CacheEntry | undefined, signal: AbortSignal | undefined): Promise<Fetched<unknown>> {
    let load = this.inflight.get(plan.key);
    if (!load) {
      const controller = new AbortController();
      const created: SharedLoad = { controller, waiters: 0, promise: Promise.resolve() as unknown as Promise<Fetched<unknown>> };
      created.promise = this.load(plan, cached, controller.signal).finally(() => {
        if (this.inflight.get(plan.key) === created) this.inflight.delete(plan.key);
      });
      this.inflight.set(plan.key, created);
      load = created;
    }
    const current = load;
    current.waiters++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        current.waiters--;
        // The request outlives its last caller briefly: the next keystroke's pass usually wants it.
        if (current.waiters === 0) {
          setTimeout(() => {
            if (current.waiters > 0) return;
            if (this.inflight.get(plan.key) === current) this.inflight.delete(plan.key);
            current.controller.abort();
          }, ORPHAN_GRACE_MS).unref();
        }
        reject(new RegistryError('cancelled', 'cancelled'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      current.promise.then(
        (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (err: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          reject(err);
        },
      );
      current.promise.catch(() => undefined); // every waiter handles it; never an unhandled rejection
    });
  }

  private async load<T>(plan: FetchPlan<T>, cached: CacheEntry | undefined, signal: AbortSignal): Promise<Fetched<unknown>> {
    try {
      const res = await this.limiter.run(() => this.http.request({ ...plan.request, etag: cached?.etag, signal }), signal);
      let entry: CacheEntry;
      if (res.status === 304 && cached) {
        entry = { ...cached, storedAt: this.now() };
      } else if (res.status === 404 || res.status === 410) {
        entry = { key: plan.key, storedAt: this.now(), answer: { found: false } };
      } else if (res.status >= 200 && res.status < 300) {
        entry = { key: plan.key, storedAt: this.now(), etag: res.etag, answer: { found: true, value: await plan.parse(res) } };
      } else {
        throw new RegistryError('http', `${new URL(res.url).host} answered HTTP ${res.status}`);
      }
      this.memory.set(plan.key, entry);
      this.failures.delete(plan.key);
      void this.disk?.write(entry);
      return this.served(entry, false);
    } catch (err) {
      const error = err instanceof RegistryError ? err : new RegistryError('invalid', `unreadable answer (${(err as Error)?.message ?? String(err)})`);
      if (!isCancellation(error)) this.failures.set(plan.key, { error, at: this.now() });
      throw error;
    }
  }
}
