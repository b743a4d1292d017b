/** The network layer against a local server: deadlines, size caps, redirects and credentials. */
import { strict as assert } from 'node:assert';
import { CredentialStore } from '../../../../server/src/registries/http/credentials';
import { HttpClient } from '../../../../server/src/registries/http/httpClient';
import { RegistryError } from '../../../../server/src/registries/errors';
import { gzipSync } from 'node:zlib';
import { FixtureServer, faults, type Handler } from '../../../helpers/fixtureServer';

const TOKEN = 'npm_SECRET_TOKEN_123';

function withToken(server: FixtureServer): CredentialStore {
  const store = new CredentialStore();
  store.add({ host: new URL(server.base).host, pathPrefix: '/', authorization: `Bearer ${TOKEN}` });
  return store;
}

async function failure(promise: Promise<unknown>): Promise<RegistryError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof RegistryError, String(err));
    return err;
  }
  throw new Error('expected a failure');
}

describe('registry HTTP client', () => {
  let server: FixtureServer;
  let other: FixtureServer;
  const http = new HttpClient();
  before(async () => {
    server = await FixtureServer.start();
    other = await FixtureServer.start();
  });
  afterEach(() => {
    server.reset();
    other.reset();
  });
  after(async () => {
    await server.close();
    await other.close();
  });

  it('gives up on a slow answer at the deadline, saying so', async () => {
    server.route('GET', '/slow', faults.slow(5_000));
    // The answer would come after 5 s: a timeout error naming 0.2 s is the deadline at work.
    const err = await failure(http.request({ url: `${server.base}/slow`, timeoutMs: 200, maxBytes: 1024 }));
    assert.equal(err.kind, 'timeout');
    assert.match(err.message, /did not answer within 0\.2 s/);
  });

  it('gives up at the deadline on an answer that starts at once and then trickles forever', async () => {
    server.route('GET', '/trickle', faults.trickle(50));
    // The trickle never ends: only the deadline can end the request, as a timeout.
    const err = await failure(http.request({ url: `${server.base}/trickle`, timeoutMs: 300, maxBytes: 1024 * 1024 }));
    assert.equal(err.kind, 'timeout');
    assert.match(err.message, /did not answer within 0\.3 s/);
  });

  it('hands over the body exactly, declared or chunked, compressed or not, even when the length lies', async () => {
    const body = Buffer.from(JSON.stringify({ versions: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`1.${i}.0`, { n: i }])) }));
    const half = body.length >> 1;
    const handlers: Record<string, Handler> = {
      declared: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
        res.write(body.subarray(0, half));
        setTimeout(() => res.end(body.subarray(half)), 10);
      },
      chunked: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(body.subarray(0, half));
        setTimeout(() => res.end(body.subarray(half)), 10);
      },
      gzip: (_req, res) => {
        const packed = gzipSync(body);
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(packed.length) });
        res.end(packed);
      },
      // A broken server: declares more than it sends.
      short: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length + 100) });
        res.end(body);
      },
    };
    for (const [path, handler] of Object.entries(handlers)) server.route('GET', `/${path}`, handler);
    for (const path of ['declared', 'chunked', 'gzip']) {
      const res = await http.request({ url: `${server.base}/${path}`, timeoutMs: 5_000, maxBytes: 10 * 1024 * 1024 });
      assert.ok(res.body.equals(body), path);
    }
    // Fewer bytes than declared: the connection ends early, which is a failure, never a padded body.
    await failure(http.request({ url: `${server.base}/short`, timeoutMs: 500, maxBytes: 10 * 1024 * 1024 }));
  });

  it('asks for gzip, and holds a compressed answer to the size cap by its decoded size', async () => {
    // 64 MB of spaces compress to ~64 KB: the cap must count what it decodes to, not what came.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    server.route('GET', '/bomb', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      res.end(bomb);
    });
    const err = await failure(http.request({ url: `${server.base}/bomb`, timeoutMs: 10_000, maxBytes: 1024 * 1024 }));
    assert.equal(err.kind, 'too-large');
    assert.match(String(server.requests[0].headers['accept-encoding']), /\bgzip\b/);
  });

  it('hands a body to a sink chunk by chunk, giving the thread back between slow chunks, and holds it to the size cap', async () => {
    const body = Buffer.alloc(2 * 1024 * 1024, 0x61);
    server.route('GET', '/big', faults.json(body.toString()));
    const received: number[] = [];
    let turns = 0;
    const tick = () => {
      turns++;
      if (pending) setImmediate(tick);
    };
    let pending = true;
    setImmediate(tick);
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    const sink = () => ({ write: (chunk: Uint8Array) => (received.push(chunk.byteLength), busy(10)) });
    const res = await http.request({ url: `${server.base}/big`, timeoutMs: 10_000, maxBytes: 4 * 1024 * 1024, sink }).finally(() => (pending = false));
    assert.equal(res.sunk, true);
    assert.equal(res.body.length, 0);
    assert.equal(received.reduce((a, b) => a + b, 0), body.length);
    // Every chunk takes longer than a slice: the event loop ran between (nearly) all of them.
    assert.ok(received.length > 4 && turns >= received.length - 1, `${turns} turns for ${received.length} chunks`);
    const err = await failure(http.request({ url: `${server.base}/big`, timeoutMs: 10_000, maxBytes: 1024 * 1024, sink: () => ({ write: () => undefined }) }));
    assert.equal(err.kind, 'too-large');
  });

  it('fails a corrupt gzip answer as unreadable, not as unreachable, whether read whole or by a sink', async () => {
    const packed = gzipSync(Buffer.from(JSON.stringify({ versions: { '1.0.0': {} } }).repeat(200)));
    packed.fill(0x41, 20, 60);
    server.route('GET', '/corrupt', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(packed.length) });
      res.end(packed);
    });
    for (const sink of [undefined, () => ({ write: () => undefined })]) {
      const err = await failure(http.request({ url: `${server.base}/corrupt`, timeoutMs: 5_000, maxBytes: 1024 * 1024, sink }));
      assert.equal(err.kind, 'invalid');
      assert.match(err.message, /answer from .* is not valid compressed data \(Z_DATA_ERROR\)/);
    }
  });

  it('cuts a 100 MB answer off at the size cap without receiving it all', async () => {
    server.route('GET', '/huge', faults.huge(server, 100 * 1024 * 1024));
    const err = await failure(http.request({ url: `${server.base}/huge`, timeoutMs: 10_000, maxBytes: 1024 * 1024 }));
    assert.equal(err.kind, 'too-large');
    assert.match(err.message, /larger than 1 MB/);
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(server.hugeBytesSent < 20 * 1024 * 1024, `server sent ${server.hugeBytesSent} bytes`);
  });

  it('refuses a declared Content-Length over the cap before reading the body', async () => {
    server.route('GET', '/declared', faults.json('x'.repeat(5000)));
    const err = await failure(http.request({ url: `${server.base}/declared`, timeoutMs: 5_000, maxBytes: 1000 }));
    assert.equal(err.kind, 'too-large');
  });

  it('sends a token to its own host and never to the host a redirect points at', async () => {
    server.route('GET', '/npm/pkg', faults.redirect(`${other.base}/elsewhere/pkg`));
    other.route('GET', '/elsewhere/pkg', faults.json({ ok: true }));
    const res = await http.request({ url: `${server.base}/npm/pkg`, timeoutMs: 5_000, maxBytes: 1024, credentials: withToken(server) });
    assert.equal(res.status, 200);
    assert.equal(server.requests[0].headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(other.requests.length, 1);
    assert.equal(other.requests[0].headers.authorization, undefined);
  });

  it('keeps the token on a same-host redirect', async () => {
    server.route('GET', '/a', faults.redirect('/b', 301));
    server.route('GET', '/b', faults.json({ ok: true }));
    await http.request({ url: `${server.base}/a`, timeoutMs: 5_000, maxBytes: 1024, credentials: withToken(server) });
    assert.deepEqual(server.requests.map((r) => r.headers.authorization), [`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it('stops after 5 redirects', async () => {
    server.route('GET', '/loop', faults.redirect('/loop'));
    const err = await failure(http.request({ url: `${server.base}/loop`, timeoutMs: 5_000, maxBytes: 1024 }));
    assert.equal(err.kind, 'redirect');
    assert.equal(server.requests.length, 6);
  });

  it('never puts credentials or query strings into error messages', async () => {
    const err = await failure(http.request({ url: `http://127.0.0.1:1/pkg?token=${TOKEN}`, timeoutMs: 2_000, maxBytes: 1024, credentials: withToken(server) }));
    assert.equal(err.kind, 'network');
    assert.doesNotMatch(err.message, new RegExp(TOKEN));
    const embedded = await failure(http.request({ url: `https://user:${TOKEN}@registry.example/pkg`, timeoutMs: 2_000, maxBytes: 1024 }));
    assert.doesNotMatch(embedded.message, new RegExp(TOKEN));
  });

  it('returns non-2xx answers to the caller with their status', async () => {
    server.route('GET', '/err', faults.status(500, 'oops'));
    const res = await http.request({ url: `${server.base}/err`, timeoutMs: 5_000, maxBytes: 1024 });
    assert.equal(res.status, 500);
  });

  it('is cancelled by its caller at once', async () => {
    server.route('GET', '/wait', faults.slow(5_000));
    const controller = new AbortController();
    const pending = http.request({ url: `${server.base}/wait`, timeoutMs: 10_000, maxBytes: 1024, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const err = await failure(pending);
    assert.equal(err.kind, 'cancelled');
  });
});
