/** A full collection follows the drop of a large document, once per burst, and nothing else. */
import { strict as assert } from 'node:assert';
import { compactingCollection, LARGE_DOCUMENT_CHARS, MemoryReclaim } from '../../../server/src/lsp/memoryReclaim';

const LARGE = LARGE_DOCUMENT_CHARS;
/** Longer than the 1 ms delay the tests give: timers fire in the order they expire. */
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('memory given back after a large document is dropped', () => {
  let collections: number;
  let busy: boolean;
  let reclaim: MemoryReclaim;
  beforeEach(() => {
    collections = 0;
    busy = false;
    reclaim = new MemoryReclaim(() => busy, () => collections++, 1);
  });
  afterEach(() => reclaim.dispose());

  it('collects once after a large document closes', async () => {
    reclaim.sized('a', LARGE);
    reclaim.closed('a');
    await settle();
    assert.equal(collections, 1);
  });

  it('collects once for a burst of large documents closing together', async () => {
    for (const uri of ['a', 'b', 'c']) reclaim.sized(uri, 2 * LARGE);
    for (const uri of ['a', 'b', 'c']) reclaim.closed(uri);
    await settle();
    assert.equal(collections, 1);
  });

  it('collects when a large document is cut to less than half, not when it is edited or grows', async () => {
    reclaim.sized('a', LARGE);
    reclaim.sized('a', LARGE + 10);
    reclaim.sized('a', LARGE * 3);
    reclaim.sized('a', LARGE * 2);
    await settle();
    assert.equal(collections, 0, 'edits and growth');
    reclaim.sized('a', 40);
    await settle();
    assert.equal(collections, 1, 'cut to one dependency');
  });

  it('does nothing for small documents, nor for a document it never saw', async () => {
    reclaim.sized('a', LARGE - 1);
    reclaim.sized('a', 10);
    reclaim.closed('a');
    reclaim.closed('never-opened');
    await settle();
    assert.equal(collections, 0);
  });

  it('forgets a closed document: reopening it small and closing again collects nothing', async () => {
    reclaim.sized('a', LARGE);
    reclaim.closed('a');
    await settle();
    reclaim.sized('a', 10);
    reclaim.closed('a');
    await settle();
    assert.equal(collections, 1);
  });

  it('does nothing without a collector (a server started without --expose-gc)', async () => {
    const without = new MemoryReclaim(() => false, undefined, 1);
    without.sized('a', LARGE);
    without.closed('a');
    await settle();
    without.dispose();
    assert.equal(collections, 0);
  });

  it('waits while a document is being analysed, then collects once', async () => {
    busy = true;
    reclaim.sized('a', LARGE);
    reclaim.closed('a');
    await settle();
    assert.equal(collections, 0, 'during the analysis');
    busy = false;
    await settle();
    assert.equal(collections, 1, 'after it');
  });

  it('does not collect while another large document is still open', async () => {
    reclaim.sized('a', LARGE);
    reclaim.sized('b', LARGE);
    reclaim.closed('a');
    await settle();
    assert.equal(collections, 0, 'b is open');
    reclaim.closed('b');
    await settle();
    assert.equal(collections, 1, 'both closed');
  });

  it('a pending collection is dropped on dispose', async () => {
    reclaim.sized('a', LARGE);
    reclaim.closed('a');
    reclaim.dispose();
    await settle();
    assert.equal(collections, 0);
  });
});

describe('the compacting collection', () => {
  it('runs V8\'s gc once, and is absent when the server has no gc (no --expose-gc)', () => {
    let runs = 0;
    compactingCollection(() => runs++)?.();
    assert.equal(runs, 1);
    assert.equal(compactingCollection(undefined), undefined);
  });
});
