import { strict as assert } from 'node:assert';
import { readNpmTree } from '../../../../server/src/manifests/lockfiles/npmTree';
import type { LockGraph } from '../../../../server/src/tree/model';
import { edgeLabels, fixtureText } from '../../../helpers/lockFixtures';

function npm(relative: string): LockGraph {
  const graph = readNpmTree(fixtureText(relative), 'package-lock.json');
  assert.ok(graph);
  return graph;
}

describe('npm lockfile tree (package-lock.json v1, v2, v3 written by npm 11)', () => {
  it('reads the same tree from all three lockfile versions', () => {
    const [v1, v2, v3] = ['npm-v1', 'npm-v2', 'npm-v3'].map((d) => npm(`${d}/package-lock.json`));
    assert.equal(v3.packages.size, 20);
    assert.deepEqual(edgeLabels(v1), edgeLabels(v3));
    assert.deepEqual(edgeLabels(v2), edgeLabels(v3));
    assert.deepEqual([v1.format, v2.format, v3.format], ['npm lockfile v1', 'npm lockfile v2', 'npm lockfile v3']);
  });

  it('resolves like Node: a nested copy shadows the hoisted one for its dependent only', () => {
    const graph = npm('npm-v3/package-lock.json');
    assert.deepEqual(graph.packages.get('node_modules/debug')?.dependencies, ['node_modules/debug/node_modules/ms']);
    assert.equal(graph.packages.get('node_modules/debug/node_modules/ms')?.version, '2.0.0');
    assert.equal(graph.packages.get('node_modules/ms')?.version, '2.1.3');
  });

  it('keeps resolved, integrity, hasInstallScript and the dev/optional flags', () => {
    const graph = npm('npm-v3/package-lock.json');
    const microtime = graph.packages.get('node_modules/microtime');
    assert.equal(microtime?.installScript, true);
    assert.equal(microtime?.resolved, 'https://registry.npmjs.org/microtime/-/microtime-3.1.1.tgz');
    assert.match(microtime?.integrity ?? '', /^sha512-/);
    assert.equal(graph.packages.get('node_modules/chalk')?.installScript, false, 'v2+ records every install script, so absence means none');
    assert.equal(graph.packages.get('node_modules/ms')?.dev, true);
    assert.equal(graph.packages.get('node_modules/has-flag')?.optional, undefined, 'has-flag is also a regular dependency of supports-color');
    assert.equal(npm('npm-v1/package-lock.json').packages.get('node_modules/microtime')?.installScript, undefined, 'v1 does not record install scripts');
  });

  it('lists the root project’s direct dependencies, dev and optional ones included', () => {
    const root = npm('npm-v3/package-lock.json').importers.get('');
    assert.deepEqual([...(root?.dependencies.keys() ?? [])].sort(), ['debug', 'has-flag', 'log-symbols', 'microtime', 'ms', 'wrap-ansi']);
  });

  it('follows `link: true` to a workspace and records the workspace as an importer', () => {
    const graph = npm('npm-workspaces/package-lock.json');
    const root = graph.importers.get('');
    assert.deepEqual(root?.dependencies.get('fixture-util'), ['packages/util']);
    const util = graph.packages.get('packages/util');
    assert.equal(util?.source, 'workspace');
    assert.deepEqual(util?.dependencies, ['node_modules/debug']);
    assert.deepEqual(graph.importers.get('packages/util')?.dependencies.get('debug'), ['node_modules/debug']);
  });

  it('classifies resolved locations: registry, git, tarball URL, local path', () => {
    const graph = npm('npm-tampered/package-lock.json');
    assert.equal(graph.packages.get('node_modules/supports-color')?.source, 'git');
    assert.equal(graph.packages.get('node_modules/has-flag')?.source, 'registry', 'registry-shaped: whether the host is the registry is the rule’s question');
    const lock = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { dependencies: { a: '*', b: '*', c: 'file:../c' } },
        'node_modules/a': { version: '1.0.0', resolved: 'https://example.com/downloads/a.tgz' },
        'node_modules/b': { version: '1.0.0', resolved: 'file:vendor/b-1.0.0.tgz' },
        'node_modules/c': { resolved: '../c', link: true },
      },
    });
    const g = readNpmTree(lock, 'package-lock.json') as LockGraph;
    assert.equal(g.packages.get('node_modules/a')?.source, 'url');
    assert.equal(g.packages.get('node_modules/b')?.source, 'path');
    assert.equal(g.packages.get('node_modules/c')?.source, 'path', 'a link outside the project is a local path, not a workspace');
  });

  it('survives cycles (npm allows them) and edges to packages the lockfile lacks', () => {
    const lock = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { dependencies: { a: '1' } },
        'node_modules/a': { version: '1.0.0', dependencies: { b: '1', missing: '1' } },
        'node_modules/b': { version: '1.0.0', dependencies: { a: '1' }, peerDependencies: { a: '1' } },
      },
    });
    const g = readNpmTree(lock, 'package-lock.json') as LockGraph;
    assert.deepEqual(g.packages.get('node_modules/a')?.dependencies, ['node_modules/b']);
    assert.deepEqual(g.packages.get('node_modules/b')?.dependencies, ['node_modules/a']);
  });

  it('reads v1 git dependencies from `version` when there is no `resolved`', () => {
    const lock = JSON.stringify({ lockfileVersion: 1, dependencies: { a: { version: 'git+ssh://git@github.com/u/a.git#0123456789abcdef0123456789abcdef01234567', from: 'github:u/a' } } });
    const g = readNpmTree(lock, 'package-lock.json') as LockGraph;
    assert.equal(g.packages.get('node_modules/a')?.source, 'git');
  });

  it('says when the file is not JSON, and ignores JSON that is not a lockfile', () => {
    const broken = readNpmTree('{"lockfileVersion": 3, "packages": {', 'package-lock.json');
    assert.equal(broken?.packages.size, 0);
    assert.match(broken?.problems[0] ?? '', /package-lock\.json is not valid JSON/);
    assert.equal(readNpmTree('[1, 2]', 'package-lock.json'), undefined);
    assert.equal(readNpmTree('{"lockfileVersion": 3, "packages": {"": null, "node_modules/x": 7}}', 'package-lock.json')?.packages.size, 0);
  });
});
