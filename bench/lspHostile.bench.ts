/**
 * Resident memory of the language server across a mix of hostile documents and 300 edits, over
 * stdio and offline: a package.json just under the 2 MB limit with long names, one just over it,
 * 10,000 levels of JSON nesting, a 100,000-line requirements file of extras and markers, 50,000
 * unclosed XML tags, then 300 edits of a 5,000-line hostile requirements file without waiting in
 * between. Peak sampled every 50 ms; then RSS 10 s after every document closed. Target < 200 MB, and
 * ≤ 1.5× idle after, idle being the server with its popularity lists loaded (they stay for good).
 * `--json DIR` writes DIR/lspHostile.json.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../server/src/lsp/protocol';
import { fileUri, TestLspClient } from '../test/helpers/lspClient';
import { rssMbOf as rssMb, writeJsonIfAsked } from './benchUtil';

/** How long after the last document closed memory should be back (the 10 s). */
const SETTLE_MS = 10_000;
const TARGET_MB = 200;

const longName = (i: number) => `hostile-${'x'.repeat(180)}-${i}`;
const hostileRequirements = (n: number) => Array.from({ length: n }, (_, i) => `p${i}[x,y]>=1.${i} ; python_version > "3" and sys_platform != "win32"`).join('\n');

function documents(): Array<{ file: string; lang: string; text: string }> {
  const underLimit: string[] = [];
  let size = 20;
  for (let i = 0; size < 2000 * 1024; i++) {
    const entry = `"${longName(i)}": "^1.0.${i}"`;
    underLimit.push(entry);
    size += entry.length + 2;
  }
  return [
    { file: 'under/package.json', lang: 'json', text: `{"dependencies": {${underLimit.join(',\n')}}}` },
    { file: 'over/package.json', lang: 'json', text: `{"dependencies": {${underLimit.join(',\n')}, "pad": "${'x'.repeat(200 * 1024)}"}}` },
    { file: 'nested/package.json', lang: 'json', text: `{"dependencies": ${'['.repeat(10_000)}${']'.repeat(10_000)}}` },
    { file: 'big/requirements.txt', lang: 'pip-requirements', text: hostileRequirements(100_000) },
    { file: 'broken/Hostile.csproj', lang: 'xml', text: `<Project>${'<a'.repeat(50_000)}` },
  ];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mg-bench-hostile-'));
  const client = await TestLspClient.start({ settings: { offline: true }, nodeArgs: SERVER_NODE_FLAGS, env: SERVER_ENV });
  const pid = client.process.pid;
  await client.request('manifestGuard/memoryUsage', {});
  const bare = rssMb(pid);
  // The documents below load the popularity lists of all three ecosystems, which stay loaded for
  // good (~30 MB, the idle figure of bench/lsp): load them first, so that "given back" compares
  // like with like, and print the figure without them too.
  for (const [file, lang, text] of [
    ['lists/package.json', 'json', '{"dependencies": {"crossenv": "7.0.3"}}'],
    ['lists/requirements.txt', 'pip-requirements', 'urlib3==2.2.1\n'],
    ['lists/Lists.csproj', 'xml', '<Project><ItemGroup><PackageReference Include="Newtonsoft.Jsoon" Version="13.0.1" /></ItemGroup></Project>'],
  ] as const) {
    const uri = fileUri(join(dir, file));
    await client.open(uri, lang, text);
    await client.waitForDiagnostics(uri, (d) => d.length > 0, 120_000);
    await client.close(uri);
  }
  // Both RSS figures compared below are read the same way: after 10 s without activity, before any
  // forced collection (a forced one evacuates pages first and frees the old ones a moment later,
  // so RSS read right after it reads high, by up to 50 MB here).
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const idle = rssMb(pid);
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
  const uris: string[] = [];
  for (const doc of documents()) {
    const uri = fileUri(join(dir, doc.file));
    uris.push(uri);
    await client.open(uri, doc.lang, doc.text);
    await client.waitForDiagnostics(uri, () => true, 120_000);
  }
  const afterDocuments = rssMb(pid);
  const typing = fileUri(join(dir, 'typing', 'requirements.txt'));
  uris.push(typing);
  const base = hostileRequirements(5_000);
  await client.open(typing, 'pip-requirements', base, 1);
  for (let v = 2; v <= 301; v++) await client.change(typing, base.replace('p0[x,y]>=1.0', `p0[x,y]>=1.${v}`), v);
  client.reset(typing);
  await client.waitForDiagnostics(typing, () => true, 120_000);
  const afterEdits = rssMb(pid);
  clearInterval(sampler);
  for (const uri of uris) await client.close(uri);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const settled = rssMb(pid);
  const usage = await client.request<NodeJS.MemoryUsage>('manifestGuard/memoryUsage', {});
  const heapMb = usage.heapUsed / 1024 / 1024;
  console.log(`hostile documents + 300 edits: RSS idle ${idle.toFixed(0)} MB (lists of the three ecosystems loaded; ${bare.toFixed(0)} MB before), after the documents ${afterDocuments.toFixed(0)} MB, after the edits ${afterEdits.toFixed(0)} MB, peak ${peak.toFixed(0)} MB   (target < ${TARGET_MB} MB)`);
  console.log(`10 s after every document closed: ${settled.toFixed(0)} MB = ${(settled / idle).toFixed(2)}× idle, of which JS heap in use ${heapMb.toFixed(0)} MB (heap reserved ${(usage.heapTotal / 1048576).toFixed(0)} MB, external ${(usage.external / 1048576).toFixed(0)} MB)   (target ≤ 1.5×)`);
  writeJsonIfAsked('lspHostile', { idleWithoutListsMb: bare, idleMb: idle, afterDocumentsMb: afterDocuments, afterEditsMb: afterEdits, peakMb: peak, settledMb: settled, settledHeapMb: heapMb });
  await client.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
