/**
 * Work that would hold up keystrokes runs in a worker thread: reading large registry documents
 * (a 20 MB packument) and building typosquat tables. Each has an inline fallback.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDocument } from '../../../server/src/registries/parse/documents';
import { OffThread } from '../../../server/src/offthread/pool';
import { RegistryError } from '../../../server/src/registries/errors';
import type { Ecosystem } from '../../../server/src/model/model';
import { createLazyNameIndex, type ListReaders } from '../../../server/src/typosquat/nameIndex';
import { DATA_DIR } from '../typosquat/bundled';

/** A packument with `count` versions, each with the fields the full registry format carries. */
function packument(count: number): Buffer {
  const versions: Record<string, unknown> = {};
  const time: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const v = `1.${i}.0`;
    versions[v] = { name: 'big', version: v, description: 'x'.repeat(200), scripts: i === count - 1 ? { postinstall: 'node hook.js' } : { test: 'mocha' }, _npmUser: { name: 'alice' }, dist: { integrity: 'sha512-AAAA', signatures: [{}] } };
    time[v] = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString();
  }
  return Buffer.from(JSON.stringify({ name: 'big', 'dist-tags': { latest: `1.${count - 1}.0` }, versions, time }));
}

describe('reading large registry documents off the main thread', function () {
  this.timeout(30_000);
  const pools: OffThread[] = [];
  const pool = (options: ConstructorParameters<typeof OffThread>[0] = {}) => {
    const p = new OffThread(options);
    pools.push(p);
    return p;
  };
  after(async () => Promise.all(pools.map((p) => p.stop())));

  it('reads a large packument in the worker into the same facts as on the main thread', async () => {
    const body = packument(3000);
    assert.ok(body.length > 1024 * 1024);
    const request = { kind: 'npm-packument' as const, name: 'big', source: 'registry.test' };
    const inline = readDocument(Buffer.from(body), request);
    const reader = pool();
    const offThread = await reader.readDocument(body, request);
    assert.equal(reader.started, 1, 'the worker read it');
    assert.deepEqual(offThread, inline);
    assert.equal(offThread?.versions.length, 3000);
    assert.deepEqual(offThread?.versions[2999].installScripts, [{ name: 'postinstall', command: 'node hook.js' }]);
  });

  it('reads small documents on the calling thread, and every document when the worker file is missing', async () => {
    const request = { kind: 'npm-packument' as const, name: 'big', source: 'registry.test' };
    const small = pool();
    assert.equal((await small.readDocument(packument(3), request))?.versions.length, 3);
    assert.equal(small.started, 0);
    const missing = pool({ file: '/nonexistent/worker.js', thresholdBytes: 0 });
    assert.equal((await missing.readDocument(packument(3), request))?.versions.length, 3);
    assert.equal(missing.started, 0);
  });

  it('fails a read as "not checked" when the worker dies, and starts a fresh one for the next', async () => {
    // A worker that dies at once stands for one that a document crashed or exhausted.
    const dir = mkdtempSync(join(tmpdir(), 'mg-worker-'));
    const dying = join(dir, 'worker.js');
    writeFileSync(dying, 'process.exit(3);\n');
    const reader = pool({ file: dying, thresholdBytes: 0 });
    const request = { kind: 'npm-packument' as const, name: 'big', source: 'registry.test' };
    for (let attempt = 1; attempt <= 2; attempt++) {
      const err = await reader.readDocument(packument(10), request).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof RegistryError, String(err));
      assert.match(err.message, /the worker stopped/);
      assert.equal(reader.started, attempt);
    }
  });

  it('fails pending reads as cancelled when stopped', async () => {
    const reader = pool();
    const outcome = reader.readDocument(packument(3000), { kind: 'npm-packument', name: 'big', source: 'registry.test' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    await reader.stop();
    const err = await outcome;
    assert.ok(err instanceof RegistryError && err.kind === 'cancelled', String(err));
  });

  it('says "unreadable" for garbage, in the worker as on the main thread', async () => {
    const reader = pool({ thresholdBytes: 0 });
    assert.equal(await reader.readDocument(Buffer.from('{"half": '), { kind: 'pypi-json', name: 'x', source: 'pypi.test' }), undefined);
  });
});

describe('building typosquat tables off the main thread', function () {
  this.timeout(30_000);
  const worker = new OffThread();
  after(async () => worker.stop());
  const readers = (): ListReaders => {
    const read = (file: string) => () => readFileSync(join(DATA_DIR, file), 'utf8');
    return { npm: read('npm.tsv'), pypi: read('pypi.tsv'), nuget: read('nuget.tsv'), nugetPrefixes: read('nuget-prefixes.tsv') };
  };
  const samples: Array<[Ecosystem, string]> = [
    ['npm', 'crossenv'],
    ['npm', '@evil/lodash'],
    ['npm', 'lodash'],
    ['pypi', 'urlib3'],
    ['pypi', 'python3-dateutil'],
    ['nuget', 'Newtonsoft.Jsoon'],
    ['nuget', 'Microsfot.Extensions.Logging'],
  ];

  it('prepares an index from a table the worker built: ready at once, the same verdicts as one built here', async () => {
    const prepared = createLazyNameIndex(readers(), ['npm', 'pypi', 'nuget']);
    const inline = createLazyNameIndex(readers(), ['npm', 'pypi', 'nuget']);
    for (const ecosystem of ['npm', 'pypi', 'nuget'] as const) {
      assert.equal(prepared.isReady(ecosystem), false);
      await prepared.prepare?.(ecosystem, (e, text) => worker.nameTable(e, text));
      assert.equal(prepared.isReady(ecosystem), true);
    }
    assert.ok(worker.started >= 1, 'the worker built the tables');
    for (const [ecosystem, name] of samples) assert.deepEqual(prepared.check(ecosystem, name), inline.check(ecosystem, name), `${ecosystem} ${name}`);
  });

  it('builds the index here when the worker fails', async () => {
    const index = createLazyNameIndex(readers(), ['pypi']);
    await index.prepare?.('pypi', () => Promise.reject(new Error('no worker')));
    assert.equal(index.isReady('pypi'), true);
    assert.equal(index.check('pypi', 'urlib3').lookalike?.target.name, 'urllib3');
  });
});
