import { strict as assert } from 'node:assert';
import { readYarnBerryTree } from '../../../../server/src/manifests/lockfiles/yarnBerryTree';
import { readYarnClassicTree } from '../../../../server/src/manifests/lockfiles/yarnClassicTree';
import type { LockedPackage, LockGraph } from '../../../../server/src/tree/model';
import { childNames, fixtureText } from '../../../helpers/lockFixtures';

function byName(graph: LockGraph, name: string, version?: string): LockedPackage {
  const pkg = [...graph.packages.values()].find((p) => p.name === name && (version === undefined || p.version === version));
  assert.ok(pkg, `${name}${version ? `@${version}` : ''} not in the graph`);
  return pkg;
}

describe('yarn.lock v1 tree (written by yarn 1.22)', () => {
  const graph = readYarnClassicTree(fixtureText('yarn-v1/yarn.lock'), 'yarn.lock');

  it('reads one package per entry, whatever the number of descriptors', () => {
    assert.equal(graph.packages.size, 20);
    const ansiStyles = byName(graph, 'ansi-styles');
    assert.equal(graph.resolveSpec?.('ansi-styles', '^4.0.0'), ansiStyles.id);
    assert.equal(graph.resolveSpec?.('ansi-styles', '^4.1.0'), ansiStyles.id);
  });

  it('follows dependency descriptors to their entries, nested ms included', () => {
    assert.deepEqual(childNames(graph, byName(graph, 'chalk')), ['ansi-styles', 'supports-color']);
    const debug = byName(graph, 'debug');
    assert.deepEqual(debug.dependencies.map((id) => graph.packages.get(id)?.version), ['2.0.0']);
  });

  it('keeps resolved and integrity; records no install scripts', () => {
    const microtime = byName(graph, 'microtime');
    assert.match(microtime.resolved ?? '', /^https:\/\/registry\.yarnpkg\.com\/microtime\/-\/microtime-3\.1\.1\.tgz#/);
    assert.equal(microtime.source, 'registry');
    assert.match(microtime.integrity ?? '', /^sha512-/);
    assert.equal(microtime.installScript, undefined);
  });

  it('reads aliases, git and file entries', () => {
    const text = [
      '# yarn lockfile v1',
      '',
      '"lodash-es@npm:lodash@^4.17.0":',
      '  version "4.17.21"',
      '  resolved "https://registry.yarnpkg.com/lodash/-/lodash-4.17.21.tgz#679591c564c3bffaae8454cf0b3df370c3d6911c"',
      '',
      '"tool@github:owner/tool#v1":',
      '  version "1.0.0"',
      '  resolved "https://codeload.github.com/owner/tool/tar.gz/0123456789abcdef0123456789abcdef01234567"',
      '',
      '"local@file:../local":',
      '  version "0.0.1"',
      '',
    ].join('\n');
    const g = readYarnClassicTree(text, 'yarn.lock');
    assert.equal(byName(g, 'lodash').source, 'registry');
    assert.equal(byName(g, 'tool').source, 'git');
    assert.equal(byName(g, 'local').source, 'path');
  });

  it('refuses a file cut inside a string, saying where', () => {
    const cut = fixtureText('yarn-v1/yarn.lock').slice(0, 2250);
    const g = readYarnClassicTree(cut, 'yarn.lock');
    assert.equal(g.packages.size, 0);
    assert.match(g.problems[0], /^yarn\.lock has an unreadable value on line \d+$/);
    assert.equal(readYarnClassicTree('# yarn lockfile v1\n\na@^1:\n  version "1.0.0"\n# trailing comment', 'yarn.lock').packages.size, 1);
  });

  it('asks for merge conflicts to be resolved first, and never throws on garbage', () => {
    const conflicted = '# yarn lockfile v1\n\n<<<<<<< HEAD\na@^1:\n  version "1.0.0"\n=======\na@^1:\n  version "1.1.0"\n>>>>>>> branch\n';
    assert.match(readYarnClassicTree(conflicted, 'yarn.lock').problems[0], /merge conflict markers on line 3/);
    for (const garbage of ['a@^1:\n   version "1.0.0"', '  a@^1:\n', 'a@^1\n', ':\n', '"\\u00zz":\n', 'a@^1:\n  version\n']) {
      assert.equal(readYarnClassicTree(garbage, 'yarn.lock').packages.size, 0, garbage);
    }
  });

  it('keeps a `__proto__` key as data, out of reach of object prototypes', () => {
    const g = readYarnClassicTree('__proto__@^1:\n  version "1.0.0"\n  dependencies:\n    __proto__ "^1"\n', 'yarn.lock');
    assert.equal(g.packages.get('__proto__@^1')?.version, '1.0.0');
    assert.equal(({} as Record<string, unknown>).version, undefined);
  });
});

describe('yarn.lock Berry tree (written by yarn 4.9)', () => {
  const graph = readYarnBerryTree(fixtureText('yarn-berry/yarn.lock'), 'yarn.lock');

  it('reads every resolution, with checksums as integrity', () => {
    assert.equal(graph.format, 'yarn lockfile (Berry, v8)');
    const chalk = byName(graph, 'chalk');
    assert.equal(chalk.id, 'chalk@npm:4.1.2');
    assert.match(chalk.integrity ?? '', /^10c0\//);
    assert.deepEqual(childNames(graph, chalk), ['ansi-styles', 'supports-color']);
  });

  it('takes the workspace entry as the project and its dependencies as direct', () => {
    const root = graph.importers.get('');
    assert.deepEqual([...(root?.dependencies.keys() ?? [])].sort(), ['debug', 'has-flag', 'log-symbols', 'microtime', 'ms', 'wrap-ansi']);
    assert.equal(byName(graph, 'fixture-app').source, 'workspace');
    assert.equal(graph.resolveSpec?.('wrap-ansi', '^7.0.0'), 'wrap-ansi@npm:7.0.0', 'a plain range is looked up under the npm: protocol');
  });

  it('classifies protocols: git, tarball, patch, portal, workspace', () => {
    const text = [
      '__metadata:',
      '  version: 8',
      '',
      '"app@workspace:.":',
      '  version: 0.0.0-use.local',
      '  resolution: "app@workspace:."',
      '  dependencies:',
      '    lib: "workspace:packages/lib"',
      '    gitdep: "https://github.com/u/gitdep.git#commit=0123456789abcdef0123456789abcdef01234567"',
      '    resolve: "patch:resolve@npm%3A^1.20.0#optional!builtin<compat/resolve>"',
      '  languageName: unknown',
      '  linkType: soft',
      '',
      '"lib@workspace:packages/lib":',
      '  version: 0.0.0-use.local',
      '  resolution: "lib@workspace:packages/lib"',
      '  dependencies:',
      '    tarball: "https://example.com/tarball-1.0.0.tgz"',
      '    near: "portal:../near"',
      '  languageName: unknown',
      '  linkType: soft',
      '',
      '"gitdep@https://github.com/u/gitdep.git#commit=0123456789abcdef0123456789abcdef01234567":',
      '  version: 1.0.0',
      '  resolution: "gitdep@https://github.com/u/gitdep.git#commit=0123456789abcdef0123456789abcdef01234567"',
      '  checksum: 10c0/aa',
      '',
      '"resolve@patch:resolve@npm%3A^1.20.0#optional!builtin<compat/resolve>":',
      '  version: 1.22.8',
      '  resolution: "resolve@patch:resolve@npm%3A1.22.8#optional!builtin<compat/resolve>::version=1.22.8&hash=c3c19d"',
      '  checksum: 10c0/bb',
      '',
      '"tarball@https://example.com/tarball-1.0.0.tgz":',
      '  version: 1.0.0',
      '  resolution: "tarball@https://example.com/tarball-1.0.0.tgz"',
      '',
      '"near@portal:../near::locator=lib%40workspace%3Apackages%2Flib":',
      '  version: 0.0.0-use.local',
      '  resolution: "near@portal:../near::locator=lib%40workspace%3Apackages%2Flib"',
      '',
    ].join('\n');
    const g = readYarnBerryTree(text, 'yarn.lock');
    assert.equal(byName(g, 'gitdep').source, 'git');
    assert.equal(byName(g, 'resolve').source, 'registry');
    assert.equal(byName(g, 'tarball').source, 'url');
    assert.equal(byName(g, 'near').source, 'path');
    assert.equal(byName(g, 'lib').source, 'workspace');
    assert.deepEqual([...(g.importers.get('packages/lib')?.dependencies.keys() ?? [])].sort(), ['near', 'tarball']);
    assert.deepEqual([...(g.importers.get('')?.dependencies.keys() ?? [])].sort(), ['gitdep', 'lib', 'resolve']);
  });

  it('says when the YAML cannot be parsed', () => {
    const g = readYarnBerryTree('__metadata:\n  version: 8\n\n"a@npm:^1":\n  version: 1\n  resolution: "a@np', 'yarn.lock');
    assert.equal(g.packages.size, 0);
    assert.match(g.problems[0], /^yarn\.lock could not be parsed/);
  });
});
