/** The byte bound of the in-memory maps of registry facts. */
import { strict as assert } from 'node:assert';
import { estimatedBytes, factBytes, LruMap } from '../../../../server/src/registries/cache/memoryCache';

describe('registry facts kept in memory', () => {
  it('evicts the least recently used facts once their estimated bytes pass the budget', () => {
    const document = (n: number) => ({ state: 'found', info: { name: `p${n}`, versions: Array.from({ length: 100 }, (_, i) => ({ version: `1.0.${i}` })) } });
    const one = estimatedBytes(document(0));
    const map = new LruMap<string, unknown>(1000, factBytes(3 * one + one / 2));
    for (let n = 1; n <= 5; n++) map.set(`p${n}`, document(n));
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => map.peek(`p${n}`) !== undefined), [false, false, true, true, true]);
  });

  it('measures a document once, however many new wrappers it is stored in', () => {
    let serialized = 0;
    const info = { name: 'p', versions: ['1.0.0'], toJSON: () => (serialized++, { name: 'p' }) };
    const map = new LruMap<string, unknown>(10, factBytes(1024 * 1024));
    for (let i = 0; i < 50; i++) map.set('p', { state: 'found', info, cachedAt: i });
    assert.equal(serialized, 1);
  });
});
