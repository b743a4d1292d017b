import { strict as assert } from 'node:assert';
import { LineIndex } from '../../../server/src/model/positions';

describe('LineIndex', () => {
  it('maps offsets to LSP positions across \\n, \\r\\n and lone \\r line ends', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 4);
    assert.deepEqual(idx.positionAt(text.indexOf('d')), { line: 1, character: 1 });
    assert.deepEqual(idx.positionAt(text.indexOf('f')), { line: 2, character: 1 });
    assert.deepEqual(idx.positionAt(text.indexOf('h')), { line: 3, character: 1 });
    for (let o = 0; o <= text.length; o++) {
      if (text[o - 1] === '\r' && text[o] === '\n') continue; // between \r and \n is not a position of its own
      assert.equal(idx.offsetAt(idx.positionAt(o)), o, `offset ${o}`);
    }
  });
  it('counts UTF-16 code units like LSP does', () => {
    const text = '😀x';
    assert.deepEqual(new LineIndex(text).positionAt(2), { line: 0, character: 2 });
  });
});
