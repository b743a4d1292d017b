/**
 * The rules that apply to requirements files, on pyproject.toml and Pipfile: same rule code,
 * findings on the exact token inside the TOML, and fixes in the syntax of the section.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/analysis/analyze';
import type { Dependency, LockedVersions, ManifestKind } from '../../../server/src/model/model';
import { parseSettings } from '../../../server/src/model/settings';
import type { RegistryView } from '../../../server/src/registries/types';
import { pypiSpecs } from '../../../server/src/specs/pypi';
import { poetryToPep440 } from '../../../server/src/specs/pythonDialects';
import { sharedShippedNames } from '../../helpers/shippedNames';
import { slice } from '../../helpers/text';

const LOCKED: LockedVersions = { source: 'uv.lock', versionOf: (dep) => ({ requests: '2.32.3', django: '4.2.16', flask: '3.0.3' })[dep.name.toLowerCase()] };

function run(kind: ManifestKind, text: string, locked?: LockedVersions) {
  const { findings } = analyze({ kind, text, settings: parseSettings({}), locked, names: sharedShippedNames() });
  return findings.map((f) => ({
    rule: f.rule,
    at: slice(text, f.span),
    message: f.message,
    fix: f.fixes?.[0] ? f.fixes[0].edits.map((e) => `${slice(text, e.span)} → ${e.newText}`).join('; ') : undefined,
  }));
}

function poetryDep(spec: string): Dependency {
  return { ecosystem: 'pypi', name: 'x', nameSpan: { start: 0, end: 1 }, section: 'tool.poetry.dependencies', source: 'registry', spec, specDialect: 'poetry' };
}

describe('Poetry and Pipfile version constraints', () => {
  it('translates Poetry constraints to PEP 440', () => {
    const cases: Array<[string, string]> = [
      ['^1.2.3', '>=1.2.3,<2'],
      ['^0.2.3', '>=0.2.3,<0.3'],
      ['^0.0.3', '>=0.0.3,<0.0.4'],
      ['^0.0', '>=0.0,<0.1'],
      ['^0', '>=0,<1'],
      ['~1.2.3', '>=1.2.3,<1.3'],
      ['~1', '>=1,<2'],
      ['1.2.3', '==1.2.3'],
      ['1.2.*', '==1.2.*'],
      ['>= 1.2, < 1.5', '>=1.2,<1.5'],
      ['>=1.2 <1.5', '>=1.2,<1.5'],
      ['~=1.4', '~=1.4'],
      ['*', ''],
    ];
    for (const [poetry, pep440] of cases) assert.equal(poetryToPep440(poetry), pep440, poetry);
  });

  it('judges Poetry constraints: a bare version is exact, ^/~/* are ranges', () => {
    assert.equal(pypiSpecs.describe(poetryDep('2.32.3')).exact, true);
    for (const spec of ['^2.31', '~2.31', '*', '>=2,<3', '1.2.*', '^1.0 || ^2.0']) assert.equal(pypiSpecs.describe(poetryDep(spec)).exact, false, spec);
    assert.ok(pypiSpecs.satisfies(poetryDep('^2.31'), '2.32.3'));
    assert.ok(!pypiSpecs.satisfies(poetryDep('^2.31'), '3.0.0'));
    assert.ok(!pypiSpecs.satisfies(poetryDep('~2.31.0'), '2.32.0'));
  });

  it('pins in the dialect of the section: a bare version for Poetry, == for Pipfile and PEP 508', () => {
    assert.equal(pypiSpecs.pinEdit({ ...poetryDep('^2'), specSpan: { start: 5, end: 7 } }, '2.32.3')?.newText, '2.32.3');
    assert.equal(pypiSpecs.pinEdit({ ...poetryDep('*'), specDialect: 'pipfile', specSpan: { start: 5, end: 6 } }, '2.32.3')?.newText, '==2.32.3');
    assert.equal(pypiSpecs.describe({ ...poetryDep('2.32.3'), specDialect: 'pipfile' }).exact, true, 'pipenv reads a bare version as ==');
  });
});

describe('rules on pyproject.toml', () => {
  it('unpinned-version: PEP 508 strings, Poetry ^/~/* and build requirements, with fixes in each syntax', () => {
    const text = [
      '[build-system]',
      'requires = ["setuptools>=61"]',
      '[project]',
      'dependencies = ["requests>=2.31", "flask", "pinned==1.0.0"]',
      '[tool.poetry.dependencies]',
      'django = "^4.2"',
      'exact = "1.2.3"',
      'any = "*"',
      '',
    ].join('\n');
    const found = run('pyproject.toml', text, LOCKED).filter((f) => f.rule === 'unpinned-version');
    assert.deepEqual(
      found.map((f) => [f.at, f.fix]),
      [
        ['>=61', undefined],
        ['>=2.31', '>=2.31 → ==2.32.3'],
        ['flask', ' → ==3.0.3'],
        ['^4.2', '^4.2 → 4.2.16'],
        ['*', undefined],
      ],
    );
    assert.match(found[3].message, /`\^4\.2` admits >=4\.2, <5/);
  });

  it('typosquat, non-registry-source and insecure-source on the tokens inside the TOML', () => {
    const text = '[project]\ndependencies = ["reqeusts==2.0.0", "lib @ git+http://git.example.test/lib.git"]\n[tool.poetry.dependencies]\ndjnago = "4.2.16"\n';
    const found = run('pyproject.toml', text);
    const at = (rule: string) => found.filter((f) => f.rule === rule).map((f) => f.at);
    assert.deepEqual(at('typosquat'), ['reqeusts', 'djnago']);
    assert.deepEqual(at('non-registry-source'), ['lib']);
    assert.deepEqual(at('insecure-source'), ['lib']);
  });

  it('dependency-confusion: Poetry supplemental sources, uv unsafe-best-match, PDM merged sources', () => {
    const poetry = '[[tool.poetry.source]]\nname = "corp"\nurl = "https://corp.test/simple"\npriority = "supplemental"\n[tool.poetry.dependencies]\nx = "1.0"\n';
    assert.deepEqual(run('pyproject.toml', poetry).filter((f) => f.rule === 'dependency-confusion').map((f) => f.at), ['https://corp.test/simple']);
    const uvDefault = '[project]\ndependencies = ["x==1.0"]\n[tool.uv]\nextra-index-url = ["https://corp.test/simple"]\n';
    assert.deepEqual(run('pyproject.toml', uvDefault).filter((f) => f.rule === 'dependency-confusion'), [], "uv's first-index strategy does not merge indexes");
    const uvMerged = `${uvDefault}index-strategy = "unsafe-best-match"\n`;
    assert.deepEqual(run('pyproject.toml', uvMerged).filter((f) => f.rule === 'dependency-confusion').map((f) => f.at), ['https://corp.test/simple', 'unsafe-best-match']);
    const pdm = '[project]\ndependencies = ["x==1.0"]\n[[tool.pdm.source]]\nname = "corp"\nurl = "https://corp.test/simple"\n';
    assert.match(run('pyproject.toml', pdm).find((f) => f.rule === 'dependency-confusion')?.message ?? '', /PDM merges the source corp with PyPI/);
  });

  it('insecure-source: http:// indexes and verify_ssl = false', () => {
    const text = '[[tool.pdm.source]]\nname = "a"\nurl = "https://a.test/simple"\nverify_ssl = false\n[tool.uv]\nindex-url = "http://b.test/simple"\n[project]\ndependencies = ["x==1.0"]\n';
    const found = run('pyproject.toml', text).filter((f) => f.rule === 'insecure-source');
    assert.deepEqual(found.map((f) => f.at), ['https://a.test/simple', 'http://b.test/simple']);
    assert.match(found[0].message, /verify_ssl = false turns off TLS certificate checks/);
  });

  it('parse-error: broken TOML is reported, the rest is still checked', () => {
    const found = run('pyproject.toml', '[project]\ndependencies = ["requests>=2"]\n= oops\n');
    assert.deepEqual(found.map((f) => [f.rule, f.at]), [['unpinned-version', '>=2'], ['parse-error', '= oops']]);
  });
});

describe('rules on Pipfile', () => {
  it('flags "*" and ranges, passes == and bare versions, and reports verify_ssl = false', () => {
    const text = '[[source]]\nurl = "https://corp.test/simple"\nverify_ssl = false\nname = "corp"\n[packages]\nrequests = "*"\nflask = ">=3"\ndjango = "==4.2.16"\nattrs = "23.2.0"\n';
    const found = run('Pipfile', text, LOCKED);
    assert.deepEqual(found.filter((f) => f.rule === 'unpinned-version').map((f) => [f.at, f.fix]), [['*', '* → ==2.32.3'], ['>=3', '>=3 → ==3.0.3']]);
    assert.deepEqual(found.filter((f) => f.rule === 'insecure-source').map((f) => f.at), ['https://corp.test/simple']);
  });
});

describe('dependency-confusion with registry facts: a private package not tied to its index', () => {
  const text = '[project]\ndependencies = ["acme-auth==1.0", "acme-tied==1.0", "requests==2.32.3"]\n[[tool.uv.index]]\nname = "acme"\nurl = "https://pkgs.acme.test/simple"\n[tool.uv.sources]\nacme-tied = { index = "acme" }\n';
  const view: RegistryView = {
    now: Date.now(),
    pypiIndexIsPublic: true,
    factsFor: (dep) => (dep.name === 'requests' ? { state: 'pending' } : { state: 'not-found', source: 'pypi.org' }),
  };

  it('reports a name PyPI does not have, when the project declares another index and does not tie the name to it', () => {
    const { findings } = analyze({ kind: 'pyproject.toml', text, settings: parseSettings({}), registry: () => view });
    const found = findings.filter((f) => f.rule === 'dependency-confusion');
    assert.deepEqual(found.map((f) => slice(text, f.span)), ['acme-auth']);
    assert.match(found[0].message, /acme-auth is not on pypi\.org, so it comes from acme, but nothing ties it to that index/);
    assert.match(found[0].message, /\[tool\.uv\.sources\] acme-auth = \{ index = "acme" \}/);
  });

  it('stays quiet without another index, and for requirements files (pip has no way to tie a name to an index)', () => {
    const bare = '[project]\ndependencies = ["acme-auth==1.0"]\n';
    assert.deepEqual(analyze({ kind: 'pyproject.toml', text: bare, settings: parseSettings({}), registry: () => view }).findings.filter((f) => f.rule === 'dependency-confusion'), []);
    const req = '--index-url https://pkgs.acme.test/simple\nacme-auth==1.0\n';
    assert.deepEqual(analyze({ kind: 'requirements', text: req, settings: parseSettings({}), registry: () => ({ ...view, pypiIndexIsPublic: false }) }).findings.filter((f) => f.rule === 'dependency-confusion'), []);
  });
});
