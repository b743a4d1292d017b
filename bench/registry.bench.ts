/**
 * Registry enrichment of a package.json with 200 dependencies through the local registry
 * (test/helpers/fixtureServer) answering every request after 50 ms:
 * - cold: empty cache, every packument fetched (at most maxConcurrentRequests = 8 in flight), then
 *   one OSV querybatch;
 * - warm (disk): a new process-like stack over the same cache folder — zero requests;
 * - warm (memory): the same stack again, as on the next keystroke — zero requests.
 * `--json DIR` writes DIR/registry.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../server/src/analysis/analyze';
import { parseSettings } from '../server/src/model/settings';
import { parseManifest } from '../server/src/manifests';
import { createRegistries, type Registries } from '../server/src/registries';
import { HttpClient } from '../server/src/registries/http/httpClient';
import { readDocument } from '../server/src/registries/parse/documents';
import { OffThread } from '../server/src/offthread/pool';
import { parsePackument } from '../server/src/registries/npm/packument';
import { PackumentReader } from '../server/src/registries/npm/packumentSlim';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { FixtureServer, faults, sendBody } from '../test/helpers/fixtureServer';
import { fmt, stats, timeMs, writeJsonIfAsked } from './benchUtil';

const DEPENDENCIES = 200;
const LATENCY_MS = 50;
const CONCURRENCY = 8;

/** A packument of realistic shape: 30 versions, publishers, times, one with an install script. */
function packument(name: string): unknown {
  const versions: Record<string, unknown> = {};
  const time: Record<string, string> = { created: '2020-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z' };
  for (let i = 0; i < 30; i++) {
    const v = `1.${i}.0`;
    versions[v] = {
      name,
      version: v,
      _id: `${name}@${v}`,
      description: `${name}, a benchmark package`,
      license: 'MIT',
      dependencies: { 'left-pad': '^1.3.0' },
      scripts: i === 29 ? { postinstall: 'node install.js', test: 'mocha' } : { test: 'mocha' },
      _npmUser: { name: 'alice', email: 'alice@example.com' },
      dist: { integrity: 'sha512-AAAA', shasum: '0'.repeat(40), tarball: `https://registry.example/${name}/-/${name}-${v}.tgz` },
    };
    time[v] = new Date(Date.UTC(2020, 0, 1 + i * 30)).toISOString();
  }
  return { _id: name, name, 'dist-tags': { latest: '1.29.0' }, versions, time, description: `${name}, a benchmark package`, readme: 'x'.repeat(2000) };
}

async function enrichOnce(registries: Registries, text: string, server: FixtureServer) {
  const settings = parseSettings({ registries: server.registrySettings });
  const manifest = parseManifest('package.json', text);
  const scope = { manifest, endpoints: registries.endpoints({ settings, manifest, readWorkspaceConfig: false, readText: () => undefined }) };
  const before = server.count();
  const t0 = process.hrtime.bigint();
  const summary = await registries.service.enrich(scope, { offline: false });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  // What every keystroke costs once facts are in: analysis with the registry view (median of 30).
  const online = stats(Array.from({ length: 30 }, () => timeMs(() => analyze({ kind: 'package.json', text, settings, registry: () => registries.service.view(scope) }))));
  const offline = stats(Array.from({ length: 30 }, () => timeMs(() => analyze({ kind: 'package.json', text, settings }))));
  const findings = analyze({ kind: 'package.json', text, settings, registry: () => registries.service.view(scope) }).findings.length;
  return { ms, analysisWithFactsMs: online.median, analysisOfflineMs: offline.median, requests: server.count() - before, unchecked: summary.unchecked.length, findings };
}

/** A packument the size of next's (21 MB on the registry): 2,600 versions of full package.json data. */
function hugePackument(): Buffer {
  const versions: Record<string, unknown> = {};
  const time: Record<string, string> = {};
  for (let i = 0; i < 2600; i++) {
    const v = `14.${i}.0`;
    const deps = Object.fromEntries(Array.from({ length: 40 }, (_, k) => [`dependency-number-${k}`, `^${k}.0.0`]));
    versions[v] = { name: 'huge', version: v, description: 'd'.repeat(300), dependencies: deps, devDependencies: deps, optionalDependencies: deps, peerDependencies: deps, scripts: { build: 'x'.repeat(200) }, _npmUser: { name: 'bot' }, dist: { integrity: 'sha512-'.padEnd(90, 'A'), tarball: `https://registry.example/huge/-/huge-${v}.tgz`, signatures: [{ keyid: 'k', sig: 's'.repeat(100) }] } };
    time[v] = new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString();
  }
  return Buffer.from(JSON.stringify({ name: 'huge', 'dist-tags': { latest: '14.2599.0' }, versions, time }));
}

/**
 * How long reading one huge packument holds the thread that serves keystrokes: inline, through the
 * parse worker, and as the npm client reads it, as it arrives from a local server through the HTTP
 * client's sink (the event loop's longest delay meanwhile, sampled every 5 ms).
 */
async function hugeDocument(server: FixtureServer): Promise<{ bytes: number; inlineMs: number; workerMs: number; workerLongestStallMs: number; streamedMs: number; streamedLongestStallMs: number }> {
  const body = hugePackument();
  const request = { kind: 'npm-packument' as const, name: 'huge', source: 'bench' };
  const inline = stats(Array.from({ length: 3 }, () => timeMs(() => readDocument(body, request)))).median;
  const pool = new OffThread();
  await pool.readDocument(Buffer.from(body), request); // start the worker
  // Copies made beforehand: a response body is handed to the worker without one.
  const bodies = Array.from({ length: 3 }, () => Buffer.from(body));
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const runs: number[] = [];
  delay.enable();
  for (const copy of bodies) {
    const t0 = performance.now();
    await pool.readDocument(copy, request);
    runs.push(performance.now() - t0);
  }
  delay.disable();
  await pool.stop();
  server.route('GET', '/npm/huge', (_req, res) => void sendBody(res, { 'content-type': 'application/json' }, body));
  const http = new HttpClient();
  server.latencyMs = 0; // the reading is measured, not the registry's latency
  const streamedRuns: number[] = [];
  const streamedDelay = monitorEventLoopDelay({ resolution: 5 });
  streamedDelay.enable();
  for (let i = 0; i < 3; i++) {
    const reader = new PackumentReader();
    const t0 = performance.now();
    await http.request({ url: `${server.base}/npm/huge`, timeoutMs: 30_000, maxBytes: 64 * 1024 * 1024, sink: () => reader });
    parsePackument(reader.end(), 'huge', 'bench');
    streamedRuns.push(performance.now() - t0);
  }
  streamedDelay.disable();
  return { bytes: body.length, inlineMs: inline, workerMs: stats(runs).median, workerLongestStallMs: delay.max / 1e6, streamedMs: stats(streamedRuns).median, streamedLongestStallMs: streamedDelay.max / 1e6 };
}

async function main(): Promise<void> {
  const server = await FixtureServer.start({ latencyMs: LATENCY_MS });
  const names = Array.from({ length: DEPENDENCIES }, (_, i) => `bench-pkg-${i}`);
  for (const name of names) server.route('GET', `/npm/${name}`, faults.json(packument(name)));
  const text = JSON.stringify({ dependencies: Object.fromEntries(names.map((n) => [n, '^1.0.0'])) }, null, 2);
  const cacheDir = mkdtempSync(join(tmpdir(), 'mg-bench-registry-'));
  const stack = () => createRegistries({ cacheDir, maxConcurrentRequests: CONCURRENCY, http: new HttpClient() });
  try {
    const first = stack();
    const cold = await enrichOnce(first, text, server);
    await new Promise((r) => setTimeout(r, 300)); // disk writes are not awaited by lookups
    const warmDisk = await enrichOnce(stack(), text, server);
    const warmMemory = await enrichOnce(first, text, server);
    const floor = Math.ceil(DEPENDENCIES / CONCURRENCY) * LATENCY_MS + LATENCY_MS;
    console.log(`${DEPENDENCIES} dependencies, ${LATENCY_MS} ms latency, ${CONCURRENCY} requests in flight (lower bound ≈ ${floor} ms)`);
    console.log(`cold          ${fmt(cold.ms)} ms, ${cold.requests} requests, ${cold.unchecked} not checked, ${cold.findings} findings`);
    console.log(`warm (disk)   ${fmt(warmDisk.ms)} ms, ${warmDisk.requests} requests`);
    console.log(`warm (memory) ${fmt(warmMemory.ms)} ms, ${warmMemory.requests} requests`);
    console.log(`analysis of the 200 dependencies, median: ${fmt(warmMemory.analysisWithFactsMs)} ms with registry facts, ${fmt(warmMemory.analysisOfflineMs)} ms offline`);
    const huge = await hugeDocument(server);
    console.log(`a ${(huge.bytes / 1024 / 1024).toFixed(0)} MB packument: read inline ${fmt(huge.inlineMs)} ms, all of it blocking; in the parse worker ${fmt(huge.workerMs)} ms, the thread that serves keystrokes free (longest event-loop delay ${fmt(huge.workerLongestStallMs)} ms)`);
    console.log(`  as the npm client reads it, as it arrives from the local server (fetched and read): ${fmt(huge.streamedMs)} ms, longest event-loop delay ${fmt(huge.streamedLongestStallMs)} ms`);
    if (warmDisk.requests !== 0 || warmMemory.requests !== 0) {
      console.error('FAIL: a warm cache made requests');
      process.exitCode = 1;
    }
    writeJsonIfAsked('registry', { dependencies: DEPENDENCIES, latencyMs: LATENCY_MS, concurrency: CONCURRENCY, lowerBoundMs: floor, cold, warmDisk, warmMemory, hugeDocument: huge });
  } finally {
    await server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

void main();
