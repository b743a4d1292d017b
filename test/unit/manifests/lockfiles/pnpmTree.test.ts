import { strict as assert } from 'node:assert';
import { readPnpmTree } from '../../../../server/src/manifests/lockfiles/pnpmTree';
import type { LockGraph } from '../../../../server/src/tree/model';
import { edgeLabels, fixtureText } from '../../../helpers/lockFixtures';

describe('pnpm-lock.yaml tree (5.4 by pnpm 7, 6.0 by pnpm 8, 9.0 by pnpm 9)', () => {
  const v5 = readPnpmTree(fixtureText('pnpm-v5/pnpm-lock.yaml'), 'pnpm-lock.yaml');
  const v6 = readPnpmTree(fixtureText('pnpm-v6/pnpm-lock.yaml'), 'pnpm-lock.yaml');
  const v9 = readPnpmTree(fixtureText('pnpm-v9/pnpm-lock.yaml'), 'pnpm-lock.yaml');

  it('reads the same tree from the three shapes', () => {
    assert.deepEqual([v5.format, v6.format, v9.format], ['pnpm lockfile 5.4', 'pnpm lockfile 6.0', 'pnpm lockfile 9.0']);
    assert.deepEqual(edgeLabels(v5), edgeLabels(v9));
    assert.deepEqual(edgeLabels(v6), edgeLabels(v9));
    assert.deepEqual(edgeLabels(v9)['debug@2.6.9'], ['ms@2.0.0']);
    assert.deepEqual(edgeLabels(v9)['chalk@4.1.2'], ['ansi-styles@4.3.0', 'supports-color@7.2.0']);
  });

  it('reads the importer’s direct dependencies in every shape', () => {
    for (const g of [v5, v6, v9]) {
      assert.deepEqual([...(g.importers.get('')?.dependencies.keys() ?? [])].sort(), ['debug', 'has-flag', 'log-symbols', 'microtime', 'ms', 'wrap-ansi']);
    }
  });

  it('turns requiresBuild into an install script where the version records it (not 9.0)', () => {
    const microtime = (g: LockGraph) => [...g.packages.values()].find((p) => p.name === 'microtime');
    assert.equal(microtime(v5)?.installScript, true);
    assert.equal(microtime(v6)?.installScript, true);
    assert.equal(microtime(v9)?.installScript, undefined);
    assert.equal([...v6.packages.values()].find((p) => p.name === 'chalk')?.installScript, false);
  });

  it('keeps integrity, dev flags and the registry as source', () => {
    const ms = [...v6.packages.values()].find((p) => p.name === 'ms' && p.version === '2.1.3');
    assert.equal(ms?.dev, true);
    assert.match(ms?.integrity ?? '', /^sha512-/);
    assert.equal(ms?.source, 'registry');
  });

  it('follows link: between workspaces, relative to the importer that declares it', () => {
    const g = readPnpmTree(fixtureText('pnpm-workspaces/pnpm-lock.yaml'), 'pnpm-lock.yaml');
    const util = g.importers.get('packages/util');
    assert.deepEqual(util?.dependencies.get('fixture-lib'), ['importer:packages/lib']);
    assert.deepEqual(g.packages.get('importer:packages/lib')?.dependencies, ['wrap-ansi@7.0.0']);
  });

  it('reads peer-suffixed keys, aliases, tarballs, git and directories', () => {
    const text = [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    dependencies:',
      '      plugin:',
      '        specifier: ^1.0.0',
      '        version: 1.0.0(react@18.2.0)',
      '      my-alias:',
      '        specifier: npm:real@^2',
      '        version: real@2.0.0',
      '      tar:',
      '        specifier: https://example.com/tar-1.0.0.tgz',
      '        version: https://example.com/tar-1.0.0.tgz',
      '      gitdep:',
      '        specifier: github:u/gitdep',
      '        version: https://codeload.github.com/u/gitdep/tar.gz/0123456789abcdef0123456789abcdef01234567',
      'packages:',
      '  plugin@1.0.0:',
      '    resolution: {integrity: sha512-aaa}',
      '  react@18.2.0:',
      '    resolution: {integrity: sha512-bbb}',
      '  real@2.0.0:',
      '    resolution: {integrity: sha512-ccc}',
      '  tar@https://example.com/tar-1.0.0.tgz:',
      '    resolution: {tarball: https://example.com/tar-1.0.0.tgz}',
      '    version: 1.0.0',
      '  gitdep@https://codeload.github.com/u/gitdep/tar.gz/0123456789abcdef0123456789abcdef01234567:',
      '    resolution: {tarball: https://codeload.github.com/u/gitdep/tar.gz/0123456789abcdef0123456789abcdef01234567}',
      '    version: 1.0.0',
      'snapshots:',
      '  plugin@1.0.0(react@18.2.0):',
      '    dependencies:',
      '      react: 18.2.0',
      '  react@18.2.0: {}',
      '  real@2.0.0: {}',
      '  tar@https://example.com/tar-1.0.0.tgz: {}',
      '  gitdep@https://codeload.github.com/u/gitdep/tar.gz/0123456789abcdef0123456789abcdef01234567: {}',
    ].join('\n');
    const g = readPnpmTree(text, 'pnpm-lock.yaml');
    const root = g.importers.get('');
    const pkg = (name: string) => g.packages.get(root?.dependencies.get(name)?.[0] ?? '');
    assert.equal(pkg('plugin')?.name, 'plugin');
    assert.deepEqual(pkg('plugin')?.dependencies, ['react@18.2.0']);
    assert.equal(pkg('my-alias')?.name, 'real');
    assert.equal(pkg('tar')?.source, 'url');
    assert.equal(pkg('gitdep')?.source, 'git');
  });

  it('reads 5.x git resolutions and directories', () => {
    const text = [
      'lockfileVersion: 5.4',
      'specifiers:',
      '  a: github:u/a',
      '  b: file:../b',
      'dependencies:',
      '  a: github.com/u/a/0123456789abcdef0123456789abcdef01234567',
      '  b: file:../b',
      'packages:',
      '  github.com/u/a/0123456789abcdef0123456789abcdef01234567:',
      '    resolution: {tarball: https://codeload.github.com/u/a/tar.gz/0123456789abcdef0123456789abcdef01234567}',
      '    name: a',
      '    version: 1.0.0',
      '  file:../b:',
      '    resolution: {directory: ../b, type: directory}',
      '    name: b',
      '    version: 0.0.1',
    ].join('\n');
    const g = readPnpmTree(text, 'pnpm-lock.yaml');
    const root = g.importers.get('');
    assert.equal(g.packages.get(root?.dependencies.get('a')?.[0] ?? '')?.source, 'git');
    assert.equal(g.packages.get(root?.dependencies.get('b')?.[0] ?? '')?.source, 'path');
  });

  it('says when the YAML cannot be parsed', () => {
    const g = readPnpmTree("lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies: {a: ", 'pnpm-lock.yaml');
    assert.equal(g.packages.size, 0);
    assert.match(g.problems[0], /^pnpm-lock\.yaml could not be parsed/);
  });
});
