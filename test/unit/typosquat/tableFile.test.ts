/**
 * The prebuilt tables (tableFile.ts, written by the build into dist/data): an index read from
 * them answers exactly as one built from the lists, and a table that does not belong to its
 * list is ignored rather than trusted.
 */
import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ecosystem } from '../../../server/src/model/model';
import { tableOf } from '../../../server/src/typosquat/ecosystemIndex';
import { DATA_FILES, EXTRA_FILES, prebuiltIn, readExtras, writeTableFiles } from '../../../server/src/typosquat/load';
import { LIST_PARSERS } from '../../../server/src/typosquat/lists';
import { createLazyNameIndex, createNameIndex, type ListTexts, type PrebuiltTables } from '../../../server/src/typosquat/nameIndex';
import { hasTableFile, readTable, tableFileName } from '../../../server/src/typosquat/tableFile';
import { DATA_DIR } from './bundled';

const ECOSYSTEMS = ['npm', 'pypi', 'nuget'] as const;

/** Every list and extra file of the repository's data folder, copied to a fresh folder. */
function copyOfData(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mg-table-'));
  const files = [...Object.values(DATA_FILES), ...Object.values(EXTRA_FILES.established), EXTRA_FILES.stdlib, EXTRA_FILES.tools, EXTRA_FILES.affixes, EXTRA_FILES.native];
  for (const file of files) copyFileSync(join(DATA_DIR, file), join(dir, file));
  return dir;
}

function texts(dir: string, prebuilt?: PrebuiltTables): ListTexts {
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  return { npm: read(DATA_FILES.npm), pypi: read(DATA_FILES.pypi), nuget: read(DATA_FILES.nuget), nugetPrefixes: read(DATA_FILES.nugetPrefixes), extras: (e) => readExtras(dir, e), prebuilt };
}

/** One typo in the middle of a name (the shape squats have), deterministic. */
function typo(name: string, i: number): string {
  const at = 1 + (i % Math.max(1, name.length - 2));
  switch (i % 3) {
    case 0:
      return name.slice(0, at) + name.slice(at + 1);
    case 1:
      return `${name.slice(0, at)}x${name.slice(at)}`;
    default:
      return at + 1 < name.length ? name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2) : `${name}s`;
  }
}

describe('typosquat: prebuilt tables', () => {
  let dir: string;
  before(() => {
    dir = copyOfData();
    writeTableFiles(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('an index read from the table files answers exactly like one built from the lists', () => {
    const used: Ecosystem[] = [];
    const fromFiles = createNameIndex(
      texts(dir, {
        has: (e) => hasTableFile(dir, e),
        read: (e, listText) => {
          const table = readTable(dir, e, listText);
          if (table) used.push(e);
          return table;
        },
      }),
    );
    const built = createNameIndex(texts(dir));
    assert.deepEqual(used.sort(), ['npm', 'nuget', 'pypi'], 'every ecosystem was read from its table file');
    let compared = 0;
    let flagged = 0;
    for (const ecosystem of ECOSYSTEMS) {
      const names = built.entries(ecosystem).map((e) => e.name);
      const sample = names.filter((_, i) => i % 37 === 0).flatMap((name, i) => [name, typo(name, i)]);
      sample.push(...({ npm: ['reat', 'crossenv', 'lodahs', 'types-node'], pypi: ['urlib3', 'reqeusts', 'python-dateutils'], nuget: ['Newtonsoft.Jsoon', 'Serilog.Sinks.Consol'] } as const)[ecosystem]);
      for (const name of sample) {
        const expected = built.check(ecosystem, name);
        assert.deepEqual(fromFiles.check(ecosystem, name), expected, `${ecosystem} ${name}`);
        compared++;
        if (expected.lookalike) flagged++;
      }
    }
    // The sample must exercise the deletion tables, not only exact lookups.
    assert.ok(compared > 2000 && flagged > 300, `${compared} compared, ${flagged} flagged`);
  });

  it('a lazy index with a table file is ready without the worker and finds squats', async () => {
    const prebuilt: PrebuiltTables = { has: (e) => hasTableFile(dir, e), read: (e, listText) => readTable(dir, e, listText) };
    const read = (file: string) => () => readFileSync(join(dir, file), 'utf8');
    const index = createLazyNameIndex({ npm: read(DATA_FILES.npm), pypi: read(DATA_FILES.pypi), nuget: read(DATA_FILES.nuget), nugetPrefixes: read(DATA_FILES.nugetPrefixes), prebuilt }, ['npm', 'pypi', 'nuget']);
    assert.equal(index.isReady('npm'), true, 'no need to build it off the thread');
    await index.prepare?.('pypi', () => Promise.reject(new Error('the worker must not be asked')));
    assert.equal(index.check('pypi', 'urlib3').lookalike?.target.name, 'urllib3');
    assert.equal(index.check('npm', 'crossenv').lookalike?.target.name, 'cross-env');
  });

  it('ignores a table built from another list, or cut short', () => {
    const listText = readFileSync(join(dir, DATA_FILES.pypi), 'utf8');
    assert.ok(readTable(dir, 'pypi', listText), 'the table of this list is read');
    // The list updated without a rebuild: one more popular name at the top.
    const updated = listText.replace(/^(#.*\n)+[^\n]*\n/, (head) => `${head}reqwests\t1\n`);
    assert.notEqual(updated, listText);
    assert.equal(readTable(dir, 'pypi', updated), undefined);
    const index = createNameIndex({ pypi: updated, prebuilt: { has: () => true, read: (e, text) => readTable(dir, e, text) } });
    assert.equal(index.lookup('pypi', 'reqwests')?.name, 'reqwests', 'the index holds the updated list');
    // A truncated file.
    const path = join(dir, tableFileName('pypi'));
    const whole = readFileSync(path);
    writeFileSync(path, whole.subarray(0, 1000));
    assert.equal(readTable(dir, 'pypi', listText), undefined);
    // Bucket offsets out of order (a damaged file of the right size): never read past the pairs.
    const damaged = Buffer.from(whole);
    damaged.writeInt32LE(0x7fffffff, 20 + 4 * 1000);
    writeFileSync(path, damaged);
    assert.equal(readTable(dir, 'pypi', listText), undefined);
    writeFileSync(path, whole);
    assert.ok(readTable(dir, 'pypi', listText), 'the intact file is read again');
  });

  it('keeps six bytes a pair: the low half of each hash beside its value, the bucket holding the top half', () => {
    const listText = readFileSync(join(dir, DATA_FILES.npm), 'utf8');
    const table = tableOf(LIST_PARSERS.npm(listText));
    const pairs = table.values.length;
    assert.ok(pairs > 500_000, `${pairs} pairs`);
    assert.equal(readFileSync(join(dir, tableFileName('npm'))).byteLength, 20 + 4 * 65_537 + 6 * pairs);
  });

  it('keeps a table built at run time in the cache folder, and the next start reads it from there', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'mg-table-cache-'));
    try {
      // The repository's data folder: lists, no prebuilt tables (like the .vsix).
      const read = (file: string) => () => readFileSync(join(DATA_DIR, file), 'utf8');
      const readers = () => ({ npm: read(DATA_FILES.npm), pypi: read(DATA_FILES.pypi), nuget: read(DATA_FILES.nuget), nugetPrefixes: read(DATA_FILES.nugetPrefixes), prebuilt: prebuiltIn(DATA_DIR, () => cache) });
      const first = createLazyNameIndex(readers(), ['pypi']);
      assert.equal(first.isReady('pypi'), false, 'nothing prebuilt yet: built off the thread');
      let built = 0;
      await first.prepare?.('pypi', (e, text) => {
        built++;
        return Promise.resolve(tableOf(LIST_PARSERS[e](text)));
      });
      assert.equal(built, 1);
      assert.ok(existsSync(join(cache, tableFileName('pypi'))), 'the built table was kept');

      const next = createLazyNameIndex(readers(), ['pypi']);
      assert.equal(next.isReady('pypi'), true, 'the next start reads it');
      await next.prepare?.('pypi', () => Promise.reject(new Error('the worker must not be asked')));
      for (const name of ['urlib3', 'reqeusts', 'numpy', 'python-dateutils', 'djanga']) assert.deepEqual(next.check('pypi', name), first.check('pypi', name), name);
      assert.equal(next.check('pypi', 'urlib3').lookalike?.target.name, 'urllib3');

      // A new version's list: the kept table is not its own, so it is built off the thread again
      // (not here, on the thread that answers keystrokes) and replaces the old one.
      const listText = readFileSync(join(DATA_DIR, DATA_FILES.pypi), 'utf8');
      const updated = listText.replace(/^(#.*\n)+[^\n]*\n/, (head) => `${head}reqwests\t1\n`);
      const newer = () => createLazyNameIndex({ ...readers(), pypi: () => updated }, ['pypi']);
      const upgraded = newer();
      assert.equal(upgraded.isReady('pypi'), false, 'the old table is not used');
      await upgraded.prepare?.('pypi', (e, text) => {
        built++;
        return Promise.resolve(tableOf(LIST_PARSERS[e](text)));
      });
      assert.equal(built, 2, 'built once more, in the worker');
      assert.equal(upgraded.lookup('pypi', 'reqwests')?.name, 'reqwests');
      assert.equal(newer().isReady('pypi'), true, 'the table of the new list was kept');
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
