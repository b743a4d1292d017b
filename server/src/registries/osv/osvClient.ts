/**
 * OSV advisories for resolved versions: one `POST /v1/querybatch` for all the versions of a
 * manifest that are not cached (results come back in query order, `{}` when there is none, with a
 * `next_page_token` to follow when there are many), then `GET /v1/vulns/<id>` per advisory,
 * cached by id and `modified` so a record is fetched again only when it changes.
 */
import type { Ecosystem } from '../../model/model';
import { normalizeName } from '../../model/names';
import type { CachedFetcher, Fetched } from '../cache/cachedFetcher';
import { RegistryError, hostOf, isCancellation } from '../errors';
import { asArray, asObject, field, parseJsonBody, stringField } from '../json';
import type { Advisory } from '../types';
import { OSV_ECOSYSTEM, parseOsvRecord } from './advisory';

export interface OsvQuery {
  ecosystem: Ecosystem;
  name: string;
  version: string;
}

export interface OsvOptions {
  timeoutMs: number;
  maxBytes: number;
  ttlMs: number;
  /** OSV accepts up to 1000 queries per batch. */
  batchSize: number;
}

export const OSV_DEFAULTS: OsvOptions = { timeoutMs: 30_000, maxBytes: 32 * 1024 * 1024, ttlMs: 2 * 60 * 60_000, batchSize: 1000 };
const RECORD_TTL_MS = 7 * 24 * 60 * 60_000;
const MAX_PAGES = 5;

interface VulnRef {
  id: string;
  modified?: string;
}

export interface OsvContext {
  base: string;
  offline: boolean;
  signal?: AbortSignal;
}

export class OsvClient {
  constructor(
    private readonly fetcher: CachedFetcher,
    private readonly options: OsvOptions = OSV_DEFAULTS,
  ) {}

  /** Advisories per query (same order); a failure is per query, as an Error in its place. */
  async advisories(queries: OsvQuery[], ctx: OsvContext): Promise<Array<Fetched<Advisory[]> | Error>> {
    const refs = await this.queryRefs(queries, ctx);
    return Promise.all(
      refs.map(async (ref, i) => {
        if (ref instanceof Error) return ref;
        try {
          const records = await Promise.all(ref.answer.found ? ref.answer.value.map((v) => this.record(v, queries[i], ctx)) : []);
          const advisories = records.filter((r): r is Advisory => r !== undefined);
          return { answer: { found: true as const, value: advisories }, storedAt: ref.storedAt, fromCache: ref.fromCache };
        } catch (err) {
          return err instanceof Error ? err : new Error(String(err));
        }
      }),
    );
  }

  private keyOf(q: OsvQuery, base: string): string {
    return `osv-query ${base} ${OSV_ECOSYSTEM[q.ecosystem]} ${normalizeName(q.ecosystem, q.name)}@${q.version}`;
  }

  private async queryRefs(queries: OsvQuery[], ctx: OsvContext): Promise<Array<Fetched<VulnRef[]> | Error>> {
    const out: Array<Fetched<VulnRef[]> | Error> = await Promise.all(
      queries.map(async (q) => (await this.fetcher.cached<VulnRef[]>(this.keyOf(q, ctx.base), this.options.ttlMs, ctx.offline)) ?? new RegistryError('offline', 'offline, and no cached advisories')),
    );
    if (ctx.offline) return out;
    const missing = out.flatMap((r, i) => (r instanceof Error ? [i] : []));
    for (let start = 0; start < missing.length; start += this.options.batchSize) {
      const chunk = missing.slice(start, start + this.options.batchSize);
      try {
        const results = await this.batch(chunk.map((i) => queries[i]), ctx);
        chunk.forEach((i, j) => (out[i] = this.fetcher.put<VulnRef[]>(this.keyOf(queries[i], ctx.base), { found: true, value: results[j] })));
      } catch (err) {
        if (isCancellation(err)) throw err;
        for (const i of chunk) out[i] = err instanceof Error ? err : new Error(String(err));
      }
    }
    return out;
  }

  /** One querybatch, following page tokens for the queries that have more. */
  private async batch(queries: OsvQuery[], ctx: OsvContext): Promise<VulnRef[][]> {
    const results: VulnRef[][] = queries.map(() => []);
    let pending = queries.map((q, i) => ({ i, query: osvQuery(q) as Record<string, unknown> }));
    for (let page = 0; pending.length > 0 && page < MAX_PAGES; page++) {
      const res = await this.fetcher.send({
        url: `${ctx.base}v1/querybatch`,
        method: 'POST',
        body: JSON.stringify({ queries: pending.map((p) => p.query) }),
        timeoutMs: this.options.timeoutMs,
        maxBytes: this.options.maxBytes,
        signal: ctx.signal,
      });
      if (res.status < 200 || res.status >= 300) throw new RegistryError('http', `${hostOf(res.url)} answered HTTP ${res.status}`);
      const answers = asArray(field(asObject(parseJsonBody(res.body)), 'results'));
      if (answers.length !== pending.length) throw new RegistryError('invalid', `${hostOf(res.url)} did not answer with OSV batch results`);
      const next: typeof pending = [];
      answers.forEach((raw, j) => {
        const result = asObject(raw);
        const target = pending[j];
        for (const v of asArray(field(result, 'vulns'))) {
          const id = stringField(asObject(v), 'id');
          if (id && results[target.i].length < 1000) results[target.i].push({ id, modified: stringField(asObject(v), 'modified') });
        }
        const token = stringField(result, 'next_page_token');
        if (token) next.push({ i: target.i, query: { ...target.query, page_token: token } });
      });
      pending = next;
    }
    return results;
  }

  private async record(ref: VulnRef, query: OsvQuery, ctx: OsvContext): Promise<Advisory | undefined> {
    const url = `${ctx.base}v1/vulns/${encodeURIComponent(ref.id)}`;
    const fetched = await this.fetcher.get<Advisory | { withdrawn: true }>(
      {
        key: `osv-vuln ${url} ${ref.modified ?? ''} ${query.ecosystem} ${normalizeName(query.ecosystem, query.name)}`,
        ttlMs: RECORD_TTL_MS,
        request: { url, timeoutMs: this.options.timeoutMs, maxBytes: this.options.maxBytes },
        parse: (res) => {
          const doc = parseJsonBody(res.body);
          if (!asObject(doc) || !stringField(asObject(doc), 'id')) throw new RegistryError('invalid', `${hostOf(url)} did not answer with an OSV record`);
          return parseOsvRecord(doc, query.ecosystem, query.name) ?? { withdrawn: true };
        },
      },
      { offline: ctx.offline, signal: ctx.signal },
    );
    if (!fetched.answer.found || 'withdrawn' in fetched.answer.value) return undefined;
    return fetched.answer.value;
  }
}

function osvQuery(q: OsvQuery): { package: { name: string; ecosystem: string }; version: string } {
  return { package: { name: q.ecosystem === 'pypi' ? normalizeName('pypi', q.name) : q.name, ecosystem: OSV_ECOSYSTEM[q.ecosystem] }, version: q.version };
}
