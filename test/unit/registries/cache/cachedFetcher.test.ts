/** The cache between registries and rules: freshness, ETags, disk, offline, sharing, limits. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CachedFetcher, type FetchPlan } from '../../../../server/src/registries/cache/cachedFetcher';
import { DiskCache } from '../../../../server/src/registries/cache/diskCache';
import { RegistryError } from '../../../../server/src/registries/errors';
import { HttpClient } from '../../../../server/src/registries/http/httpClient';
import { Limiter } from '../../../../server/src/registries/http/limiter';
import { parseJsonBody } from '../../../../server/src/registries/json';
import { FixtureServer, faults, sleep } from '../../../helpers/fixtureServer';

function plan(server: FixtureServer, path: string, ttlMs = 60_000): FetchPlan<{ n: number }> {
  return {
    key: `test ${server.base}${path}`,
    ttlMs,
    request: { url: `${server.base}${path}`, timeoutMs: 2_000, maxBytes: 1024 * 1024 },
    parse: (res) => {
      const doc = parseJsonBody(res.body) as { n?: unknown } | undefined;
      if (typeof doc?.n !== 'number') throw new RegistryError('invalid', 'not a counter');
      return { n: doc.n };
    },
  };
}

describe('registry cache', () => {
  let server: FixtureServer;
  let clock: number;
  const now = () => clock;
  before(async () => (server = await FixtureServer.start()));
  beforeEach(() => (clock = Date.now()));
  afterEach(() => server.reset());
  after(async () => server.close());

  function fetcher(dir?: string, max = 8): CachedFetcher {
    return new CachedFetcher(new HttpClient(), new Limiter(max), dir ? new DiskCache(dir) : undefined, now);
  }

  it('answers from memory while fresh, and asks again (with If-None-Match) once stale', async () => {
    let n = 0;
    server.route('GET', '/doc', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304);
        res.end();
        return;
      }
      res.writeHead(200, { etag: '"v1"', 'content-type': 'application/json' });
      res.end(JSON.stringify({ n: ++n }));
    });
    const f = fetcher();
    assert.deepEqual((await f.get(plan(server, '/doc'), { offline: false })).answer, { found: true, value: { n: 1 } });
    await f.get(plan(server, '/doc'), { offline: false });
    assert.equal(server.count(), 1);
    clock += 61_000;
    const revalidated = await f.get(plan(server, '/doc'), { offline: false });
    assert.deepEqual(revalidated.answer, { found: true, value: { n: 1 } });
    assert.equal(revalidated.storedAt, clock);
    assert.equal(server.requests[1].headers['if-none-match'], '"v1"');
  });

  it('remembers a 404 as "not found" (the mirror answers with an empty body)', async () => {
    const f = fetcher();
    const got = await f.get(plan(server, '/npm/no-such-package-anywhere'), { offline: false });
    assert.deepEqual(got.answer, { found: false });
    await f.get(plan(server, '/npm/no-such-package-anywhere'), { offline: false });
    assert.equal(server.count(), 1);
  });

  it('keeps answers on disk for the next session, and serves them offline marked as cached', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-cache-'));
    server.route('GET', '/doc', faults.json({ n: 7 }));
    await fetcher(dir).get(plan(server, '/doc'), { offline: false });
    await sleep(50); // the disk write is not awaited by callers
    server.reset();
    const warm = await fetcher(dir).get(plan(server, '/doc'), { offline: false });
    assert.deepEqual(warm.answer, { found: true, value: { n: 7 } });
    assert.equal(warm.fromCache, false);
    clock += 365 * 86_400_000;
    const offline = await fetcher(dir).get(plan(server, '/doc'), { offline: true });
    assert.deepEqual(offline.answer, { found: true, value: { n: 7 } });
    assert.equal(offline.fromCache, true);
    assert.equal(server.count(), 0);
    const none = await fetcher(dir).get(plan(server, '/other'), { offline: true }).catch((e: RegistryError) => e);
    assert.ok(none instanceof RegistryError && none.kind === 'offline');
    assert.equal(server.count(), 0);
    for (const file of readdirSync(dir)) assert.doesNotMatch(readFileSync(join(dir, file), 'utf8'), /authorization|Bearer/i);
  });

  it('discards a corrupt cache file and asks the registry instead', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-cache-'));
    server.route('GET', '/doc', faults.json({ n: 1 }));
    await fetcher(dir).get(plan(server, '/doc'), { offline: false });
    await sleep(50);
    const [file] = readdirSync(dir);
    for (const garbage of ['{"format":3,"key":', '[]', '{"format":3,"key":"other","storedAt":1,"answer":{"found":true,"value":{}}}']) {
      writeFileSync(join(dir, file), garbage);
      server.reset();
      server.route('GET', '/doc', faults.json({ n: 2 }));
      const got = await fetcher(dir).get(plan(server, '/doc'), { offline: false });
      assert.deepEqual(got.answer, { found: true, value: { n: 2 } });
      assert.equal(server.count(), 1);
      await sleep(50);
    }
  });

  it('shares one request among concurrent callers, and one caller giving up does not cancel the others', async () => {
    server.route('GET', '/slow', faults.slow(200, faults.json({ n: 3 })));
    const f = fetcher();
    const leaving = new AbortController();
    const first = f.get(plan(server, '/slow'), { offline: false, signal: leaving.signal });
    const second = f.get(plan(server, '/slow'), { offline: false });
    leaving.abort();
    await assert.rejects(first, (e: RegistryError) => e.kind === 'cancelled');
    assert.deepEqual((await second).answer, { found: true, value: { n: 3 } });
    assert.equal(server.count(), 1);
  });

  it('never has more than N requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const f = fetcher(undefined, 3);
    for (let i = 0; i < 10; i++) {
      server.route('GET', `/doc${i}`, async (_req, res) => {
        peak = Math.max(peak, ++inFlight);
        await sleep(30);
        inFlight--;
        await faults.json({ n: i })(_req, res);
      });
    }
    await Promise.all(Array.from({ length: 10 }, (_, i) => f.get(plan(server, `/doc${i}`), { offline: false })));
    assert.equal(peak, 3);
  });

  it('does not retry a failing registry on every keystroke, and falls back to an older answer', async () => {
    const f = fetcher();
    server.route('GET', '/flaky', faults.json({ n: 1 }));
    await f.get(plan(server, '/flaky', 1_000), { offline: false });
    server.route('GET', '/flaky', faults.status(500));
    clock += 2_000;
    const stale = await f.get(plan(server, '/flaky', 1_000), { offline: false });
    assert.deepEqual(stale.answer, { found: true, value: { n: 1 } });
    assert.equal(stale.fromCache, true);
    server.route('GET', '/down', faults.status(503));
    await assert.rejects(f.get(plan(server, '/down'), { offline: false }), /answered HTTP 503/);
    await assert.rejects(f.get(plan(server, '/down'), { offline: false }), /answered HTTP 503/);
    assert.equal(server.count((r) => r.url === '/down'), 1);
  });

  it('reports a garbage answer as unreadable, without caching it', async () => {
    server.route('GET', '/garbage', faults.garbage());
    await assert.rejects(fetcher().get(plan(server, '/garbage'), { offline: false }), (e: RegistryError) => e.kind === 'invalid');
  });

  it('forgets the least recently used answers past its byte budget, not only past its count', async () => {
    for (let n = 1; n <= 4; n++) {
      server.route('GET', `/big${n}`, (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ n, pad: 'x'.repeat(20_000) }));
      });
    }
    const bigPlan = (n: number): FetchPlan<{ n: number; pad: string }> => ({
      key: `big ${server.base} ${n}`,
      ttlMs: 60_000,
      request: { url: `${server.base}/big${n}`, timeoutMs: 2_000, maxBytes: 1024 * 1024 },
      parse: (res) => parseJsonBody(res.body) as { n: number; pad: string },
    });
    // About 40 KB an answer as counted (two bytes a character): three fit in 128 KB, four do not.
    const f = new CachedFetcher(new HttpClient(), new Limiter(8), undefined, now, 128 * 1024);
    for (let n = 1; n <= 4; n++) await f.get(bigPlan(n), { offline: false });
    assert.equal(f.peek(bigPlan(1).key), undefined, 'the oldest answer is still held past the budget');
    assert.deepEqual([2, 3, 4].map((n) => (f.peek<{ n: number }>(bigPlan(n).key)?.answer as { value: { n: number } } | undefined)?.value.n), [2, 3, 4]);
  });
});
