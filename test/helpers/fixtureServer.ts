/**
 * A local registry for tests and the benchmark: an HTTP server on 127.0.0.1 that serves the
 * fixtures in test/fixtures/registry in the real services' shapes (npm packuments, PyPI JSON and
 * PEP 691 simple pages, NuGet service index / registration / catalog, OSV querybatch and vulns),
 * plus faults on demand: latency, slow answers, 500s, garbage, huge bodies, redirects.
 *
 * Fixture files may contain `{{base}}` (this server's URL) and `{{daysAgo:N}}` / `{{daysAgo:N:mirror}}`
 * (an ISO time N days before now, in npm's `Z` form or the local mirror's `+00:00` form), so
 * release ages are stable whenever the tests run.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { abbreviatePackument, NPM_ABBREVIATED_TYPE, wantsAbbreviated } from './npmAbbreviated';
import { buildZip } from './zip';

export const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'registry');

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export interface FixtureServerOptions {
  /** Added before every answer (the benchmark uses 50 ms, like a nearby registry). */
  latencyMs?: number;
}

export class FixtureServer {
  readonly requests: RecordedRequest[] = [];
  private readonly overrides = new Map<string, Handler>();
  /** Bytes written by `huge` answers before the client hung up. */
  hugeBytesSent = 0;
  /** Requests being answered right now, and the most there ever were at once. */
  inFlight = 0;
  peakInFlight = 0;
  latencyMs: number;
  /** False: npm answers ignore `Accept` and are always the full document, as the local mirror does. */
  honoursNpmAccept = true;
  /**
   * True: npm answers are gzip-compressed when the request's Accept-Encoding allows it, as
   * registry.npmjs.org compresses them; false (the default): never, as the local mirror.
   */
  gzipsNpm = false;
  /** True: npm answers carry an ETag, and a request naming it gets 304 Not Modified, as registry.npmjs.org answers. */
  etagsNpm = false;

  private constructor(
    private readonly server: Server,
    options: FixtureServerOptions,
  ) {
    this.latencyMs = options.latencyMs ?? 0;
  }

  static async start(options: FixtureServerOptions = {}): Promise<FixtureServer> {
    let self: FixtureServer | undefined;
    const server = createServer((req, res) => void self?.handle(req, res));
    self = new FixtureServer(server, options);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return self;
  }

  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Settings pointing every registry at this server. */
  get registrySettings(): { npm: string; pypi: string; nuget: string; osv: string } {
    return { npm: `${this.base}/npm/`, pypi: `${this.base}/pypi/`, nuget: `${this.base}/nuget/v3/index.json`, osv: `${this.base}/osv/` };
  }

  /** Replaces the answer for one `METHOD /path` (exact, including the query). */
  route(method: string, path: string, handler: Handler): void {
    this.overrides.set(`${method} ${path}`, handler);
  }

  count(predicate: (r: RecordedRequest) => boolean = () => true): number {
    return this.requests.filter(predicate).length;
  }

  reset(): void {
    this.requests.length = 0;
    this.overrides.clear();
    this.hugeBytesSent = 0;
    this.honoursNpmAccept = true;
    this.gzipsNpm = false;
    this.etagsNpm = false;
    this.peakInFlight = this.inFlight;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const recorded: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    this.requests.push(recorded);
    this.peakInFlight = Math.max(this.peakInFlight, ++this.inFlight);
    try {
      if (this.latencyMs > 0) await sleep(this.latencyMs);
      const override = this.overrides.get(`${recorded.method} ${recorded.url}`);
      if (override) await override(recorded, res);
      else this.serveFixture(recorded, res);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    } finally {
      this.inFlight--;
    }
  }

  /** The normal fixture answer (for handlers that delay or wrap it). */
  serveFixture(req: RecordedRequest, res: ServerResponse): void {
    const url = new URL(req.url, this.base);
    const path = url.pathname;
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && path === '/osv/v1/querybatch') return this.osvBatch(req, res);
    if ((m = /^\/osv\/v1\/vulns\/([^/]+)$/.exec(path))) return this.file(res, `osv/vulns/${safe(decodeURIComponent(m[1]))}.json`);
    if ((m = /^\/npm\/([^/]+)$/.exec(path))) return this.file(res, `npm/${safe(decodeURIComponent(m[1]).replace('/', '__'))}.json`, { emptyNotFound: true, npmAbbreviated: wantsAbbreviated(req.headers.accept) && this.honoursNpmAccept, gzip: this.gzipsNpm && acceptsGzip(req), etagOf: this.etagsNpm ? req : undefined });
    if ((m = /^\/pypi\/([^/]+)\/json$/.exec(path))) return this.file(res, `pypi/${safe(m[1])}.json`);
    if ((m = /^\/pypi\/([^/]+)\/([^/]+)\/json$/.exec(path))) return this.file(res, `pypi/${safe(m[1])}@${safe(decodeURIComponent(m[2]))}.json`);
    if ((m = /^\/simple\/([^/]+)\/$/.exec(path))) return this.file(res, `pypi-simple/${safe(m[1])}.json`, { contentType: 'application/vnd.pypi.simple.v1+json' });
    if (path === '/nuget/v3/index.json') return this.file(res, 'nuget/index.json');
    if ((m = /^\/nuget\/v3\/registration\/([^/]+)\/index\.json$/.exec(path))) return this.file(res, `nuget/registration/${safe(m[1])}.json`);
    if ((m = /^\/nuget\/v3\/registration\/([^/]+)\/page\/([^/]+)\.json$/.exec(path))) return this.file(res, `nuget/registration/${safe(m[1])}.page-${safe(m[2])}.json`);
    if ((m = /^\/nuget\/v3\/catalog\/([^/]+)$/.exec(path))) return this.file(res, `nuget/catalog/${safe(m[1])}`);
    if ((m = /^\/nuget\/v3\/flat\/([^/]+)\/([^/]+)\/[^/]+\.nupkg$/.exec(path))) return this.nupkg(req, res, `nuget/flat/${safe(m[1])}.${safe(m[2])}.json`);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"Not found"}');
  }

  private file(res: ServerResponse, relative: string, options: { emptyNotFound?: boolean; contentType?: string; npmAbbreviated?: boolean; gzip?: boolean; etagOf?: RecordedRequest } = {}): void {
    const full = join(FIXTURES, relative);
    if (!existsSync(full)) {
      // The npm mirror answers an unknown name with 404 and an empty body.
      res.writeHead(404, options.emptyNotFound ? { 'content-length': '0' } : { 'content-type': 'application/json' });
      res.end(options.emptyNotFound ? '' : '{"message":"Not Found"}');
      return;
    }
    const text = this.template(readFileSync(full, 'utf8'));
    const body = Buffer.from(options.npmAbbreviated ? JSON.stringify(abbreviatePackument(JSON.parse(text) as Record<string, unknown>)) : text);
    const headers: Record<string, string> = { 'content-type': options.npmAbbreviated ? NPM_ABBREVIATED_TYPE : (options.contentType ?? 'application/json') };
    if (options.etagOf) {
      // Templates put times in fixtures: the ETag ignores them, as a document re-rendered is the same document.
      headers.etag = `"${createHash('sha256').update(`${relative} ${options.npmAbbreviated ? 'abbreviated' : 'full'}`).digest('hex').slice(0, 16)}"`;
      if (options.etagOf.headers['if-none-match'] === headers.etag) {
        res.writeHead(304, { etag: headers.etag });
        res.end();
        return;
      }
    }
    sendBody(res, headers, body, options.gzip);
  }

  /**
   * A .nupkg built from a fixture listing its files (`{"files": [...], "padding": N}`), served
   * with HTTP Range support (`bytes=-N`, `bytes=A-B`) as a flat container answers.
   */
  private nupkg(req: RecordedRequest, res: ServerResponse, relative: string): void {
    const full = join(FIXTURES, relative);
    if (!existsSync(full)) {
      res.writeHead(404);
      res.end();
      return;
    }
    const listing = JSON.parse(readFileSync(full, 'utf8')) as { files: string[]; padding?: number };
    const zip = buildZip([{ name: 'padding.bin', content: 'x'.repeat(listing.padding ?? 0) }, ...listing.files.map((name) => ({ name, content: `<!-- ${name} -->` }))]);
    const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ''));
    if (!range) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(zip.length) });
      res.end(zip);
      return;
    }
    const [start, end] = range[1] === '' ? [Math.max(0, zip.length - Number(range[2])), zip.length - 1] : [Number(range[1]), Math.min(zip.length - 1, range[2] === '' ? zip.length - 1 : Number(range[2]))];
    res.writeHead(206, { 'content-type': 'application/octet-stream', 'content-range': `bytes ${start}-${end}/${zip.length}`, 'content-length': String(end - start + 1) });
    res.end(zip.subarray(start, end + 1));
  }

  template(text: string): string {
    return renderTemplate(text, this.base);
  }

  /** OSV querybatch from osv/db.json (`"npm lodash@4.17.20": [{id, modified}]`), results in query order. */
  private osvBatch(req: RecordedRequest, res: ServerResponse): void {
    const db = JSON.parse(readFileSync(join(FIXTURES, 'osv', 'db.json'), 'utf8')) as Record<string, Array<{ id: string; modified: string }>>;
    const { queries } = JSON.parse(req.body) as { queries: Array<{ package: { name: string; ecosystem: string }; version: string }> };
    const results = queries.map((q) => {
      const hits = db[`${q.package.ecosystem} ${q.package.name}@${q.version}`];
      return hits ? { vulns: hits } : {};
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ results }));
  }
}

/** Whether a request's Accept-Encoding allows gzip (undici's fetch sends `gzip, deflate`). */
export function acceptsGzip(req: RecordedRequest): boolean {
  return String(req.headers['accept-encoding'] ?? '')
    .split(',')
    .some((part) => {
      const [coding, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
    });
}

/** A 200 answer, gzip-compressed when `gzip` (Content-Length is then the compressed size); returns the bytes put on the wire. */
export function sendBody(res: ServerResponse, headers: Record<string, string>, body: Buffer, gzip = false): number {
  const wire = gzip ? gzipSync(body) : body;
  res.writeHead(200, { ...headers, ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}), 'content-length': String(wire.length) });
  res.end(wire);
  return wire.length;
}

/** Fills `{{base}}` and `{{daysAgo:N[:mirror]}}` in fixture text. */
export function renderTemplate(text: string, base: string): string {
  return text.replace(/\{\{base\}\}/g, base).replace(/\{\{daysAgo:(\d+(?:\.\d+)?)(:mirror)?\}\}/g, (_m, days: string, mirror?: string) => {
    const iso = new Date(Date.now() - Number(days) * 86_400_000).toISOString();
    return mirror ? iso.replace(/\.(\d{3})Z$/, '.$1000+00:00') : iso;
  });
}

/** A fixture document, parsed, as the local server would serve it. */
export function fixtureJson(relative: string, base = 'http://127.0.0.1:9'): unknown {
  return JSON.parse(renderTemplate(readFileSync(join(FIXTURES, relative), 'utf8'), base));
}

/** One path segment of a fixture file name; nothing can climb out of the fixtures folder. */
function safe(segment: string): string {
  return segment.replace(/[^A-Za-z0-9@._+-]/g, '_').replace(/^\.+/, '_');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Fault handlers, for `server.route(...)`.

export const faults = {
  status(code: number, body = ''): Handler {
    return (_req, res) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(body);
    };
  },
  garbage(): Handler {
    return (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"name": "half a document", "versions": {"1.0.0": {');
    };
  },
  /** Answers after `ms` (the client's timeout should fire first). */
  slow(ms: number, then: Handler = faults.status(200, '{}')): Handler {
    return async (req, res) => {
      await sleep(ms);
      if (!res.destroyed) await then(req, res);
    };
  },
  /** Sends the headers at once, then the body a byte every `intervalMs` (slowloris): never done. */
  trickle(intervalMs: number): Handler {
    return (_req, res) =>
      new Promise<void>((resolve) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => (res.destroyed ? undefined : res.write(' ')), intervalMs);
        res.on('close', () => {
          clearInterval(timer);
          resolve();
        });
      });
  },
  /** Streams `bytes` of JSON-looking data without a Content-Length, counting what was sent. */
  huge(server: FixtureServer, bytes: number): Handler {
    return (_req, res) =>
      new Promise<void>((resolve) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < bytes && !res.destroyed) {
            sent += chunk.length;
            server.hugeBytesSent = sent;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
          resolve();
        };
        res.on('close', () => resolve());
        pump();
      });
  },
  redirect(location: string, code = 302): Handler {
    return (_req, res) => {
      res.writeHead(code, { location });
      res.end();
    };
  },
  /** An npm packument: the abbreviated form when the request asks for it, as registry.npmjs.org answers (gzip-compressed when asked, with `gzip`). */
  npm(full: Record<string, unknown>, options: { gzip?: boolean } = {}): Handler {
    const fullBody = Buffer.from(JSON.stringify(full));
    const abbreviated = Buffer.from(JSON.stringify(abbreviatePackument(full)));
    return (req, res) => {
      const short = wantsAbbreviated(req.headers.accept);
      sendBody(res, { 'content-type': short ? NPM_ABBREVIATED_TYPE : 'application/json' }, short ? abbreviated : fullBody, options.gzip === true && acceptsGzip(req));
    };
  },
  json(body: unknown, headers: Record<string, string> = {}): Handler {
    return (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
  },
};
