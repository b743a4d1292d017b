import { strict as assert } from 'node:assert';
import { decodeText } from '../../../server/src/model/decodeText';

describe('decodeText', () => {
  const text = 'reqυests==2.31.0\r\nflask>=3\n';

  it('reads UTF-8 with or without a byte-order mark', () => {
    assert.equal(decodeText(Buffer.from(text, 'utf8')), text);
    assert.equal(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])), text);
  });

  it('reads UTF-16 LE and BE by their byte-order mark, as pip does (PowerShell 5 writes UTF-16 LE)', () => {
    const le = Buffer.from(text, 'utf16le');
    assert.equal(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), le])), text);
    const be = Buffer.from(le).swap16();
    assert.equal(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), text);
    assert.equal(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be, Buffer.from([0x41])])), text, 'an odd last byte is dropped');
  });

  it('turns invalid UTF-8 into U+FFFD instead of failing', () => {
    assert.equal(decodeText(Buffer.from([0x66, 0x6f, 0x6f, 0xff, 0xc3, 0x3d])), 'foo\ufffd\ufffd=');
    assert.equal(decodeText(Buffer.alloc(0)), '');
  });
});
