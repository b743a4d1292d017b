import { strict as assert } from 'node:assert';
import type { Dependency, Manifest } from '../../../server/src/model/model';
import { manifestKindOf } from '../../../server/src/manifests';
import { parsePyproject } from '../../../server/src/manifests/pyproject';
import { slice } from '../../helpers/text';

function dep(m: Manifest, name: string, section?: string): Dependency {
  const found = m.dependencies.find((d) => d.name === name && (section === undefined || d.section === section));
  assert.ok(found, `${name} not read (got ${m.dependencies.map((d) => `${d.section}:${d.name}`).join(', ')})`);
  return found;
}

describe('pyproject.toml parser', () => {
  it('is detected by file name', () => {
    assert.equal(manifestKindOf('/p/pyproject.toml'), 'pyproject.toml');
    assert.equal(manifestKindOf('C:\\p\\Pipfile'), 'Pipfile');
    assert.equal(manifestKindOf('/p/Pipfile.lock'), undefined);
  });

  it('reads PEP 621 dependencies and extras with spans inside the TOML strings', () => {
    const text = '[project]\nname = "demo"\ndependencies = [\n  "requests[socks] >=2.31, <3 ; python_version >= \'3.9\'",\n  "flask",\n]\n[project.optional-dependencies]\ndev = ["pytest==8.3.3"]\n';
    const m = parsePyproject(text);
    assert.equal(m.kind, 'pyproject.toml');
    assert.equal(m.ecosystem, 'pypi');
    assert.equal(m.packageName, 'demo');
    const requests = dep(m, 'requests');
    assert.equal(requests.section, 'project.dependencies');
    assert.equal(slice(text, requests.nameSpan), 'requests');
    assert.equal(slice(text, requests.specSpan), '>=2.31, <3');
    assert.deepEqual(requests.extras, ['socks']);
    assert.equal(requests.markers, "python_version >= '3.9'");
    const flask = dep(m, 'flask');
    // No spec: an empty span right after the name, inside the quotes, where a pin is inserted.
    assert.deepEqual(flask.specSpan, { start: flask.nameSpan.end, end: flask.nameSpan.end });
    assert.equal(text[flask.nameSpan.end], '"');
    const pytest = dep(m, 'pytest');
    assert.equal(pytest.section, 'project.optional-dependencies.dev');
    assert.equal(slice(text, pytest.specSpan), '==8.3.3');
    assert.deepEqual(m.problems, []);
  });

  it('reads [build-system] requires: build dependencies run code at install time', () => {
    const text = '[build-system]\nrequires = ["setuptools>=61", "wheel"]\nbuild-backend = "setuptools.build_meta"\n';
    const m = parsePyproject(text);
    assert.deepEqual(m.dependencies.map((d) => [d.section, d.name, d.spec]), [
      ['build-system.requires', 'setuptools', '>=61'],
      ['build-system.requires', 'wheel', undefined],
    ]);
  });

  it('reads [dependency-groups] with include-group, and reports unknown groups and cycles', () => {
    const text = '[dependency-groups]\ntest = ["pytest>=8", {include-group = "lint"}]\nlint = ["ruff==0.7.0", {include-group = "test"}]\ndocs = [{include-group = "nope"}]\n';
    const m = parsePyproject(text);
    assert.equal(dep(m, 'pytest').section, 'dependency-groups.test');
    assert.equal(dep(m, 'ruff').section, 'dependency-groups.lint');
    const messages = m.problems.map((p) => `${p.message} @ ${slice(text, p.span)}`);
    assert.ok(messages.some((p) => /no dependency group named nope/.test(p) && p.endsWith('@ nope')), messages.join('\n'));
    assert.ok(messages.some((p) => /test includes itself through test → lint → test/.test(p)), messages.join('\n'));
  });

  it('reads Poetry dependencies, groups, tables and multiple constraints with the spec span on the version string', () => {
    const text = [
      '[tool.poetry.dependencies]',
      'python = "^3.10"',
      'requests = "^2.31"',
      'django = { version = "~4.2", extras = ["argon2"], source = "private" }',
      'mylib = { git = "https://github.com/org/mylib.git", rev = "0123456789abcdef0123456789abcdef01234567" }',
      'local = { path = "../local", develop = true }',
      'wheel-pkg = { url = "https://example.test/w-1.0-py3-none-any.whl" }',
      'numpy = [{ version = "<1.25", python = "<3.9" }, { version = "^1.26", python = ">=3.9" }]',
      '[tool.poetry.group.dev.dependencies]',
      'pytest = "*"',
      '',
    ].join('\n');
    const m = parsePyproject(text);
    assert.ok(!m.dependencies.some((d) => d.name === 'python'), 'python is the interpreter, not a package');
    const requests = dep(m, 'requests');
    assert.equal(requests.specDialect, 'poetry');
    assert.equal(requests.section, 'tool.poetry.dependencies');
    assert.equal(slice(text, requests.nameSpan), 'requests');
    assert.equal(slice(text, requests.specSpan), '^2.31');
    const django = dep(m, 'django');
    assert.equal(slice(text, django.specSpan), '~4.2');
    assert.equal(django.index, 'private');
    assert.deepEqual(django.extras, ['argon2']);
    const mylib = dep(m, 'mylib');
    assert.equal(mylib.source, 'git');
    assert.equal(mylib.location, 'https://github.com/org/mylib.git@0123456789abcdef0123456789abcdef01234567');
    assert.equal(slice(text, mylib.specSpan), 'https://github.com/org/mylib.git');
    assert.equal(dep(m, 'local').source, 'editable');
    assert.equal(dep(m, 'wheel-pkg').source, 'url');
    assert.deepEqual(m.dependencies.filter((d) => d.name === 'numpy').map((d) => slice(text, d.specSpan)), ['<1.25', '^1.26']);
    assert.equal(dep(m, 'pytest').section, 'tool.poetry.group.dev.dependencies');
  });

  it('reads Poetry sources with their priority: a supplemental source lets PyPI shadow private packages', () => {
    const text = '[[tool.poetry.source]]\nname = "corp"\nurl = "https://pkgs.corp.test/simple"\npriority = "supplemental"\n[[tool.poetry.source]]\nname = "pinned"\nurl = "https://pinned.test/simple"\npriority = "explicit"\n[tool.poetry.dependencies]\nx = "1.0"\n';
    const m = parsePyproject(text);
    assert.deepEqual(m.sources.map((s) => [s.kind, s.name, slice(text, s.span), s.shadowing !== undefined]), [
      ['index', 'corp', 'https://pkgs.corp.test/simple', true],
      ['index', 'pinned', 'https://pinned.test/simple', false],
    ]);
  });

  it('reads uv indexes: merged only with unsafe-best-match; [tool.uv.sources] move a dependency off the registry', () => {
    const base = '[project]\ndependencies = ["flask>=3", "corp-lib", "mono"]\n[tool.uv.sources]\nflask = { git = "https://github.com/pallets/flask", tag = "3.0.3" }\ncorp-lib = { index = "corp" }\nmono = { workspace = true }\n[[tool.uv.index]]\nname = "corp"\nurl = "https://corp.test/simple"\n[[tool.uv.index]]\nurl = "https://mirror.test/simple"\ndefault = true\n';
    const safe = parsePyproject(base);
    assert.deepEqual(safe.sources.map((s) => [s.kind, s.value]), [['index', 'https://corp.test/simple'], ['index-url', 'https://mirror.test/simple']]);
    const flask = dep(safe, 'flask');
    assert.equal(flask.source, 'git');
    assert.equal(flask.location, 'https://github.com/pallets/flask@3.0.3');
    assert.equal(slice(base, flask.specSpan), 'https://github.com/pallets/flask');
    assert.equal(dep(safe, 'corp-lib').index, 'corp');
    assert.equal(dep(safe, 'mono').source, 'workspace');

    const text = `${base}[tool.uv]\nindex-strategy = "unsafe-best-match"\nextra-index-url = ["https://extra.test/simple"]\n`;
    const merged = parsePyproject(text);
    const kinds = merged.sources.map((s) => [s.kind, slice(text, s.span), s.shadowing !== undefined]);
    assert.deepEqual(kinds, [
      ['extra-index-url', 'https://extra.test/simple', true],
      ['extra-index-url', 'https://corp.test/simple', true],
      ['index-url', 'https://mirror.test/simple', false],
      ['index-strategy', 'unsafe-best-match', true],
    ]);
  });

  it('reads PDM sources (merged with PyPI unless respect-source-order) and Hatch environment lists', () => {
    const text = '[[tool.pdm.source]]\nname = "corp"\nurl = "http://corp.test/simple"\nverify_ssl = false\n[tool.hatch.envs.test]\ndependencies = ["coverage[toml]>=7"]\n[tool.pdm.dev-dependencies]\nlint = ["ruff"]\n[tool.uv]\ndev-dependencies = ["mypy"]\n';
    const m = parsePyproject(text);
    assert.equal(dep(m, 'ruff').section, 'tool.pdm.dev-dependencies.lint');
    assert.equal(dep(m, 'mypy').section, 'tool.uv.dev-dependencies');
    assert.equal(m.sources[0].kind, 'extra-index-url');
    assert.equal(m.sources[0].tlsVerify, false);
    assert.ok(m.sources[0].shadowing);
    assert.equal(dep(m, 'coverage').section, 'tool.hatch.envs.test.dependencies');
    const ordered = parsePyproject(`${text}[tool.pdm.resolution]\nrespect-source-order = true\n`);
    assert.equal(ordered.sources[0].kind, 'index');
    assert.equal(ordered.sources[0].shadowing, undefined);
  });

  it('maps positions through escapes to the whole string, and offers no edit inside it', () => {
    const text = '[project]\ndependencies = ["re\\u0071uests>=2", """\nflask>=3"""]\n';
    const m = parsePyproject(text);
    const escaped = dep(m, 'requests');
    assert.equal(slice(text, escaped.nameSpan), 're\\u0071uests>=2');
    assert.equal(escaped.specSpan, undefined);
    const multi = dep(m, 'flask');
    assert.equal(slice(text, multi.nameSpan), 'flask');
    assert.equal(slice(text, multi.specSpan), '>=3');
  });

  it('keeps positions right after non-ASCII text (UTF-16 offsets)', () => {
    const text = '# 依存関係 😀\n[project]\ndependencies = ["requests==2.0"]\n';
    const m = parsePyproject(text);
    assert.equal(slice(text, dep(m, 'requests').specSpan), '==2.0');
  });

  it('reports broken TOML on its line and still reads the rest of the file', () => {
    const text = '[project]\ndependencies = ["requests==2.32.3"]\nthis is not toml\n[tool.poetry.dependencies]\nflask = "^3.0"\n';
    const m = parsePyproject(text);
    assert.equal(m.problems.length, 1);
    assert.equal(slice(text, m.problems[0].span), 'this is not toml');
    assert.match(m.problems[0].message, /not valid TOML/);
    assert.deepEqual(m.dependencies.map((d) => d.name), ['requests', 'flask']);
  });

  it('reports a malformed requirement string where it stands, and other kinds of entries', () => {
    const text = '[project]\ndependencies = ["requests =2", 42]\n';
    const m = parsePyproject(text);
    const problems = m.problems.map((p) => [p.message, slice(text, p.span)]);
    assert.ok(problems.some(([msg]) => /'=' is not a version operator/.test(msg as string)), JSON.stringify(problems));
    assert.ok(problems.some(([msg, at]) => /must be a requirement string/.test(msg as string) && at === '42'), JSON.stringify(problems));
  });

  it('returns nothing for a pyproject.toml without dependency tables', () => {
    const m = parsePyproject('[tool.black]\nline-length = 100\n[tool.ruff]\nselect = ["E"]\n');
    assert.deepEqual([m.dependencies, m.sources, m.problems], [[], [], []]);
  });
});

describe('pyproject.toml parser on many broken lines', () => {
  it('stops re-reading after a bounded number of broken lines, and says so on the last one', () => {
    const text = `${Array.from({ length: 30 }, (_, i) => `broken line ${i}`).join('\n')}\n[project]\ndependencies = ["requests"]\n`;
    const m = parsePyproject(text);
    assert.equal(m.problems.length, 21);
    assert.match(m.problems[20].message, /stops reading here/);
    assert.deepEqual(m.dependencies, []);
  });
});

describe('pyproject.toml parser on deep nesting', () => {
  it('blanks containers nested deeper than it reads, says where, and keeps what comes before', () => {
    const text = `[project]\ndependencies = ["requests==2.32.3"]\noptional-dependencies = { x = ${'['.repeat(100_000)}\n`;
    const m = parsePyproject(text);
    assert.deepEqual(m.dependencies.map((d) => d.name), ['requests']);
    const deep = m.problems.find((p) => /nested more than 64 levels/.test(p.message));
    assert.ok(deep, m.problems.map((p) => p.message).join('\n'));
    assert.equal(deep.span.start, text.indexOf('[['.repeat(32)) + 63);
  });

  it('does not count brackets inside strings and comments', () => {
    const text = `[project]\n# ${'['.repeat(100)}\ndependencies = ["a${'['.repeat(100)}", '''${'{'.repeat(100)}''']\n`;
    assert.ok(!parsePyproject(text).problems.some((p) => /nested/.test(p.message)));
  });
});
