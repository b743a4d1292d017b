/**
 * A workspace scan of 500 manifests while the user types in another one: the scan's wall time,
 * the server's peak resident memory (sampled), and edit → diagnostics latency during the scan
 * next to the same figure with the server idle. Offline, so it measures the server alone.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_ENV, SERVER_NODE_FLAGS, ServerCommand, type ScanWorkspaceResult } from '../server/src/lsp/protocol';
import { fileUri, TestLspClient } from '../test/helpers/lspClient';
import { fmt, stats, writeJsonIfAsked } from './benchUtil';
import { csprojWith, packageJsonWith, requirementsWith } from './manifests';

function rssMb(pid: number | undefined): number {
  const m = pid === undefined ? null : /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function workspaceOf(manifests: number): string {
  const root = mkdtempSync(join(tmpdir(), 'mg-scan-'));
  for (let i = 0; i < manifests; i++) {
    const dir = join(root, `project-${i}`);
    mkdirSync(dir);
    if (i % 5 < 2) writeFileSync(join(dir, 'package.json'), packageJsonWith(100, i));
    else if (i % 5 < 4) writeFileSync(join(dir, 'requirements.txt'), requirementsWith(100, i));
    else writeFileSync(join(dir, `Project${i}.csproj`), csprojWith(50, i));
  }
  return root;
}

async function editLatencies(client: TestLspClient, uri: string, text: string, from: number, count: number, keepGoing: () => boolean = () => true): Promise<number[]> {
  const samples: number[] = [];
  for (let v = from; v < from + count && keepGoing(); v++) {
    client.reset(uri);
    const t0 = performance.now();
    await client.change(uri, text.replace('"pkg-7": ">=1.7.0"', `"pkg-7": ">=1.7.${v}"`), v);
    await client.waitForDiagnostics(uri, () => true, 30_000);
    samples.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 30));
  }
  return samples;
}

async function main(): Promise<void> {
  const root = workspaceOf(500);
  const editing = mkdtempSync(join(tmpdir(), 'mg-editing-'));
  const client = await TestLspClient.start({ settings: { offline: true }, nodeArgs: SERVER_NODE_FLAGS, env: SERVER_ENV });
  const pid = client.process.pid;
  const uri = fileUri(join(editing, 'package.json'));
  const text = packageJsonWith(300);
  await client.open(uri, 'json', text, 1);
  await client.waitForDiagnostics(uri, (d) => d.length > 0);

  // Warm up (the popularity index is built after the first diagnostics), then measure idle.
  await editLatencies(client, uri, text, 2, 5);
  const idle = stats(await editLatencies(client, uri, text, 10, 30));
  await client.request('manifestGuard/memoryUsage', {});
  const rssBefore = rssMb(pid);

  // A scan lasts about a second, room for ~7 edits at the 120 ms debounce: scan again (the same
  // 500 manifests, as after a settings change) until the latency figure rests on 30 edits or more.
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
  const during: number[] = [];
  const walls: number[] = [];
  /** The heap after a full collection after each scan: it must not grow from scan to scan. */
  const heaps: number[] = [];
  let result: ScanWorkspaceResult | undefined;
  for (let round = 0; round < 8 && during.length < 30; round++) {
    let scanning = true;
    const t0 = performance.now();
    const scan = client
      .request<ScanWorkspaceResult>('workspace/executeCommand', { command: ServerCommand.scanWorkspace, arguments: [{ folders: [fileUri(root)] }] })
      .finally(() => (scanning = false));
    during.push(...(await editLatencies(client, uri, text, 100 + round * 1000, 10_000, () => scanning)));
    result = await scan;
    walls.push(performance.now() - t0);
    const m = await client.request<NodeJS.MemoryUsage>('manifestGuard/memoryUsage', {});
    heaps.push(m.heapUsed / 1024 / 1024);
  }
  clearInterval(sampler);
  const busy = stats(during.length ? during : [NaN]);
  if (!result) throw new Error('no scan ran');

  console.log(`workspace scan: ${result.files} manifests, ${result.findings} findings in ${fmt(walls[0])} ms (${fmt(walls[0] / result.files)} ms a manifest); again: ${walls.slice(1).map(fmt).join(', ')} ms`);
  console.log(`server resident memory: ${rssBefore.toFixed(1)} MB before, peak ${peak.toFixed(1)} MB during ${walls.length} scans; heap after each scan (full GC): ${heaps.map((h) => h.toFixed(1)).join(', ')} MB`);
  console.log(`edit → diagnostics, everything included (300-dependency package.json): idle p50 ${fmt(idle.median)} ms, p95 ${fmt(idle.p95)} ms; during the scans p50 ${fmt(busy.median)} ms, p95 ${fmt(busy.p95)} ms over ${during.length} edits`);
  await client.stop();
  writeJsonIfAsked('workspaceScan', { manifests: result.files, findings: result.findings, wallMs: walls[0], repeatWallMs: walls.slice(1), rssBeforeMb: rssBefore, rssPeakMb: peak, heapAfterScansMb: heaps, idleLatencyMs: idle, scanLatencyMs: busy, scanEdits: during.length });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
