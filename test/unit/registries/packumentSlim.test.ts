/**
 * The slim reading of large npm packuments (registries/npm/packumentSlim.ts) gives the same facts
 * as parsing the whole document, on every npm fixture, their abbreviated forms, a bulky synthetic
 * one and hostile shapes; what it cannot walk falls back to the whole parse.
 */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parsePackument } from '../../../server/src/registries/npm/packument';
import { MAX_VERSIONS, PackumentReader, PackumentTooLarge, slimPackument } from '../../../server/src/registries/npm/packumentSlim';
import { readDocument, SLIM_PACKUMENT_BYTES } from '../../../server/src/registries/parse/documents';
import { FIXTURES, fixtureJson } from '../../helpers/fixtureServer';
import { abbreviatePackument } from '../../helpers/npmAbbreviated';

function both(text: string) {
  const whole = parsePackument(JSON.parse(text), 'pkg', 'test');
  const slim = slimPackument(Buffer.from(text));
  assert.ok(slim, 'the scanner walks it');
  return { whole, slim: parsePackument(slim, 'pkg', 'test') };
}

/** The reader fed `text` in chunks of `size` bytes, as a response body arrives. */
function inChunks(text: string | Buffer, size: number) {
  const bytes = Buffer.from(text);
  const reader = new PackumentReader();
  for (let at = 0; at < bytes.length; at += size) reader.write(bytes.subarray(at, at + size));
  return reader.end();
}

/** A document the size of a popular package's: readme, per-version readmes and devDependencies, non-ASCII text and escapes. */
function bulky(): string {
  const versions: Record<string, unknown> = {};
  const time: Record<string, string> = { modified: '2026-01-01T00:00:00.000Z' };
  for (let i = 0; i < 400; i++) {
    const v = `2.${i}.0`;
    versions[v] = {
      name: 'bulky',
      version: v,
      description: i % 2 ? 'Ünïcödé \u2028 "quoted" \\ back\\slash { not [ structure' : 'ends in a backslash \\',
      readme: '# bulky\n'.repeat(200),
      scripts: i % 50 === 0 ? { postinstall: 'node x.js', test: 'mocha' } : { test: 'mocha' },
      dependencies: { a: '^1.0.0', '__proto__': '1.0.0' },
      devDependencies: Object.fromEntries(Array.from({ length: 40 }, (_, k) => [`dev-${k}`, '^1.0.0'])),
      _npmUser: { name: i > 390 ? 'mallory' : 'alice', email: 'a@example.com', trustedPublisher: i % 7 === 0 ? { id: 'github' } : undefined },
      dist: { integrity: 'sha512-AAAA', signatures: [{ keyid: 'k', sig: 's' }], unpackedSize: 1000 + i, fileCount: 3, ...(i % 3 === 0 ? { attestations: { url: 'https://x', provenance: { predicateType: 'p' } } } : {}) },
      ...(i === 5 ? { deprecated: 'use something else' } : {}),
      ...(i === 6 ? { gypfile: true } : {}),
    };
    time[v] = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString();
  }
  return JSON.stringify({ name: 'bulky', 'dist-tags': { latest: '2.399.0' }, versions, time, readme: 'r'.repeat(300_000), users: { x: true }, license: { type: 'MIT' }, repository: { type: 'git', url: 'https://github.com/x/bulky' } }, null, 1);
}

describe('slim reading of large npm packuments', () => {
  it('gives the facts of the whole parse for every npm fixture, full and abbreviated', () => {
    const files = readdirSync(join(FIXTURES, 'npm')).filter((f) => f.endsWith('.json'));
    assert.ok(files.length > 10);
    for (const file of files) {
      const full = fixtureJson(`npm/${file}`) as Record<string, unknown>;
      for (const doc of [full, abbreviatePackument(full)]) {
        const { whole, slim } = both(JSON.stringify(doc));
        assert.deepEqual(slim, whole, file);
      }
    }
  });

  it('gives the same facts for a bulky document with escapes, non-ASCII text and a __proto__ key, above the size where it is used', () => {
    const text = bulky();
    assert.ok(text.length > SLIM_PACKUMENT_BYTES);
    const { whole, slim } = both(text);
    assert.deepEqual(slim, whole);
    assert.equal(whole?.versions.filter((v) => v.installScripts?.length).length, 9, 'the comparison covers install scripts (8 postinstall + binding.gyp)');
    assert.deepEqual(readDocument(Buffer.from(text), { kind: 'npm-packument', name: 'bulky', source: 'test' }), whole);
  });

  it('reads the same document whatever the chunks it arrives in: every fixture split everywhere, escapes and UTF-8 cut in half', () => {
    const files = readdirSync(join(FIXTURES, 'npm')).filter((f) => f.endsWith('.json'));
    for (const file of files) {
      const text = JSON.stringify(fixtureJson(`npm/${file}`));
      const whole = slimPackument(Buffer.from(text));
      for (const size of [1, 2, 3, 5, 64]) assert.deepEqual(inChunks(text, size), whole, `${file} in chunks of ${size}`);
    }
    // Runs of backslashes before quotes, in keys and values, and multi-byte characters, at every offset.
    const tricky = JSON.stringify({ name: 'tr\\"icky', 'a\\"b': 'x', versions: { '1.0.0': { description: 'Ünï \\\\" \\', dependencies: { 'ü\\"': '1' }, readme: '\\"'.repeat(5) }, '2.0.0\\': 'odd' }, time: { '1.0.0': '2020-01-01T00:00:00.000Z' } });
    const expected = parsePackument(JSON.parse(tricky), 'x', 't');
    for (let size = 1; size <= 8; size++) assert.deepEqual(parsePackument(inChunks(tricky, size), 'x', 't'), expected, `chunks of ${size}`);
    const text = bulky();
    for (const size of [3, 7, 4093]) assert.deepEqual(inChunks(text, size), slimPackument(Buffer.from(text)), `bulky in chunks of ${size}`);
  });

  it('reads a key over its cap as unknown whatever the chunks, never as the fragment in the last chunk', () => {
    // A version named by 5,000 characters: the whole parse keeps no such version.
    const text = JSON.stringify({ name: 'p', 'dist-tags': { latest: '1.0.0' }, versions: { ['x'.repeat(5000)]: {}, '1.0.0': {} }, time: { '1.0.0': '2025-11-02T02:09:03.237Z' } });
    const expected = parsePackument(JSON.parse(text), 'p', 't');
    for (const size of [1, 28, 64, 4093, text.length]) assert.deepEqual(parsePackument(inChunks(text, size), 'p', 't'), expected, `chunks of ${size}`);
  });

  it('reads a field over its cap as unknown, and refuses a document that keeps too much or lists too many versions', () => {
    const huge = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`dependency-${i}`, '^1.0.0']));
    const info = parsePackument(slimPackument(Buffer.from(JSON.stringify({ versions: { '1.0.0': { dependencies: huge }, '1.0.1': { dependencies: { a: '1' } } } }))), 'x', 't');
    assert.equal(info?.versions[0].dependencies, undefined, 'a 1.5 MB dependency list says nothing');
    assert.deepEqual(info?.versions[1].dependencies, ['a']);
    const many = `{"versions": {${Array.from({ length: MAX_VERSIONS + 1 }, (_, i) => `"0.0.${i}": {}`).join(',')}}}`;
    assert.throws(() => slimPackument(Buffer.from(many)), PackumentTooLarge);
    const bulk = `{"versions": {${Array.from({ length: 40 }, (_, i) => `"0.0.${i}": {"description": "${'d'.repeat(900_000)}"}`).join(',')}}}`;
    assert.throws(() => slimPackument(Buffer.from(bulk)), PackumentTooLarge);
  });

  it('gives up on what it cannot walk, and the whole parse decides', () => {
    for (const text of ['{"name": "half", "versions": {"1.0.0": {', '[1, 2]', '"a string"', '{"versions": {"1.0.0": {}}} trailing', '{"versions" {}}', '']) {
      assert.equal(slimPackument(Buffer.from(text)), undefined, text);
    }
    const padded = `{"readme": "${'x'.repeat(SLIM_PACKUMENT_BYTES)}", "versions": {"1.0.0": {`;
    assert.equal(readDocument(Buffer.from(padded), { kind: 'npm-packument', name: 'x', source: 'test' }), undefined);
  });

  it('keeps a byte-order mark and a version that is not an object as the whole parse does', () => {
    const text = JSON.stringify({ name: 'odd', versions: { '1.0.0': 'not an object', '2.0.0': { dist: [] , scripts: 'x' } } });
    const slim = slimPackument(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    assert.deepEqual(parsePackument(slim, 'odd', 't'), parsePackument(JSON.parse(text), 'odd', 't'));
  });
});
