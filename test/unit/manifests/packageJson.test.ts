import { strict as assert } from 'node:assert';
import { npmSourceKind, parsePackageJson } from '../../../server/src/manifests/packageJson';
import { slice } from '../../helpers/text';

describe('package.json parser', () => {
  it('reads every dependency section with exact name and spec ranges', () => {
    const text = `{
  "dependencies": { "express": "^4.18.2", "@types/node": "20.1.0" },
  "devDependencies": { "mocha": "~10.0.0" },
  "optionalDependencies": { "fsevents": "2.3.3" },
  "peerDependencies": { "react": ">=18" },
  "bundleDependencies": ["express"]
}`;
    const m = parsePackageJson(text);
    assert.deepEqual(
      m.dependencies.map((d) => [d.section, d.name, d.spec, slice(text, d.nameSpan), slice(text, d.specSpan)]),
      [
        ['dependencies', 'express', '^4.18.2', 'express', '^4.18.2'],
        ['dependencies', '@types/node', '20.1.0', '@types/node', '20.1.0'],
        ['devDependencies', 'mocha', '~10.0.0', 'mocha', '~10.0.0'],
        ['optionalDependencies', 'fsevents', '2.3.3', 'fsevents', '2.3.3'],
        ['peerDependencies', 'react', '>=18', 'react', '>=18'],
        ['bundleDependencies', 'express', undefined, 'express', undefined],
      ],
    );
    assert.equal(m.problems.length, 0);
    assert.ok(m.dependencies.every((d) => d.ecosystem === 'npm'));
  });

  it('reads nested overrides and yarn resolutions, naming the package each one pins', () => {
    const text = `{
  "overrides": { "semver": "7.5.4", "foo": { ".": "1.0.0", "bar": "2.0.0", "baz": { "qux": "^3" } } },
  "resolutions": { "**/minimist": "1.2.8", "webpack/@babel/core": "7.0.0", "lodash@^4": "4.17.21" }
}`;
    const m = parsePackageJson(text);
    const rows = m.dependencies.map((d) => [d.section, d.name, d.spec, slice(text, d.specSpan)]);
    assert.deepEqual(rows, [
      ['overrides', 'semver', '7.5.4', '7.5.4'],
      ['overrides', 'foo', '1.0.0', '1.0.0'],
      ['overrides', 'bar', '2.0.0', '2.0.0'],
      ['overrides', 'qux', '^3', '^3'],
      ['resolutions', 'minimist', '1.2.8', '1.2.8'],
      ['resolutions', '@babel/core', '7.0.0', '7.0.0'],
      ['resolutions', 'lodash', '4.17.21', '4.17.21'],
    ]);
    assert.deepEqual(m.dependencies[3].path, ['overrides', 'foo', 'baz', 'qux']);
  });

  it('reads the scripts with the spans of names and commands', () => {
    const text = '{"scripts": {"postinstall": "node setup.js", "test": "mocha"}}';
    const m = parsePackageJson(text);
    assert.deepEqual(
      m.scripts.map((s) => [s.name, s.command, slice(text, s.nameSpan), slice(text, s.commandSpan)]),
      [
        ['postinstall', 'node setup.js', 'postinstall', 'node setup.js'],
        ['test', 'mocha', 'test', 'mocha'],
      ],
    );
  });

  it('classifies where each spec comes from', () => {
    const cases: Array<[string, string]> = [
      ['^1.2.3', 'registry'],
      ['latest', 'registry'],
      ['npm:real-name@^1.0.0', 'alias'],
      ['workspace:*', 'workspace'],
      ['file:../lib', 'path'],
      ['link:../lib', 'path'],
      ['./local', 'path'],
      ['git+https://github.com/a/b.git#v1', 'git'],
      ['git://github.com/a/b.git', 'git'],
      ['github:user/repo', 'git'],
      ['user/repo#main', 'git'],
      ['https://example.com/pkg.tgz', 'url'],
      ['https://github.com/a/b.git', 'git'],
      ['>=1.0.0 <2.0.0 || 3.x', 'registry'],
    ];
    for (const [spec, kind] of cases) assert.equal(npmSourceKind(spec).source, kind, spec);
    assert.equal(npmSourceKind('npm:@scope/real@1.0.0').aliasOf, '@scope/real');
  });

  it('keeps what it can read from broken JSON and reports where it broke', () => {
    const text = `{
  "dependencies": {
    "express": "^4.18.2",
    "lodash": "4.17.21"
    "react": "18.2.0",
    "half`;
    const m = parsePackageJson(text);
    assert.deepEqual(m.dependencies.map((d) => d.name).slice(0, 3), ['express', 'lodash', 'react']);
    assert.ok(m.problems.length > 0);
    assert.match(m.problems[0].message, /not valid JSON/);
    for (const p of m.problems) assert.ok(p.span.start >= 0 && p.span.end <= text.length);
  });

  it('reports non-string versions and non-object sections without throwing', () => {
    const m = parsePackageJson('{"dependencies": {"a": 1, "b": null}, "devDependencies": []}');
    assert.equal(m.problems.length, 3);
    assert.deepEqual(m.dependencies.map((d) => [d.name, d.spec]), [['a', undefined], ['b', undefined]]);
  });

  it('accepts comments, trailing commas, a BOM-less empty file and non-object roots', () => {
    assert.equal(parsePackageJson('{ // c\n "dependencies": {"a": "1.0.0",}, }').dependencies.length, 1);
    assert.equal(parsePackageJson('').dependencies.length, 0);
    assert.equal(parsePackageJson('[1,2]').problems.length, 1);
    assert.equal(parsePackageJson('"text"').problems.length, 1);
  });

  it('keeps spans exact with CRLF line ends and escaped names', () => {
    const text = '{\r\n  "dependencies": {\r\n    "left\\u002dpad": "1.3.0"\r\n  }\r\n}';
    const [dep] = parsePackageJson(text).dependencies;
    assert.equal(dep.name, 'left-pad');
    assert.equal(slice(text, dep.nameSpan), 'left\\u002dpad');
    assert.equal(slice(text, dep.specSpan), '1.3.0');
  });
});
