/**
 * The language server's bundle as `npm run build` leaves it (npm test builds first). V8 keeps a
 * script's whole source for lazy compilation, as one byte a character only if every character is
 * Latin-1: one non-ASCII character in a dependency's comment made the 2 MB bundle a 4 MB string
 * held for the server's life.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../helpers/lspClient';

describe('server bundle', () => {
  for (const file of ['server.js', 'worker.js']) {
    it(`dist/${file} is ASCII, without comments`, () => {
      const source = readFileSync(join(REPO_ROOT, 'dist', file), 'utf8');
      const wide = /[^\x00-\x7f]/.exec(source);
      assert.equal(wide, null, `non-ASCII ${JSON.stringify(wide?.[0])} at ${wide?.index}: …${source.slice(Math.max(0, (wide?.index ?? 0) - 60), (wide?.index ?? 0) + 20)}…`);
      assert.ok(!/\n\s*\/\/ /.test(source), 'line comments are kept');
    });
  }
});
