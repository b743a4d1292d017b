import { strict as assert } from 'node:assert';
import { parsePackageJson } from '../../../server/src/manifests/packageJson';
import { dependencyTreeOf, type DependencyTree } from '../../../server/src/tree/dependencyTree';
import { addDirect, emptyGraph, type LockGraph, type LockTree } from '../../../server/src/tree/model';
import { fixtureText, treeOf } from '../../helpers/lockFixtures';

/** A graph from `{id: [children]}`; every id is a registry package named after itself. */
function graphOf(edges: Record<string, string[]>, direct: string[]): LockTree {
  const graph: LockGraph = emptyGraph('npm', 'package-lock.json', 'test', 'npm install');
  for (const [id, children] of Object.entries(edges)) graph.packages.set(id, { id, name: id, version: '1.0.0', source: 'registry', dependencies: children });
  for (const id of direct) addDirect(graph, '', id, id);
  return { graph, importer: '' };
}

function manifestWith(names: string[]) {
  return parsePackageJson(JSON.stringify({ dependencies: Object.fromEntries(names.map((n) => [n, '1.0.0'])) }));
}

function chainNames(tree: DependencyTree, depName: string, id: string): string[] {
  const dep = tree.dependencies.find((d) => d.name === depName);
  assert.ok(dep);
  const pkg = tree.graph.packages.get(id);
  assert.ok(pkg);
  return tree.chain(dep, pkg).map((p) => p.name);
}

describe('dependency tree: locked packages hung under direct dependencies', () => {
  it('maps a package reachable through two direct dependencies to both, each with its shortest chain', () => {
    const tree = dependencyTreeOf(treeOf('npm-v3/package.json'), parsePackageJson(fixtureText('npm-v3/package.json')));
    assert.deepEqual(chainNames(tree, 'wrap-ansi', 'node_modules/ansi-styles'), ['wrap-ansi', 'ansi-styles']);
    assert.deepEqual(chainNames(tree, 'log-symbols', 'node_modules/ansi-styles'), ['log-symbols', 'chalk', 'ansi-styles']);
    assert.deepEqual(chainNames(tree, 'log-symbols', 'node_modules/color-name'), ['log-symbols', 'chalk', 'ansi-styles', 'color-convert', 'color-name']);
  });

  it('counts each direct dependency’s subtree, its own package at depth 0', () => {
    const tree = dependencyTreeOf(treeOf('npm-v3/package.json'), parsePackageJson(fixtureText('npm-v3/package.json')));
    const logSymbols = tree.dependencies.find((d) => d.name === 'log-symbols');
    assert.ok(logSymbols);
    const reach = tree.reach(logSymbols);
    assert.equal(reach.order[0].name, 'log-symbols');
    assert.deepEqual(reach.order.map((p) => p.name).sort(), ['ansi-styles', 'chalk', 'color-convert', 'color-name', 'has-flag', 'is-unicode-supported', 'log-symbols', 'supports-color']);
    assert.equal(reach.depth.get('node_modules/color-name'), 4);
  });

  it('knows which packages are some direct dependency’s own (reported there, not again below others)', () => {
    const tree = dependencyTreeOf(treeOf('npm-v3/package.json'), parsePackageJson(fixtureText('npm-v3/package.json')));
    const hasFlag = tree.graph.packages.get('node_modules/has-flag');
    assert.ok(hasFlag && tree.isDirect(hasFlag));
    const chalk = tree.graph.packages.get('node_modules/chalk');
    assert.ok(chalk && !tree.isDirect(chalk));
  });

  it('does not hang on cycles, and walks a chain 20,000 deep without recursion', () => {
    const cyclic = dependencyTreeOf(graphOf({ a: ['b'], b: ['c'], c: ['a', 'b'] }, ['a']), manifestWith(['a']));
    assert.deepEqual(cyclic.reach(cyclic.dependencies[0]).order.map((p) => p.id), ['a', 'b', 'c']);

    const edges: Record<string, string[]> = {};
    const depth = 20_000;
    for (let i = 0; i < depth; i++) edges[`p${i}`] = i + 1 < depth ? [`p${i + 1}`] : ['p0'];
    const deep = dependencyTreeOf(graphOf(edges, ['p0']), manifestWith(['p0']));
    // 20,000 levels: a recursive walk would overflow the stack here.
    assert.equal(deep.reach(deep.dependencies[0]).order.length, depth);
    assert.equal(chainNames(deep, 'p0', `p${depth - 1}`).length, depth);
  });

  it('finds direct dependencies by spec where the lockfile is keyed by spec (yarn v1)', () => {
    const tree = dependencyTreeOf(treeOf('yarn-v1/package.json'), parsePackageJson(fixtureText('yarn-v1/package.json')));
    const wrap = tree.dependencies.find((d) => d.name === 'wrap-ansi');
    assert.ok(wrap);
    assert.deepEqual(tree.rootsOf(wrap).map((p) => p.version), ['7.0.0']);
  });

  it('ignores overrides and resolutions: they steer versions, they are not installed as such', () => {
    const manifest = parsePackageJson(JSON.stringify({ dependencies: { a: '1.0.0' }, overrides: { b: '1.0.0' } }));
    const tree = dependencyTreeOf(graphOf({ a: [], b: [] }, ['a', 'b']), manifest);
    assert.deepEqual(tree.dependencies.map((d) => d.name), ['a']);
  });

  it('lists the packages no direct dependency reaches', () => {
    const tree = dependencyTreeOf(graphOf({ a: [], stray: [] }, ['a']), manifestWith(['a']));
    assert.deepEqual(tree.unreached().map((p) => p.id), ['stray']);
  });

  it('builds once per analysis and is shared by every rule', () => {
    const lock = treeOf('npm-v3/package.json');
    const manifest = parsePackageJson(fixtureText('npm-v3/package.json'));
    assert.equal(dependencyTreeOf(lock, manifest), dependencyTreeOf(lock, manifest));
  });
});
