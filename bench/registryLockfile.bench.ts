/**
 * Bytes on the wire and peak memory of one registry pass over a 250-package npm lockfile (12
 * direct dependencies, 238 locked below them) against the local registry serving documents of
 * real sizes: most packages a few dozen versions, some hundreds, a few thousands of canary-style
 * versions (next's full packument is 21 MB on the registry). About one document in six changed
 * within the last 30 days, the large active ones among them, as in a Next.js project's lockfile.
 *
 * Three processes, so one's memory does not count in another's: the registry (this file with
 * `--serve`), and one pass each (`--pass`) against it answering as registry.npmjs.org does (the
 * abbreviated form and gzip when the request asks: fetch asks for gzip by itself) and as the local
 * mirror does (neither: every document full and uncompressed, what round 1 fetched). Bytes are
 * counted twice: as sent (compressed when compressed: the target's figure) and decoded (what the
 * client reads and parses; real packuments compress about as these do, 8-30x: lodash 7.8x,
 * @types/node 19x, next 29x measured on the mirror's copies).
 * `--json DIR` writes DIR/registryLockfile.json.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ServerResponse } from 'node:http';
import { parseSettings } from '../server/src/model/settings';
import { parseManifest } from '../server/src/manifests';
import { readNpmTree } from '../server/src/manifests/lockfiles/npmTree';
import { createRegistries } from '../server/src/registries';
import { HttpClient } from '../server/src/registries/http/httpClient';
import { OffThread } from '../server/src/offthread/pool';
import type { LockGraph } from '../server/src/tree/model';
import { acceptsGzip, FixtureServer, type Handler } from '../test/helpers/fixtureServer';
import { abbreviatePackument, NPM_ABBREVIATED_TYPE, wantsAbbreviated } from '../test/helpers/npmAbbreviated';
import { fmt, writeJsonIfAsked } from './benchUtil';

const PACKAGES = 250;
const DIRECT = 12;
const DAY_MS = 86_400_000;
const TARGET_KB_PER_LOCKED = 100;
const TARGET_PEAK_RSS_MB = 200;

/** Deterministic pseudo-random numbers, so every run serves the same documents. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
}

interface Plan {
  name: string;
  versions: number;
  recent: boolean;
}

/** Sizes as on the registry: 70% under 60 versions, 25% up to 400, 5% up to 3,000 (those are active). */
function plans(): Plan[] {
  const r = random(42);
  return Array.from({ length: PACKAGES }, (_, i) => {
    const roll = r();
    const versions = roll < 0.7 ? 5 + Math.floor(r() * 55) : roll < 0.95 ? 60 + Math.floor(r() * 340) : 400 + Math.floor(r() * 2600);
    const recent = versions >= 400 ? r() < 0.6 : r() < 0.12;
    return { name: `bench-lock-${i}`, versions, recent };
  });
}

/** A full packument the way the registry writes one: every version's package.json plus registry fields, a readme, times. */
function fullPackument(plan: Plan): Record<string, unknown> {
  const r = random(plan.name.length * 7919 + plan.versions);
  const now = Date.now();
  const modified = plan.recent ? now - 3 * DAY_MS : now - (200 + Math.floor(r() * 1500)) * DAY_MS;
  const versions: Record<string, unknown> = {};
  const time: Record<string, string> = { created: new Date(modified - plan.versions * DAY_MS).toISOString(), modified: new Date(modified).toISOString() };
  const deps = (n: number, prefix: string) => Object.fromEntries(Array.from({ length: n }, (_, k) => [`${prefix}-dependency-${k}`, `^${k}.${Math.floor(r() * 20)}.0`]));
  for (let i = 0; i < plan.versions; i++) {
    const v = `1.${Math.floor(i / 10)}.${i % 10}`;
    versions[v] = {
      name: plan.name,
      version: v,
      description: `${plan.name}: ${'a package that does one useful thing '.repeat(3)}`,
      keywords: ['bench', 'registry', 'lockfile', 'packument'],
      homepage: `https://github.com/example/${plan.name}#readme`,
      bugs: { url: `https://github.com/example/${plan.name}/issues` },
      repository: { type: 'git', url: `git+https://github.com/example/${plan.name}.git` },
      author: { name: 'Example Author', email: 'author@example.com' },
      license: 'MIT',
      main: 'index.js',
      scripts: { test: 'mocha', build: 'tsc -p .', lint: 'eslint .' },
      dependencies: deps(Math.floor(r() * 8), 'run'),
      devDependencies: deps(6 + Math.floor(r() * 14), 'dev'),
      engines: { node: '>=14' },
      gitHead: Math.floor(r() * 1e16).toString(16).padEnd(40, '0'),
      _id: `${plan.name}@${v}`,
      _nodeVersion: '20.11.0',
      _npmVersion: '10.2.4',
      _npmUser: { name: 'maintainer', email: 'maintainer@example.com' },
      maintainers: [{ name: 'maintainer', email: 'maintainer@example.com' }, { name: 'other', email: 'other@example.com' }],
      directories: {},
      _hasShrinkwrap: false,
      dist: {
        integrity: `sha512-${'A'.repeat(86)}==`,
        shasum: '0'.repeat(40),
        tarball: `https://registry.npmjs.org/${plan.name}/-/${plan.name}-${v}.tgz`,
        fileCount: 10 + Math.floor(r() * 50),
        unpackedSize: 10_000 + Math.floor(r() * 200_000),
        signatures: [{ keyid: 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA', sig: `MEUCIQ${'x'.repeat(90)}` }],
      },
      _npmOperationalInternal: { host: 's3://npm-registry-packages', tmp: `tmp/${plan.name}_${v}_1700000000000_0.1` },
    };
    time[v] = new Date(modified - (plan.versions - i) * DAY_MS).toISOString();
  }
  const latest = Object.keys(versions).at(-1) as string;
  return { _id: plan.name, _rev: '12-abc', name: plan.name, 'dist-tags': { latest }, versions, time, maintainers: [{ name: 'maintainer', email: 'maintainer@example.com' }], description: `${plan.name}: a package`, readme: `# ${plan.name}\n\n${'Some documentation. '.repeat(300 + Math.floor(r() * 1500))}`, readmeFilename: 'README.md', license: 'MIT' };
}

/** What the registry put on the wire (compressed when it compressed) and what that decodes to. */
interface Counts {
  requests: number;
  abbreviated: number;
  full: number;
  wireBytes: number;
  decodedBytes: number;
  directWireBytes: number;
  directDecodedBytes: number;
  /** Answered 304 Not Modified to an If-None-Match with the document's ETag: no body. */
  notModified: number;
}

/** How the local registry answers: as registry.npmjs.org (abbreviated and gzip when asked), or as the local mirror (neither). */
interface Behaviour {
  honourAccept: boolean;
  gzip: boolean;
  /** ETags, and 304 to a request that names the current one. */
  etag: boolean;
}

const zeroCounts = (): Counts => ({ requests: 0, abbreviated: 0, full: 0, wireBytes: 0, decodedBytes: 0, directWireBytes: 0, directDecodedBytes: 0, notModified: 0 });

/** Answers the abbreviated form and gzip when asked (unless told to behave as the mirror), counting requests and bytes per form. */
async function serve(): Promise<void> {
  const server = await FixtureServer.start({ latencyMs: 20 });
  const counts = zeroCounts();
  const direct = new Set(plans().slice(0, DIRECT).map((p) => p.name));
  let behaviour: Behaviour = { honourAccept: true, gzip: true, etag: true };
  let fullBytesAll = 0;
  for (const plan of plans()) {
    const full = fullPackument(plan);
    // Compressed once here, so the pass measures reading, not this server's gzip.
    const plain = { full: Buffer.from(JSON.stringify(full)), abbreviated: Buffer.from(JSON.stringify(abbreviatePackument(full))) };
    const packed = { full: gzipSync(plain.full), abbreviated: gzipSync(plain.abbreviated) };
    fullBytesAll += plain.full.length;
    const handler: Handler = (req, res: ServerResponse) => {
      const form = behaviour.honourAccept && wantsAbbreviated(req.headers.accept) ? 'abbreviated' : 'full';
      const etag = `"${plan.name}-${form}-1"`;
      if (behaviour.etag && req.headers['if-none-match'] === etag) {
        counts.requests++;
        counts.notModified++;
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      const gzip = behaviour.gzip && acceptsGzip(req);
      const wire = gzip ? packed[form] : plain[form];
      counts.requests++;
      counts[form]++;
      counts.wireBytes += wire.length;
      counts.decodedBytes += plain[form].length;
      if (direct.has(plan.name)) {
        counts.directWireBytes += wire.length;
        counts.directDecodedBytes += plain[form].length;
      }
      res.writeHead(200, { 'content-type': form === 'abbreviated' ? NPM_ABBREVIATED_TYPE : 'application/json', 'content-length': String(wire.length), ...(gzip ? { 'content-encoding': 'gzip' } : {}), ...(behaviour.etag ? { etag } : {}) });
      res.end(wire);
    };
    server.route('GET', `/npm/${plan.name}`, handler);
  }
  server.route('POST', '/osv/v1/querybatch', (req, res) => {
    const { queries } = JSON.parse(req.body) as { queries: unknown[] };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ results: queries.map(() => ({})) }));
  });
  process.on('message', (message: { reset?: Behaviour; stats?: true }) => {
    if (message.reset) {
      Object.assign(counts, zeroCounts());
      behaviour = message.reset;
      process.send?.({ ok: true });
    } else if (message.stats) process.send?.({ counts, fullBytesAll });
  });
  process.send?.({ base: server.base });
}

/** One registry pass as the language server runs it (parse worker included), sampling this process's RSS. */
async function pass(base: string): Promise<void> {
  const all = plans();
  const direct = all.slice(0, DIRECT);
  const entry = (name: string) => ({ version: '1.0.0', resolved: `https://registry.npmjs.org/${name}/-/${name}-1.0.0.tgz`, integrity: 'sha512-AAAA' });
  const packages: Record<string, unknown> = { '': { dependencies: Object.fromEntries(direct.map((p) => [p.name, '1.0.0'])) } };
  // Each direct dependency brings a share of the locked packages.
  direct.forEach((p, i) => (packages[`node_modules/${p.name}`] = { ...entry(p.name), dependencies: Object.fromEntries(all.slice(DIRECT).filter((_, k) => k % DIRECT === i).map((q) => [q.name, '1.0.0'])) }));
  for (const p of all.slice(DIRECT)) packages[`node_modules/${p.name}`] = entry(p.name);
  const graph = readNpmTree(JSON.stringify({ lockfileVersion: 3, packages }), 'package-lock.json') as LockGraph;
  const text = JSON.stringify({ dependencies: Object.fromEntries(direct.map((p) => [p.name, '1.0.0'])) }, null, 2);
  const settings = parseSettings({ registries: { npm: `${base}/npm/`, pypi: `${base}/pypi/`, nuget: `${base}/nuget/v3/index.json`, osv: `${base}/osv/` } });
  const manifest = parseManifest('package.json', text);
  const cacheDir = mkdtempSync(join(tmpdir(), 'mg-bench-lockpass-'));
  const pool = new OffThread();
  const registries = createRegistries({ cacheDir, maxConcurrentRequests: 8, http: new HttpClient(), documents: pool });
  const idle = process.memoryUsage().rss;
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  // Documents are read on this thread as they arrive: how long the thread was held at a time.
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const t0 = performance.now();
  const scope = { manifest, tree: { graph, importer: '' }, minimumReleaseAgeDays: settings.minimumReleaseAgeDays, endpoints: registries.endpoints({ settings, manifest, readWorkspaceConfig: false, readText: () => undefined }) };
  const summary = await registries.service.enrich(scope, { offline: false });
  const ms = performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(sampler);
  delay.disable();
  await pool.stop();
  process.send?.({ ms, idleRssMb: idle / 1024 / 1024, peakRssMb: peak / 1024 / 1024, unchecked: summary.unchecked.length, loopDelayP99Ms: delay.percentile(99) / 1e6, loopDelayMaxMs: delay.max / 1e6 });
  // Asked to: the project reopened two hours later, every answer on disk and out of date (TTL one hour).
  const reopen = await new Promise<boolean>((resolve) => process.once('message', (m: { reopen?: boolean }) => resolve(m.reopen === true)));
  if (reopen) {
    await settled(cacheDir);
    const later = createRegistries({ cacheDir, maxConcurrentRequests: 8, http: new HttpClient(), now: () => Date.now() + 2 * 60 * 60_000 });
    const t1 = performance.now();
    const again = await later.service.enrich({ ...scope, endpoints: later.endpoints({ settings, manifest, readWorkspaceConfig: false, readText: () => undefined }) }, { offline: false });
    process.send?.({ ms: performance.now() - t1, unchecked: again.unchecked.length });
  }
  await removeWhenWritten(cacheDir);
  process.disconnect?.();
}

/** Waits until the cache folder has stopped changing (its files are written without being waited for). */
async function settled(dir: string): Promise<void> {
  let last = '';
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = readdirSync(dir).sort().join();
    if (now === last && !now.includes('.tmp')) return;
    last = now;
  }
}

/** Cache files are written without being waited for: the folder is removed once the last ones have landed. */
async function removeWhenWritten(dir: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      rmSync(dir, { recursive: true, force: true });
      return;
    } catch (err) {
      if (attempt >= 20) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

function ask<T>(child: ChildProcess, message: unknown): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    child.send(message as object);
  });
}

interface PassResult {
  ms: number;
  idleRssMb: number;
  peakRssMb: number;
  unchecked: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

function startPass(base: string): { child: ChildProcess; first: Promise<PassResult> } {
  const child = fork(__filename, ['--pass', base], { execArgv: process.env.PASS_ARGS ? process.env.PASS_ARGS.split(' ') : [] });
  const first = new Promise<PassResult>((resolve, reject) => {
    child.once('message', (m) => resolve(m as PassResult));
    child.once('exit', (code) => (code ? reject(new Error(`pass exited ${code}`)) : undefined));
  });
  return { child, first };
}

async function main(): Promise<void> {
  const server = fork(__filename, ['--serve'], { execArgv: [] });
  const { base } = await new Promise<{ base: string }>((resolve) => server.once('message', (m) => resolve(m as { base: string })));
  try {
    const locked = PACKAGES - DIRECT;
    const recent = plans().filter((p, i) => i >= DIRECT && p.recent).length;
    const results: Record<string, unknown> = {};
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    const modes: Array<[string, string, Behaviour]> = [
      ['npmjs', 'as registry.npmjs.org (abbreviated and gzip when asked, ETags)', { honourAccept: true, gzip: true, etag: true }],
      ['mirror', 'as the local mirror (ignores Accept, never compresses, no ETags: every document full and plain)', { honourAccept: false, gzip: false, etag: false }],
    ];
    for (const [key, label, behaviour] of modes) {
      await ask(server, { reset: behaviour });
      const { child, first } = startPass(base);
      const run = await first;
      const { counts, fullBytesAll } = await ask<{ counts: Counts; fullBytesAll: number }>(server, { stats: true });
      const kbPerLocked = counts.wireBytes / 1024 / locked;
      const decodedKbPerLocked = counts.decodedBytes / 1024 / locked;
      const lockedOnlyKb = (counts.wireBytes - counts.directWireBytes) / 1024 / locked;
      console.log(`${label}: ${counts.requests} requests (${counts.abbreviated} abbreviated, ${counts.full} full), ${fmt(run.ms)} ms, ${run.unchecked} not checked`);
      console.log(`  on the wire ${mb(counts.wireBytes)} MB = ${kbPerLocked.toFixed(0)} KB per locked package (target ≤ ${TARGET_KB_PER_LOCKED} KB; ${lockedOnlyKb.toFixed(0)} KB without the direct dependencies' documents)`);
      console.log(`  decoded ${mb(counts.decodedBytes)} MB = ${decodedKbPerLocked.toFixed(0)} KB per locked package (what the client reads; every full document: ${mb(fullBytesAll)} MB)`);
      console.log(`  peak RSS ${run.peakRssMb.toFixed(0)} MB (target ≤ ${TARGET_PEAK_RSS_MB} MB; ${run.idleRssMb.toFixed(0)} MB before the pass); event-loop delay during the pass p99 ${fmt(run.loopDelayP99Ms)} ms, longest ${fmt(run.loopDelayMaxMs)} ms`);
      let reopened: Record<string, unknown> = {};
      if (behaviour.etag) {
        await ask(server, { reset: behaviour });
        const later = await ask<{ ms: number; unchecked: number }>(child, { reopen: true });
        const { counts: again } = await ask<{ counts: Counts }>(server, { stats: true });
        console.log(`  reopened 2 hours later (every cached answer out of date, revalidated by ETag): ${again.requests} requests, ${again.notModified} answered 304 Not Modified, ${mb(again.wireBytes)} MB of bodies, ${fmt(later.ms)} ms, ${later.unchecked} not checked`);
        reopened = { reopened: { ...again, ms: later.ms } };
      } else child.send({ reopen: false });
      results[key] = { ...counts, kbPerLocked, decodedKbPerLocked, lockedOnlyKb, ...run, ...reopened };
    }
    console.log(`(${PACKAGES} packages: ${DIRECT} direct, ${locked} locked, ${recent} locked documents changed within 30 days; the per-package figures count every byte of the pass, direct dependencies' documents included)`);
    writeJsonIfAsked('registryLockfile', { packages: PACKAGES, direct: DIRECT, recentLocked: recent, ...results });
  } finally {
    server.kill();
  }
}

if (process.argv[2] === '--serve') void serve();
else if (process.argv[2] === '--pass') void pass(process.argv[3]);
else void main();
