/** Every memo and cache is bounded by size, not only by count: a few huge entries cannot hold memory. */
import { strict as assert } from 'node:assert';
import { BoundedMemo } from '../../../server/src/model/memo';
import { LruMap } from '../../../server/src/registries/cache/memoryCache';
import { LockGraphCache } from '../../../server/src/tree/cache';

describe('bounded caches', () => {
  it('LruMap forgets the least recently used entries once over its byte bound, under its count bound', () => {
    const map = new LruMap<string, string>(1000, { maxBytes: 10_000, sizeOf: (v) => v.length });
    map.set('a', 'x'.repeat(4000));
    map.set('b', 'x'.repeat(4000));
    map.get('a'); // a is now the most recently used
    map.set('c', 'x'.repeat(4000));
    assert.deepEqual([map.peek('a') !== undefined, map.peek('b') !== undefined, map.peek('c') !== undefined], [true, false, true]);
    assert.equal(map.byteSize, 8000);
    map.delete('a');
    assert.equal(map.byteSize, 4000);
  });

  it('LruMap keeps an entry that alone is over the byte bound, and only that one', () => {
    const map = new LruMap<string, string>(1000, { maxBytes: 100, sizeOf: (v) => v.length });
    map.set('small', 'x');
    map.set('huge', 'x'.repeat(1000));
    assert.equal(map.size, 1);
    assert.equal(map.peek('huge')?.length, 1000);
  });

  it('BoundedMemo starts over when its keys pass the byte bound, long before the count bound', () => {
    const memo = new BoundedMemo<number>(1000, 10_000);
    for (let i = 0; i < 20; i++) memo.get(`${'n'.repeat(1000)}${i}`, () => i);
    assert.ok(memo.size < 10, `${memo.size} entries of 2 KB kept under a 10 KB bound`);
    assert.equal(memo.peek(`${'n'.repeat(1000)}19`), 19);
    memo.get('x'.repeat(10_000), () => 1);
    assert.equal(memo.peek('x'.repeat(10_000)), undefined, 'a key larger than the whole bound is not kept');
  });

  it('LockGraphCache drops the oldest lockfiles once their text passes its byte bound', () => {
    const cache = new LockGraphCache(64, 60_000);
    const parse = () => undefined;
    for (let i = 0; i < 10; i++) cache.get(`/p${i}/package-lock.json`, `${'x'.repeat(2000)}${i}`, parse);
    assert.ok(cache.size < 10 && cache.size >= 1, `${cache.size} lockfiles kept`);
    const parses = cache.parses;
    cache.get('/p9/package-lock.json', `${'x'.repeat(2000)}9`, parse);
    assert.equal(cache.parses, parses, 'the newest is still there');
    cache.get('/p0/package-lock.json', `${'x'.repeat(2000)}0`, parse);
    assert.equal(cache.parses, parses + 1, 'the oldest was dropped and is parsed again');
  });
});
