/** The typed-array string set behind the remembered name verdicts. */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { detached } from '../../../server/src/model/memo';
import { StringSet } from '../../../server/src/model/stringSet';

describe('StringSet', () => {
  it('holds exactly the strings added, whatever their characters', () => {
    const strings = fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { maxLength: 300 });
    fc.assert(
      fc.property(strings, strings, (added, asked) => {
        const set = new StringSet(10_000, 100_000);
        const reference = new Set<string>();
        for (const s of added) {
          set.add(s);
          reference.add(s);
        }
        for (const s of [...added, ...asked]) assert.equal(set.has(s), reference.has(s), JSON.stringify(s));
      }),
    );
  });

  it('starts over instead of growing past its bounds', () => {
    const set = new StringSet(1_000, 50_000);
    for (let i = 0; i < 5_000; i++) set.add(`dependency-name-${i}`);
    assert.ok(set.size <= 1_000);
    assert.ok(set.has('dependency-name-4999'));
    assert.ok(!set.has('dependency-name-0'));
    const chars = new StringSet(1_000_000, 1_000);
    for (let i = 0; i < 200; i++) chars.add(`${'x'.repeat(90)}${i}`);
    assert.ok(chars.size <= 11);
    chars.add('y'.repeat(2_000)); // longer than the whole arena: not remembered, no error
    assert.ok(!chars.has('y'.repeat(2_000)));
  });

  it('copies keys out of the text they were cut from', () => {
    const text = `{"name": "${'a'.repeat(100)}"}`;
    const cut = text.slice(10, 110);
    assert.equal(detached(cut), cut);
  });
});
