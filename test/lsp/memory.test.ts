/**
 * The real server, started as the VS Code client starts it (SERVER_NODE_FLAGS): closing or cutting
 * a large document is followed by one compacting collection (lsp/memoryReclaim.ts); small
 * documents, and a large one still open, are not. Counted through `manifestGuard/memoryUsage`.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../../server/src/lsp/protocol';
import { fileUri, TestLspClient } from '../helpers/lspClient';

/** A package.json of about 300,000 characters: over the size that is worth a collection. */
const large = (tag: string) => `{"dependencies": {${Array.from({ length: 10_000 }, (_, i) => `"${tag}-package-${i}": "^1.${i}.0"`).join(',\n')}}}`;
const SMALL = '{"dependencies": {"express": "^4.18.2"}}';
/** Long enough that a collection, had one been asked for, would have run (its delay is 200 ms). */
const SETTLE_MS = 1500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('language server: memory given back after a large document is dropped', function () {
  this.timeout(60_000);
  let client: TestLspClient;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mg-memory-'));
    client = await TestLspClient.start({ rootPath: dir, settings: { offline: true }, nodeArgs: SERVER_NODE_FLAGS, env: SERVER_ENV });
  });
  after(async () => client?.stop());

  const reclaims = async () => (await client.request<{ reclaims: number }>('manifestGuard/memoryUsage', {})).reclaims;
  /** The count once it reaches `atLeast`, or as it is after 20 s (the assertion then says what it was). */
  async function reclaimsReaching(atLeast: number): Promise<number> {
    const deadline = Date.now() + 20_000;
    let count = await reclaims();
    while (count < atLeast && Date.now() < deadline) {
      await sleep(100);
      count = await reclaims();
    }
    return count;
  }

  async function openAndCheck(file: string, text: string): Promise<string> {
    const uri = fileUri(join(dir, file));
    await client.open(uri, 'json', text);
    await client.waitForDiagnostics(uri, (d) => d.length > 0);
    return uri;
  }

  it('does not collect when small documents close', async () => {
    const before = await reclaims();
    await client.close(await openAndCheck('small/package.json', SMALL));
    await sleep(SETTLE_MS);
    assert.equal(await reclaims(), before);
  });

  it('collects once after a large document closes, and not while another large one is open', async () => {
    const before = await reclaims();
    const first = await openAndCheck('large-a/package.json', large('a'));
    const second = await openAndCheck('large-b/package.json', large('b'));
    await client.close(first);
    await sleep(SETTLE_MS);
    assert.equal(await reclaims(), before, 'the other large document is still open');
    await client.close(second);
    assert.equal(await reclaimsReaching(before + 1), before + 1);
  });

  it('collects after a large document is cut to one dependency', async () => {
    const before = await reclaims();
    const uri = await openAndCheck('large-c/package.json', large('c'));
    await client.change(uri, SMALL, 2);
    await client.waitForDiagnostics(uri, (d) => d.length === 1);
    assert.equal(await reclaimsReaching(before + 1), before + 1);
    await client.close(uri);
  });
});
