/** What the index reports for each kind of resemblance the issue lists, on small fixed lists. */
import { strict as assert } from 'node:assert';
import type { Ecosystem } from '../../../server/src/model/model';
import type { NameCheck } from '../../../server/src/typosquat/types';
import { fixtureIndex, rememberingFixtureIndex } from './fixtures';

const names = fixtureIndex();

function check(ecosystem: Ecosystem, name: string): NameCheck {
  return names.check(ecosystem, name);
}

/** [target, kind, description] of the look-alike found, or undefined. */
function found(ecosystem: Ecosystem, name: string): [string, string, string] | undefined {
  const l = check(ecosystem, name).lookalike;
  return l && [l.target.name, l.resemblance.kind, l.resemblance.description];
}

describe('typosquat: detection', () => {
  it('passes popular names, and popular names close to a more popular one (preact, react)', () => {
    for (const [eco, name] of [
      ['npm', 'lodash'],
      ['npm', 'preact'],
      ['npm', 'colors'],
      ['npm', 'babel-core'],
      ['pypi', 'requests'],
      ['nuget', 'Serilog'],
    ] as const) {
      const c = check(eco, name);
      assert.ok(c.known, name);
      assert.equal(c.lookalike, undefined, name);
    }
  });

  it('compares in each ecosystem normal form: npm lowercase, PEP 503, NuGet case-insensitive', () => {
    assert.equal(check('npm', 'Lodash').known?.name, 'lodash');
    assert.equal(check('pypi', 'Python_DateUtil').known?.name, 'python-dateutil');
    assert.equal(check('pypi', 'python.dateutil').lookalike, undefined);
    assert.equal(check('nuget', 'newtonsoft.json').known?.name, 'Newtonsoft.Json');
  });

  it('finds one omitted, repeated, inserted, substituted or swapped character', () => {
    assert.deepEqual(found('pypi', 'urlib3'), ['urllib3', 'typo', 'a single `l` where it has two']);
    assert.deepEqual(found('npm', 'expresss'), ['express', 'typo', 'a repeated `s`']);
    assert.deepEqual(found('pypi', 'colourama'), ['colorama', 'typo', 'an added `u`']);
    assert.deepEqual(found('npm', 'lodazh'), ['lodash', 'typo', '`z` in place of `s` (a neighbouring key)']);
    assert.deepEqual(found('npm', 'lodahs'), ['lodash', 'typo', '`hs` in place of `sh`']);
    assert.deepEqual(found('npm', 'expross'), ['express', 'typo', '`o` in place of `e`']);
  });

  it('weighs keyboard-adjacent substitutions above others', () => {
    assert.equal(check('npm', 'lodazh').lookalike?.resemblance.strength, 'strong');
    assert.equal(check('npm', 'expross').lookalike?.resemblance.strength, 'medium');
  });

  it('finds delimiter changes: added, removed, swapped', () => {
    assert.deepEqual(found('npm', 'crossenv'), ['cross-env', 'delimiter', 'a missing `-`']);
    assert.deepEqual(found('npm', 'cross_env'), ['cross-env', 'delimiter', '`_` in place of `-`']);
    assert.deepEqual(found('nuget', 'Newtonsoft-Json'), ['Newtonsoft.Json', 'delimiter', '`-` in place of `.`']);
    assert.deepEqual(found('nuget', 'NewtonsoftJson'), ['Newtonsoft.Json', 'delimiter', 'a missing `.`']);
  });

  it('finds reordered words', () => {
    assert.deepEqual(found('pypi', 'dateutil-python'), ['python-dateutil', 'reorder', 'the same words in another order']);
    assert.deepEqual(found('npm', 'stream-event'), ['event-stream', 'reorder', 'the same words in another order']);
  });

  it('finds added and dropped affixes', () => {
    assert.deepEqual(found('npm', 'node-lodash'), ['lodash', 'affix', 'an added `node-`']);
    assert.deepEqual(found('npm', 'lodash-js'), ['lodash', 'affix', 'an added `-js`']);
    assert.deepEqual(found('npm', 'd3.js'), ['d3', 'affix', 'an added `.js`']);
    assert.deepEqual(found('pypi', 'pynumpy'), ['numpy', 'affix', 'an added `py`']);
    assert.deepEqual(found('pypi', 'python-requests'), ['requests', 'affix', 'an added `python-`']);
    assert.deepEqual(found('pypi', 'requests-python'), ['requests', 'affix', 'an added `-python`']);
    assert.deepEqual(found('pypi', 'colorama3'), ['colorama', 'affix', 'an added `3`']);
    assert.deepEqual(found('pypi', 'dateutil'), ['python-dateutil', 'affix', 'without its `python-`']);
    assert.deepEqual(found('pypi', 'python3-dateutil'), ['python-dateutil', 'typo', 'an added `3`']);
  });

  it('plays the npm scope games: @types is fine, unknown scopes and flattened scopes are not', () => {
    assert.equal(check('npm', '@types/lodash').lookalike, undefined);
    assert.equal(check('npm', '@types/nodee').lookalike, undefined); // only DefinitelyTyped publishes there
    assert.deepEqual(found('npm', '@evil/cross-env'), ['cross-env', 'scope', 'its name inside the unknown scope `@evil`']);
    assert.equal(check('npm', '@babel/lodash').lookalike, undefined); // @babel is a known publisher
    assert.deepEqual(found('npm', 'types-node'), ['@types/node', 'scope', 'its scope run into the name']);
    assert.deepEqual(found('npm', 'babelcli'), ['@babel/cli', 'scope', 'its scope run into the name']);
    assert.equal(check('npm', '@babel/cor').lookalike, undefined); // same scope, same publisher
  });

  it('finds Unicode and ASCII look-alikes', () => {
    assert.deepEqual(found('npm', 'reаct'), ['react', 'lookalike', 'Cyrillic `а` in place of `a`']);
    assert.deepEqual(found('pypi', 'reqυests'), ['requests', 'lookalike', 'Greek `υ` in place of `u`']);
    assert.deepEqual(found('pypi', 'jeIlyfish'), ['jellyfish', 'lookalike', 'an uppercase `I` in place of `l`']);
    assert.deepEqual(found('npm', 'rnocha'), ['mocha', 'lookalike', '`rn` in place of `m`']);
    assert.deepEqual(found('npm', 'l0dash'), ['lodash', 'lookalike', '`0` in place of `o`']);
    assert.deepEqual(found('pypi', 'ur1lib3'), ['urllib3', 'lookalike', '`1` in place of `l`']);
    assert.deepEqual(found('nuget', 'System.Text.Jsоn'), ['System.Text.Json', 'lookalike', 'Cyrillic `о` in place of `o`']);
    assert.deepEqual(found('npm', 'ｌodash'), ['lodash', 'lookalike', 'fullwidth `ｌ` in place of `l`']);
    assert.deepEqual(found('npm', 'cross\u200benv'), ['cross-env', 'delimiter', 'U+200B in place of `-`']);
  });

  it('reports non-ASCII characters on their own, even when nothing is imitated', () => {
    const c = check('nuget', 'Cоntoso.Internal');
    assert.equal(c.lookalike, undefined);
    assert.deepEqual(
      c.nonAscii.map((n) => [n.char, n.codePoint, n.script, n.looksLike]),
      [['о', 0x43e, 'Cyrillic', 'o']],
    );
    assert.deepEqual(check('npm', 'lodash').nonAscii, []);
  });

  it('asks for a larger popularity gap for weaker resemblances', () => {
    // tiny-thing is the floor: nothing is more than 1× less popular than it, so only very
    // strong look-alikes of it count.
    assert.equal(check('npm', 'tiny-thinq').lookalike, undefined);
    assert.equal(check('npm', 'tiny-thlng').lookalike, undefined);
    assert.equal(check('npm', 'tiny-thіng').lookalike?.target.name, 'tiny-thing'); // Cyrillic і
    // d3 is 100× the floor: enough for an affix (50×), and the message gives the ratio as a lower bound.
    assert.equal(check('npm', 'd3.js').lookalike?.ratio, 100);
  });

  it('spots imitations of a reserved NuGet prefix when no package matches', () => {
    const c = check('nuget', 'Microsfot.Extensions.Caching');
    assert.equal(c.lookalike, undefined);
    assert.equal(c.prefixImitation?.reserved.prefix, 'Microsoft.');
    assert.equal(c.prefixImitation?.description, '`fo` in place of `of`');
    assert.equal(check('nuget', 'Microsoft_Foo.Bar').prefixImitation?.description, '`_` in place of `.`');
    assert.equal(check('nuget', 'Microsoft.Anything.New').prefixImitation, undefined);
    assert.equal(check('nuget', 'Contoso.Internal').prefixImitation, undefined);
    // A vendor ID (no count) is a target like any other.
    assert.deepEqual(found('nuget', 'Microsoft.Extensions.Loging'), ['Microsoft.Extensions.Logging', 'typo', 'a single `g` where it has two']);
  });

  it('gives the same verdict when a name is checked again, as the server does on every keystroke', () => {
    const remembering = rememberingFixtureIndex();
    const asked: Array<[Ecosystem, string]> = [
      ['npm', 'lodash'],
      ['npm', 'crossenv'],
      ['npm', 'lodahs'],
      ['npm', 'my-own-package'],
      ['npm', ' lodash '],
      ['npm', 'reаct'], // Cyrillic а
      ['pypi', 'requests'],
      ['pypi', 'Python_Dateutil'],
      ['pypi', 'urlib3'],
      ['nuget', 'Microsfot.Extensions.Caching'],
      ['nuget', 'Contoso.Internal'],
    ];
    for (let round = 0; round < 3; round++) {
      for (const [ecosystem, name] of asked) assert.deepEqual(remembering.check(ecosystem, name), check(ecosystem, name), `${ecosystem} ${name}, round ${round}`);
    }
  });
});
