/**
 * The only code that talks to the network. Every request has a deadline, a size cap enforced
 * while streaming (a 100 MB answer is cut off after the cap, never buffered whole), and a redirect
 * policy: at most 5 hops, never from https to http, and credentials looked up afresh for each hop's
 * host, so a registry that redirects elsewhere cannot make us hand its token to another host.
 */
import { RegistryError, redactUrl } from '../errors';
import type { CredentialStore } from './credentials';

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  /** A JSON body for POST. */
  body?: string;
  accept?: string;
  /** Sent as If-None-Match: a 304 answer means the cached copy is still current. */
  etag?: string;
  /** A Range header value, e.g. `bytes=-65557`. */
  range?: string;
  timeoutMs: number;
  maxBytes: number;
  credentials?: CredentialStore;
  signal?: AbortSignal;
  /**
   * Reads a 2xx body as it arrives instead of holding it whole (an npm packument of tens of
   * megabytes): called once per such answer; the response's body is then empty and `sunk` set.
   * The size cap still counts every byte.
   */
  sink?: () => BodySink;
}

/** Takes a response body chunk by chunk (decoded). */
export interface BodySink {
  write(chunk: Uint8Array): void;
}

export interface HttpResponse {
  status: number;
  /** The URL finally answered, after redirects. */
  url: string;
  etag?: string;
  contentType?: string;
  body: Buffer;
  /** The body went to the request's sink (and `body` is empty). */
  sunk?: true;
}

export interface HttpTransport {
  request(req: HttpRequest): Promise<HttpResponse>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
/**
 * Registries compress JSON when asked (registry.npmjs.org: gzip; packuments shrink 8-30 times,
 * next's 21 MB to 0.7 MB). fetch would ask for this by itself; saying it here keeps it true
 * whatever the transport. Bodies are handed over decoded, and the size cap counts decoded bytes,
 * so a small compressed answer cannot inflate past it.
 */
const ACCEPT_ENCODING = 'gzip, deflate';
// Identifies the client to registry operators; no URL, since the project has no public home yet.
const USER_AGENT = 'manifest-guard/0.1.0 (VS Code extension and CLI; supply-chain checks)';

export class HttpClient implements HttpTransport {
  /** Counts requests that reached the network (for the benchmark and tests of the cache). */
  requestCount = 0;

  async request(req: HttpRequest): Promise<HttpResponse> {
    if (req.signal?.aborted) throw new RegistryError('cancelled', 'cancelled');
    const timeout = AbortSignal.timeout(req.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    let url = parseHttpUrl(req.url);
    let method = req.method ?? 'GET';
    let body = req.body;
    try {
      for (let hop = 0; ; hop++) {
        this.requestCount++;
        const res = await fetch(url, { method, body, headers: headersFor(req, url, body !== undefined), redirect: 'manual', signal });
        if (REDIRECTS.has(res.status)) {
          await res.body?.cancel().catch(() => undefined);
          if (hop >= MAX_REDIRECTS) throw new RegistryError('redirect', `too many redirects from ${redactUrl(req.url)}`);
          url = nextHop(url, res.headers.get('location'));
          if (res.status === 303) {
            method = 'GET';
            body = undefined;
          }
          continue;
        }
        const sink = req.sink && res.status >= 200 && res.status < 300 ? req.sink() : undefined;
        const bytes = await readCapped(res, req.maxBytes, url, sink);
        return { status: res.status, url: url.toString(), etag: res.headers.get('etag') ?? undefined, contentType: res.headers.get('content-type') ?? undefined, body: bytes, ...(sink ? { sunk: true as const } : {}) };
      }
    } catch (err) {
      throw describeFailure(err, req, timeout);
    }
  }
}

function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RegistryError('invalid', `not a valid URL: ${redactUrl(text)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RegistryError('invalid', `unsupported URL scheme ${url.protocol}`);
  if (url.username || url.password) throw new RegistryError('invalid', `credentials in URL ${redactUrl(url)} must be configured, not embedded`);
  return url;
}

function headersFor(req: HttpRequest, url: URL, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: req.accept ?? 'application/json', 'accept-encoding': ACCEPT_ENCODING };
  if (hasBody) headers['content-type'] = 'application/json';
  if (req.etag) headers['if-none-match'] = req.etag;
  if (req.range) headers.range = req.range;
  const authorization = req.credentials?.authorizationFor(url);
  if (authorization) headers.authorization = authorization;
  return headers;
}

function nextHop(from: URL, location: string | null): URL {
  if (!location) throw new RegistryError('redirect', `redirect without a Location from ${redactUrl(from)}`);
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    throw new RegistryError('redirect', `redirect to an invalid URL from ${redactUrl(from)}`);
  }
  if (to.protocol !== 'https:' && to.protocol !== 'http:') throw new RegistryError('redirect', `redirect to a ${to.protocol} URL refused`);
  if (from.protocol === 'https:' && to.protocol === 'http:') throw new RegistryError('redirect', `redirect from https to plain http refused (${redactUrl(to)})`);
  to.username = '';
  to.password = '';
  return to;
}

/** Sinks work on bodies at most this long, all together, before the thread is given back. */
const SINK_SLICE_MS = 8;
let sliceStart = 0;
/** Sinks waiting for a turn, first come first served; a turn is scheduled while any wait. */
const waiting: Array<() => void> = [];
let turnScheduled = false;

/**
 * Waits for a turn of the event loop once sinks have worked SINK_SLICE_MS since the last one, or
 * while others wait. Chunks already received are handed over at once (each read resolves without
 * waiting): without this, eight bodies read side by side would hold the thread for all of them.
 */
async function sinkTurn(): Promise<void> {
  if (waiting.length === 0 && performance.now() - sliceStart <= SINK_SLICE_MS) return;
  await new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (!turnScheduled) {
      turnScheduled = true;
      setImmediate(nextTurn);
    }
  });
}

/** One waiting sink goes on per turn of the event loop, with a fresh slice. */
function nextTurn(): void {
  turnScheduled = false;
  sliceStart = performance.now();
  waiting.shift()?.();
  if (waiting.length > 0) {
    turnScheduled = true;
    setImmediate(nextTurn);
  }
}

/** Reads the body chunk by chunk (into `sink` when given) and stops at the cap, dropping the connection. */
async function readCapped(res: Response, maxBytes: number, url: URL, sink?: BodySink): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length'));
  const tooLarge = () => new RegistryError('too-large', `the answer from ${redactUrl(url)} is larger than ${formatBytes(maxBytes)}`);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return Buffer.alloc(0);
  // With a declared length the body is copied in as it arrives: one concatenation at the end of
  // a 21 MB packument held the language server's thread for ~50 ms. (A compressed body's length
  // is that of the compressed bytes, not of what fetch hands over.)
  const encoding = res.headers.get('content-encoding');
  const plain = encoding === null || encoding === 'identity';
  const into = !sink && plain && Number.isFinite(declared) && declared > 0 ? Buffer.allocUnsafe(declared) : undefined;
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.byteLength > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    total += value.byteLength;
    if (sink) {
      await sinkTurn();
      sink.write(value);
    } else if (into && total <= into.length) into.set(value, total - value.byteLength);
    else chunks.push(value);
  }
  if (sink) return Buffer.alloc(0);
  if (into && chunks.length === 0) return total === into.length ? into : into.subarray(0, total);
  // No length given, or more than declared (a broken server): concatenate what came.
  return Buffer.concat(into ? [into.subarray(0, total - chunks.reduce((n, c) => n + c.byteLength, 0)), ...chunks] : chunks, total);
}

function describeFailure(err: unknown, req: HttpRequest, timeout: AbortSignal): RegistryError {
  if (err instanceof RegistryError) return err;
  if (timeout.aborted) return new RegistryError('timeout', `${redactUrl(req.url)} did not answer within ${Math.round(req.timeoutMs / 100) / 10} s`);
  if (req.signal?.aborted) return new RegistryError('cancelled', 'cancelled');
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  // zlib's codes (Z_DATA_ERROR, Z_BUF_ERROR): the registry answered, with bytes that do not inflate.
  if (cause?.code?.startsWith('Z_')) return new RegistryError('invalid', `the answer from ${redactUrl(req.url)} is not valid compressed data (${cause.code})`);
  // undici says why in `cause`: a code (ECONNREFUSED, ENOTFOUND) or only a message ("bad port").
  const code = cause?.code ?? cause?.message?.slice(0, 80) ?? (err as Error)?.name ?? 'error';
  // Node's messages for network failures name the host, not credentials (those are never in URLs here).
  return new RegistryError('network', `cannot reach ${redactUrl(req.url)} (${code})`);
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${Math.round(n / 1024)} KB`;
}
