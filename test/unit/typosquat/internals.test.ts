/** The building blocks: folding, edit distance, hashing, list parsing, wording. */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { normalizeName } from '../../../server/src/model/names';
import { describeAligned, describeEdit } from '../../../server/src/typosquat/describe';
import { osaDistance, withinOneEdit } from '../../../server/src/typosquat/distance';
import { skeleton } from '../../../server/src/typosquat/fold';
import { HashMultimapBuilder, neighbourhood, wholeHash } from '../../../server/src/typosquat/hashTable';
import { Codes, normalCodes, skeletonCodes, wordsHash } from '../../../server/src/typosquat/keys';
import { parseNpmList, parseNugetList, parsePypiList } from '../../../server/src/typosquat/lists';
import { compactCount } from '../../../server/src/typosquat/message';
import { plainScan } from '../../../server/src/typosquat/scan';
import { adjacentKeys } from '../../../server/src/typosquat/keyboard';

const nameChars = fc.constantFrom(...'abcdelmnors-_.019IL@/'.split(''));
const names = fc.array(nameChars, { minLength: 0, maxLength: 12 }).map((cs) => cs.join(''));

describe('typosquat internals', () => {
  it('skeletons fold case, delimiters and look-alikes, and the fast path agrees with the general one', () => {
    assert.equal(skeleton('Cross_Env.JS'), 'crossenvjs');
    assert.equal(skeleton('l0dash1'), 'lodashl');
    assert.equal(skeleton('reаct'), 'react');
    assert.equal(skeleton('ｃross‐env'), 'crossenv');
    fc.assert(fc.property(names, (n) => skeleton(n) === skeleton(`${n}é`).slice(0, -1)));
  });

  it('withinOneEdit agrees with the full distance', () => {
    fc.assert(fc.property(names, names, (a, b) => withinOneEdit(a, b) === osaDistance(a, b) <= 1));
    assert.equal(osaDistance('lodash', 'lodahs'), 1);
    assert.equal(osaDistance('crossenv', 'cross-env'), 1);
    assert.equal(osaDistance('abc', 'xyz'), 3);
  });

  it('neighbourhood hashes equal the hashes of the shorter strings', () => {
    const codes = new Codes();
    const out = new Int32Array(64);
    fc.assert(
      fc.property(names, (n) => {
        codes.setString(n);
        const count = neighbourhood(codes.codes, codes.length, out);
        const expected = new Set([n, ...[...n].map((_, i) => n.slice(0, i) + n.slice(i + 1))].map(wholeHash));
        return out[0] === wholeHash(n) && new Set(out.slice(0, count)).size === expected.size && [...out.slice(0, count)].every((h) => expected.has(h));
      }),
    );
  });

  it('key codes hash like the strings they stand for', () => {
    const codes = new Codes();
    const hashOf = (): number => {
      let s = '';
      for (let i = 0; i < codes.length; i++) s += String.fromCharCode(codes.codes[i]);
      return wholeHash(s);
    };
    fc.assert(
      fc.property(names, (n) => {
        skeletonCodes(n, codes);
        const skel = hashOf() === wholeHash(skeleton(n));
        normalCodes('pypi', n, codes);
        const py = hashOf() === wholeHash(normalizeName('pypi', n));
        normalCodes('nuget', n, codes);
        return skel && py && hashOf() === wholeHash(normalizeName('nuget', n));
      }),
    );
    const wordsOf = (s: string): number | undefined => {
      codes.setString(s);
      return wordsHash(codes.codes, codes.length, 0);
    };
    assert.equal(wordsOf('python-dateutil'), wordsOf('dateutil-python'));
    assert.notEqual(wordsOf('python-dateutil'), wordsOf('python-dateutils'));
    assert.equal(wordsOf('lodash'), undefined);
  });

  it('the multimap returns every value stored under a hash', () => {
    const builder = new HashMultimapBuilder(100); // grows
    // Hashes spread over the whole 32-bit range (signed and unsigned), with repeats.
    const hashOf = (i: number): number => Math.imul(i % 97, 0x9e3779b1);
    for (let i = 0; i < 1000; i++) builder.add(hashOf(i), i);
    const m = builder.build();
    for (const k of [0, 3, 50, 96]) {
      const out: number[] = [];
      m.collect(hashOf(k), out);
      assert.deepEqual(out.sort((a, b) => a - b), Array.from({ length: 1000 }, (_, i) => i).filter((i) => i % 97 === k));
      assert.ok(m.mayHave(hashOf(k)));
    }
    const none: number[] = [];
    m.collect(hashOf(97 * 5 + 1) + 1, none);
    assert.deepEqual(none, []);
    const grown = new HashMultimapBuilder(1);
    for (let i = 0; i < 100; i++) grown.add(7, i);
    const all: number[] = [];
    grown.build().collect(7, all);
    assert.equal(all.length, 100);
  });

  it('describes differences in words, refuses two typos, and marks a new first letter as weak', () => {
    assert.equal(describeEdit('crosenv', 'cross-env')?.description, 'a missing `-` and a single `s` where it has two');
    assert.equal(describeEdit('electorn', 'electron')?.description, '`or` in place of `ro`');
    assert.equal(describeEdit('modem', 'modern')?.description, '`m` in place of `rn`');
    assert.equal(describeEdit('ldoahs', 'lodash'), undefined); // two swaps
    // Another first letter is usually another word: weak, and the policy weighs it against the very top only.
    assert.deepEqual(describeEdit('slack', 'black'), { kind: 'typo', strength: 'weak', description: '`s` in place of `b` at the start of a word', firstLetter: true });
    assert.equal(describeEdit('ps-node', 'ts-node')?.firstLetter, true);
    assert.equal(describeEdit('lodash', 'lodash'), undefined);
    assert.equal(describeEdit('Microsoft-Extensions-Logging', 'Microsoft.Extensions.Logging')?.description, '`-` in place of `.` (twice)');
    assert.ok(adjacentKeys('s', 'a') && adjacentKeys('q', 'w') && !adjacentKeys('q', 'p'));
  });

  it('rejects pairs cheaply only when the full alignment would find no resemblance either', () => {
    // Names from look-alike-rich characters, and targets made from them by up to two random
    // edits, so that both outcomes (a resemblance, none) are common.
    const chars = fc.constantFrom(...'abcmnrvwIil01-_.аﬁ'.split(''));
    const word = fc.array(chars, { minLength: 1, maxLength: 10 }).map((cs) => cs.join(''));
    const edit = fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace', 'swap'), chars);
    const mutated = fc.tuple(word, fc.array(edit, { maxLength: 2 })).map(([w, edits]) => {
      let out = w;
      for (const [at, op, c] of edits) {
        const i = at % (out.length + 1);
        if (op === 'insert') out = out.slice(0, i) + c + out.slice(i);
        else if (op === 'delete') out = out.slice(0, i) + out.slice(i + 1);
        else if (op === 'replace') out = out.slice(0, i) + c + out.slice(i + 1);
        else out = out.slice(0, i) + out.slice(i + 1, i + 2) + out.slice(i, i + 1) + out.slice(i + 2);
      }
      return [w, out] as const;
    });
    fc.assert(fc.property(mutated, ([a, b]) => assert.deepEqual(describeEdit(a, b), describeAligned(a, b))), { numRuns: 5000 });
    fc.assert(fc.property(word, word, (a, b) => assert.deepEqual(describeEdit(a, b), describeAligned(a, b))), { numRuns: 2000 });
    assert.equal(describeEdit('rnicrosoft', 'Microsoft')?.kind, 'lookalike');
    assert.equal(describeEdit('Acme', 'Microsoft'), undefined);
  });

  it('reads lists with counts carried down', () => {
    const npm = parseNpmList('# c\nname\tdownloads_a_month\na\t60e6\nb\nc\t5e4\n');
    assert.deepEqual([...npm.weights], [60e6, 60e6, 5e4]);
    assert.deepEqual(npm.entry(1), { ecosystem: 'npm', name: 'b', popularity: { kind: 'downloads-a-month', count: 60e6 }, weight: 60e6 });
    const pypi = parsePypiList('name\trank\nx\t1\ny\nz\t5\n');
    assert.deepEqual(pypi.names.map((_, i) => pypi.entry(i).popularity), [
      { kind: 'rank', rank: 1, of: 5 },
      { kind: 'rank', rank: 2, of: 5 },
      { kind: 'rank', rank: 5, of: 5 },
    ]);
    const nuget = parseNugetList('id\tdownloads_a_day\towner\nA\t200\t\nB\t-\tMicrosoft\n');
    assert.deepEqual(nuget.names, ['B', 'A']); // the vendor ID weighs more than 200 a day
    assert.deepEqual(nuget.entry(0).popularity, { kind: 'vendor', owner: 'Microsoft' });
    assert.throws(() => parseNpmList('name\tdownloads_a_month\na\tmany\n'), /bad count/);
  });

  it('writes counts compactly', () => {
    assert.deepEqual([59853222, 1381598, 53212, 950, 2.4e9].map(compactCount), ['60M', '1.4M', '53K', '950', '2.4B']);
  });

  it('the plain scan (the benchmark baseline) finds what the index finds within one edit', () => {
    const list = parseNpmList('name\tdownloads_a_month\nlodash\t1e8\nexpress\t1e7\nreact\t1e7\n');
    assert.deepEqual(plainScan(list, 'lodahs'), ['lodash']);
    assert.deepEqual(plainScan(list, 'zzz'), []);
  });
});
