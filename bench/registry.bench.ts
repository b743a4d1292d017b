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
import { analyze } from '../server/src/core/analyze';
import { parseSettings } from '../server/src/core/settings';
import { parseManifest } from '../server/src/manifests';
import { createRegistries, type Registries } from '../server/src/registries';
import { HttpClient } from '../server/src/registries/http/httpClient';
import { FixtureServer, faults } from '../test/helpers/fixtureServer';
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
    if (warmDisk.requests !== 0 || warmMemory.requests !== 0) {
      console.error('FAIL: a warm cache made requests');
      process.exitCode = 1;
    }
    writeJsonIfAsked('registry', { dependencies: DEPENDENCIES, latencyMs: LATENCY_MS, concurrency: CONCURRENCY, lowerBoundMs: floor, cold, warmDisk, warmMemory });
  } finally {
    await server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

void main();
