/**
 * A JSON tree built a step at a time (what the language server does with a large package.json) is
 * the tree jsonc-parser's `parseTree` builds, node for node; a text with any error is left to
 * `parseTree`, and a large package.json read in steps gives the manifest a whole read gives.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { findManifests } from '../../../server/src/analysis/findManifests';
import { jsonTreeInSteps } from '../../../server/src/manifests/jsonTreeInSteps';
import { parsePackageJson, parsePackageJsonInSteps } from '../../../server/src/manifests/packageJson';
import { runInSteps, runToEnd } from '../../../server/src/model/steps';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** The tree without parent links (they make it cyclic), for comparison. */
function plain(node: Node | undefined): unknown {
  if (!node) return node;
  const { parent: _parent, children, ...rest } = node;
  return children ? { ...rest, children: children.map(plain) } : rest;
}

function both(text: string, tokensPerStep = 3) {
  const errors: ParseError[] = [];
  const expected = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return { stepped: runToEnd(jsonTreeInSteps(text, tokensPerStep)), expected, errors };
}

describe('JSON tree built a step at a time', () => {
  it('is parseTree’s tree on every package.json and JSON lockfile of the fixtures and examples', () => {
    const paths = findManifests([join(ROOT, 'test', 'fixtures'), join(ROOT, 'examples')]).filter((p) => p.endsWith('package.json'));
    const locks = paths.map((p) => join(p, '..', 'package-lock.json'));
    let compared = 0;
    for (const path of [...paths, ...locks]) {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        continue;
      }
      const { stepped, expected, errors } = both(text, 7);
      if (errors.length > 0) assert.equal(stepped, undefined, `${path}: a tree despite errors`);
      else assert.deepEqual(plain(stepped), plain(expected), path), compared++;
    }
    assert.ok(compared >= 20, `${compared} files compared`);
  });

  it('keeps the links from child to parent that readers walk up', () => {
    const root = runToEnd(jsonTreeInSteps('{"a": {"b": [1, "x"]}}', 2))!;
    const property = root.children![0];
    const inner = property.children![1];
    assert.equal(property.parent, root);
    assert.equal(inner.parent, property);
    assert.equal(inner.children![0].children![1].children![0].parent, inner.children![0].children![1]);
    assert.equal(root.parent, undefined);
  });

  it('is parseTree’s tree on any JSON, with comments, odd spacing and trailing commas', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('', ' ', '\n  ', '/* c */', '// c\n', '\r\n'), fc.boolean(), (value, space, trailing) => {
        let text = JSON.stringify(value, null, 1) ?? 'null';
        text = text.replace(/\n/g, `${space}\n`);
        if (trailing) text = text.replace(/("|\d|e|l)(\s*\n\s*)([}\]])/g, '$1,$2$3');
        const { stepped, expected, errors } = both(text);
        if (errors.length > 0) return stepped === undefined;
        assert.deepEqual(plain(stepped), plain(expected));
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('gives up on any error, leaving the recovery to parseTree', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.constantFrom('', '"', '{', '}', ']', ',', ':', '/*', 'x', '\\u12'), (value, at, junk) => {
        const valid = JSON.stringify(value) ?? 'null';
        const cut = at % (valid.length + 1);
        const text = valid.slice(0, cut) + junk + valid.slice(cut + (junk === '' ? 1 : 0));
        const { stepped, expected, errors } = both(text);
        if (errors.length > 0) return stepped === undefined;
        assert.deepEqual(plain(stepped), plain(expected));
        return true;
      }),
      { numRuns: 500 },
    );
    for (const broken of ['', '{', '{"a": }', '{"a" 1}', '[1,,2]', '{"a": 1} 2', '{"a": "\\x"}', '/* open', '{"a": 01}', '[1 2]']) {
      assert.equal(both(broken).stepped, undefined, broken);
    }
  });

  it('pauses every so many tokens, and a large package.json read in steps is the one a whole read gives', async () => {
    const sections = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];
    const text = JSON.stringify(
      {
        name: 'big',
        version: '1.0.0',
        scripts: { postinstall: 'node x.js' },
        ...Object.fromEntries(sections.map((s, k) => [s, Object.fromEntries(Array.from({ length: 2500 }, (_, i) => [`${s[0]}${i}`, ['^1.0.0', 'github:a/b', 'npm:q@^2', 'catalog:', 'file:../x'][(i + k) % 5]]))])),
        bundleDependencies: ['d1', 'd2'],
        overrides: { d3: '1.0.0', d4: { '.': '2.0.0', x: '$d5' }, d6: '-' },
        pnpm: { overrides: { 'a>b': '1.0.0' } },
        resolutions: { '**/c': '3.0.0' },
      },
      null,
      2,
    );
    assert.ok(text.length > 100_000, 'large enough to be read in steps');
    let pauses = 0;
    const stepped = await runInSteps(parsePackageJsonInSteps(text, 100), async () => (pauses++, true));
    assert.deepEqual(stepped, parsePackageJson(text));
    assert.ok(stepped!.dependencies.length > 10_000, `${stepped!.dependencies.length} dependencies`);
    assert.ok(pauses >= 100, `${pauses} pauses`);
    // With an error the same file is read whole, with jsonc-parser's recovery.
    const broken = text.replace('"d7": ', '"d7" ');
    assert.deepEqual(await runInSteps(parsePackageJsonInSteps(broken, 100), async () => true), parsePackageJson(broken));
  });
});
