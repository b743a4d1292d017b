import { strict as assert } from 'node:assert';
import type { Dependency, TextEdit } from '../../../server/src/model/model';
import { parseRequirements } from '../../../server/src/manifests/requirements';
import { pypiSpecs } from '../../../server/src/specs/pypi';

/** The first dependency of a requirements text, and the text. */
function dep(text: string): { dep: Dependency; text: string } {
  return { dep: parseRequirements(text).dependencies[0], text };
}

/** A registry dependency with just a spec (no text behind it). */
function withSpec(spec: string | undefined): Dependency {
  return { ecosystem: 'pypi', name: 'pkg', nameSpan: { start: 0, end: 3 }, section: 'requirement', source: 'registry', spec };
}

function apply(text: string, edit: TextEdit | undefined): string {
  assert.ok(edit, 'expected an edit');
  return text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
}

describe('pypi specs', () => {
  describe('describe', () => {
    it('treats a single == (without a wildcard) or === clause as exact', () => {
      assert.deepEqual(pypiSpecs.describe(dep('a==1.2.3').dep), {
        valid: true,
        exact: true,
        exactVersion: '1.2.3',
        meaning: '==1.2.3 (exactly 1.2.3)',
      });
      assert.equal(pypiSpecs.describe(dep('a===1.0-custom').dep).exactVersion, '1.0-custom');
      assert.equal(pypiSpecs.describe(dep('a (==2.0)').dep).exactVersion, '2.0');
      for (const text of ['a==1.*', 'a>=1.0', 'a~=1.4', 'a!=1.0', 'a==1.0,!=1.1', 'a<2', 'a', 'a>=1.0,<=1.0']) {
        assert.equal(pypiSpecs.describe(dep(text).dep).exact, false, text);
      }
    });

    it('says "any version" when there is no spec', () => {
      assert.deepEqual(pypiSpecs.describe(dep('requests').dep), { valid: true, exact: false, meaning: 'any version' });
      assert.equal(pypiSpecs.describe(dep('requests ()').dep).meaning, 'any version');
    });

    it('explains what a spec admits', () => {
      const meaning = (text: string): string => pypiSpecs.describe(dep(text).dep).meaning;
      assert.equal(meaning('a>=1.0, <2'), '>=1.0, <2 (any release from 1.0 up to but excluding 2)');
      assert.equal(meaning('a>1.0,<=1.9'), '>1.0, <=1.9 (any release after 1.0 up to and including 1.9)');
      assert.equal(meaning('a~=1.4.5'), '~=1.4.5 (1.4.5 or later within 1.4.*)');
      assert.equal(meaning('a~=01.04.5'), '~=01.04.5 (01.04.5 or later within 1.4.*)'); // normalized by the general path
      assert.equal(meaning('a~=1!2.0rc1'), '~=1!2.0rc1 (1!2.0rc1 or later within 1!2.*)');
      assert.equal(meaning('a==1.4.*'), '==1.4.* (any 1.4.* release)');
      assert.equal(meaning('a>=2.0'), '>=2.0 (2.0 or later)');
      assert.equal(meaning('a >= 1.0 , != 1.5 , < 2'), '>=1.0, !=1.5, <2 (any release from 1.0 up to but excluding 2, excluding 1.5)');
      assert.equal(meaning('a>=1,'), '>=1 (1 or later)');
    });

    it('marks invalid specs as invalid', () => {
      for (const text of ['a==', 'a==abc', 'a~=1', 'a>=1,,', 'a=1.0', 'a 1.0', 'a<1.0.*', 'a>=1.0+local']) {
        const info = pypiSpecs.describe(dep(text).dep);
        assert.equal(info.valid, false, text);
        assert.equal(info.exact, false, text);
      }
      assert.equal(pypiSpecs.describe(withSpec(`>=${'1.'.repeat(100_000)}0`)).valid, false);
    });

    it('describes non-registry dependencies as not exact', () => {
      const info = pypiSpecs.describe(dep('x @ git+https://h/x.git@v1').dep);
      assert.equal(info.valid, true);
      assert.equal(info.exact, false);
      assert.match(info.meaning, /git\+https:\/\/h\/x\.git@v1/);
    });
  });

  describe('satisfies', () => {
    const cases: Array<[string | undefined, string, boolean]> = [
      [undefined, '1.0', true],
      [undefined, '1.0rc1', false], // no spec: pre-releases excluded
      [undefined, 'not-a-version', false],
      ['>=1.0, <2', '1.5', true],
      ['>=1.0, <2', '2.0', false],
      ['>=1.0, <2', '1.5b1', false], // the spec names no pre-release
      ['>=1.0a1, <2', '1.5b1', true], // a pre-release anywhere in the set admits them all
      ['!=1.0rc1', '1.1rc1', false], // `!=` naming a pre-release does not count
      ['<2.0', '2.0rc1', false], // `<V` excludes pre-releases of V
      ['<1.0rc2', '1.0rc1', true], // …unless V is one
      ['>1.0', '1.0.post1', false], // `>V` excludes post-releases of V
      ['>1.0.post1', '1.0.post2', true], // …unless V is one
      ['>1.0', '1.0+local', false],
      ['==1.0', '1.0+ubuntu1', true], // local labels are ignored when the spec has none
      ['==1.0+a', '1.0+b', false],
      ['==1.0', '1.0.0', true],
      ['==1.4.*', '1.4.2', true],
      ['==1.4.*', '1.5', false],
      ['==1.0.*', '1', true],
      ['!=1.4.*', '1.4.9', false],
      ['~=1.4.5', '1.4.9', true],
      ['~=1.4.5', '1.5.0', false],
      ['~=1.4', '1.9', true],
      ['~=1.4', '2.0', false],
      ['===1.0', '1.0', true],
      ['===foobar', 'FooBar', true],
      ['===1.0', '1.0.0', false],
      ['>=1!1.0', '2.0', false], // epochs order before everything else
      ['>=1.0,', '1.1', true],
      ['==abc', '1.0', false],
      ['>=1.0', 'garbage', false],
    ];
    for (const [spec, version, expected] of cases) {
      it(`${spec ?? '(none)'} ${expected ? 'admits' : 'rejects'} ${version}`, () => {
        assert.equal(pypiSpecs.satisfies(withSpec(spec), version), expected);
      });
    }

    it('admits no registry version for URL, VCS, path and editable dependencies', () => {
      for (const text of ['x @ https://h/x-1.0.tar.gz', 'git+https://h/x.git#egg=x', './x', '-e .']) {
        assert.equal(pypiSpecs.satisfies(dep(text).dep, '1.0'), false, text);
      }
    });
  });

  describe('pinEdit', () => {
    it('replaces the spec, or inserts ==V after the name or extras, keeping markers', () => {
      const cases: Array<[string, string]> = [
        ['requests', 'requests==2.31.0'],
        ['requests>=2,<3', 'requests==2.31.0'],
        ['requests[socks] ; python_version >= "3.8"', 'requests[socks]==2.31.0 ; python_version >= "3.8"'],
        ['requests [socks] ~= 2.0 ; python_version >= "3.8"', 'requests [socks] ==2.31.0 ; python_version >= "3.8"'],
        ['requests (>=2.0)', 'requests (==2.31.0)'],
        ['requests ()', 'requests (==2.31.0)'],
        ['requests==', 'requests==2.31.0'],
        ['requests>=2 --hash=sha256:abc', 'requests==2.31.0 --hash=sha256:abc'],
        ['requests  # comment', 'requests==2.31.0  # comment'],
        ['requests \\\n  >=2', 'requests \\\n  ==2.31.0'],
        ['a\r\nrequests\r\n', 'a==2.31.0\r\nrequests\r\n'],
      ];
      for (const [text, expected] of cases) {
        const d = dep(text);
        assert.equal(apply(d.text, pypiSpecs.pinEdit(d.dep, '2.31.0')), expected, text);
      }
    });

    it('has no pin for URL, VCS, path and editable dependencies', () => {
      for (const text of ['x @ https://h/x-1.0.tar.gz', 'git+https://h/x.git#egg=x', './x', '-e .', 'https://h/x-1.0.whl']) {
        assert.equal(pypiSpecs.pinEdit(dep(text).dep, '1.0'), undefined, text);
      }
    });
  });

  it('sorts versions by PEP 440 precedence and drops invalid ones', () => {
    assert.deepEqual(
      pypiSpecs.sortVersions(['1.10', 'bogus', '1.2', '1.2rc1', '1.2.dev1', '1.2.post1', '1!0.1', '1.2a1', '1.2+local', '']),
      ['1.2.dev1', '1.2a1', '1.2rc1', '1.2', '1.2+local', '1.2.post1', '1.10', '1!0.1'],
    );
  });

  it('tells pre-releases apart', () => {
    for (const v of ['1.0a1', '1.0b2', '1.0rc1', '1.0.dev3', '2.0.0-alpha', '1.0c1']) assert.equal(pypiSpecs.isPrerelease(v), true, v);
    for (const v of ['1.0', '1.0.post1', '1.0+local', 'garbage', '']) assert.equal(pypiSpecs.isPrerelease(v), false, v);
  });
});

describe('pypi specs: the fast path for plain clauses agrees with the PEP 440 library', () => {
  it('describes plain specs exactly as the general grammar does', () => {
    const { parse } = require('@renovatebot/pep440/lib/specifier') as { parse(s: string): Array<{ operator: string; version: string }> | null };
    for (const spec of ['==1.2.3', '>=2.31', '~=1.4', '~=1.4.5', '!=2.0', '<3', '<=3.1', '>1', '>=1.0,<2', '>=1.0, <2.0, !=1.5']) {
      const lib = parse(spec)!.map((c) => `${c.operator}${c.version}`).join(',');
      const ours = pypiSpecs.describe({ ecosystem: 'pypi', name: 'x', nameSpan: { start: 0, end: 1 }, section: 'requirement', source: 'registry', spec, specSpan: { start: 1, end: 1 + spec.length } }).meaning;
      assert.ok(ours.startsWith(lib.replace(/,/g, ', ')), `${spec}: ${ours} vs ${lib}`);
    }
  });
});
