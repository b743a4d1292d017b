/** Untrusted text in hovers: nothing from a manifest or a registry may become a link, HTML or a command. */
import { strict as assert } from 'node:assert';
import { escapeMarkdown, inlineCode, messageMarkdown, safeLink, sanitizeText } from '../../../server/src/model/markdown';

describe('hover Markdown from untrusted text', () => {
  it('escapes links, images, HTML and command URIs', () => {
    const hostile = '[click](command:workbench.action.terminal.new) ![x](https://evil.test/beacon.png) <img src=x onerror=alert(1)> **bold**';
    const out = escapeMarkdown(hostile);
    assert.ok(!/(^|[^\\])\[/.test(out), out);
    assert.ok(!/(^|[^\\])</.test(out), out);
    assert.ok(!/(^|[^\\])!/.test(out), out);
    assert.ok(out.includes('\\[click\\]\\(command:'), out);
  });

  it('strips control and bidi characters and caps the length', () => {
    assert.equal(sanitizeText('a\u202Eb\u0000c\u200Bd'), 'abcd');
    assert.equal(sanitizeText('x'.repeat(1000), 10).length, 10);
  });

  it('keeps inline code closed whatever the value holds', () => {
    assert.equal(inlineCode('a`b'), '`aˋb`');
  });

  it('renders backtick-quoted parts of finding messages as code and escapes the rest', () => {
    assert.equal(messageMarkdown('`crossenv` looks like `cross-env` (a missing `-`).'), '`crossenv` looks like `cross-env` \\(a missing `-`\\).');
    const hostile = messageMarkdown('`x` admits [a](command:evil) `<b>`');
    assert.ok(hostile.includes('\\[a\\]\\(command:evil\\)'), hostile);
    assert.ok(hostile.endsWith('`<b>`'), hostile);
  });

  it('links only to http(s) targets it built itself', () => {
    assert.equal(safeLink('x', 'command:evil'), 'x');
    assert.equal(safeLink('lodash on npm', 'https://www.npmjs.com/package/lodash'), '[lodash on npm](https://www.npmjs.com/package/lodash)');
  });
});
