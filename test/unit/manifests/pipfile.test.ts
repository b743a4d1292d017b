import { strict as assert } from 'node:assert';
import type { Dependency, Manifest } from '../../../server/src/model/model';
import { parsePipfile } from '../../../server/src/manifests/pipfile';
import { slice } from '../../helpers/text';

function dep(m: Manifest, name: string): Dependency {
  const found = m.dependencies.find((d) => d.name === name);
  assert.ok(found, `${name} not read`);
  return found;
}

const PIPFILE = [
  '[[source]]',
  'url = "https://pypi.org/simple"',
  'verify_ssl = true',
  'name = "pypi"',
  '',
  '[[source]]',
  'url = "http://corp.test/simple"',
  'verify_ssl = false',
  'name = "corp"',
  '',
  '[packages]',
  'requests = "*"',
  'flask = "==3.0.3"',
  'django = { version = ">=4.2", extras = ["argon2"], index = "corp" }',
  'mylib = { git = "https://github.com/org/mylib.git", ref = "main", editable = true }',
  'local = { path = "./local" }',
  '',
  '[dev-packages]',
  'pytest = "8.3.3"',
  '',
  '[docs]',
  'sphinx = "~=7.0"',
  '',
  '[requires]',
  'python_version = "3.12"',
  '',
].join('\n');

describe('Pipfile parser', () => {
  const m = parsePipfile(PIPFILE);

  it('reads packages, dev-packages and custom categories with exact spans', () => {
    assert.equal(m.kind, 'Pipfile');
    assert.deepEqual(m.dependencies.map((d) => [d.section, d.name]), [
      ['packages', 'requests'],
      ['packages', 'flask'],
      ['packages', 'django'],
      ['packages', 'mylib'],
      ['packages', 'local'],
      ['dev-packages', 'pytest'],
      ['docs', 'sphinx'],
    ]);
    const requests = dep(m, 'requests');
    assert.equal(requests.specDialect, 'pipfile');
    assert.equal(slice(PIPFILE, requests.nameSpan), 'requests');
    assert.equal(slice(PIPFILE, requests.specSpan), '*');
    assert.equal(slice(PIPFILE, dep(m, 'django').specSpan), '>=4.2');
    assert.equal(dep(m, 'django').index, 'corp');
    assert.deepEqual(m.problems, []);
  });

  it('reads git, editable and path tables as non-registry sources', () => {
    const mylib = dep(m, 'mylib');
    assert.equal(mylib.source, 'editable');
    assert.equal(mylib.location, 'https://github.com/org/mylib.git@main');
    assert.equal(dep(m, 'local').source, 'path');
  });

  it('reads [[source]]: the first is the index (pypi.org is the default anyway), verify_ssl = false is kept', () => {
    assert.deepEqual(m.sources.map((s) => [s.kind, s.name, slice(PIPFILE, s.span), s.tlsVerify]), [
      ['index', 'pypi', 'https://pypi.org/simple', undefined],
      ['index', 'corp', 'http://corp.test/simple', false],
    ]);
  });

  it('reports broken TOML and still reads the packages after it', () => {
    const text = '[packages]\nrequests = "*"\nflask = \n[dev-packages]\npytest = "*"\n';
    const broken = parsePipfile(text);
    assert.equal(broken.problems.length, 1);
    assert.equal(slice(text, broken.problems[0].span), 'flask =');
    assert.deepEqual(broken.dependencies.map((d) => d.name), ['requests', 'pytest']);
  });
});
