import { strict as assert } from 'node:assert';
import { readNugetLockTree } from '../../../../server/src/manifests/lockfiles/nugetLockTree';
import { readProjectAssetsTree } from '../../../../server/src/manifests/lockfiles/projectAssetsTree';
import type { LockGraph } from '../../../../server/src/tree/model';
import { childNames, fixtureText } from '../../../helpers/lockFixtures';

describe('NuGet packages.lock.json tree', () => {
  const graph = readNugetLockTree(fixtureText('nuget-lock/packages.lock.json'), 'packages.lock.json') as LockGraph;

  it('merges the target frameworks into one node per id/version', () => {
    // 9 packages + 1 project reference, although each appears under net6.0 and net8.0.
    assert.equal(graph.packages.size, 10);
    assert.deepEqual(childNames(graph, graph.packages.get('microsoft.extensions.options/7.0.0')), ['Microsoft.Extensions.DependencyInjection.Abstractions', 'Microsoft.Extensions.Primitives']);
    assert.equal(graph.packages.get('project:mylib')?.source, 'workspace');
  });

  it('takes Direct entries as the project’s direct dependencies and contentHash as integrity', () => {
    assert.deepEqual([...(graph.importers.get('')?.dependencies.keys() ?? [])].sort(), ['microsoft.extensions.caching.memory', 'microsoft.extensions.logging', 'mylib', 'newtonsoft.json']);
    assert.match(graph.packages.get('newtonsoft.json/13.0.3')?.integrity ?? '', /==$/);
  });

  it('answers undefined for a file without frameworks and a problem for broken JSON', () => {
    assert.equal(readNugetLockTree('{"version": 1, "dependencies": {}}', 'packages.lock.json'), undefined);
    assert.match(readNugetLockTree('{"version": 1, "dep', 'packages.lock.json')?.problems[0] ?? '', /not valid JSON/);
  });
});

describe('NuGet obj/project.assets.json tree', () => {
  const graph = readProjectAssetsTree(fixtureText('nuget-assets/obj/project.assets.json'), 'obj/project.assets.json') as LockGraph;

  it('reads the restored graph of each target', () => {
    assert.equal(graph.packages.size, 9);
    assert.deepEqual(childNames(graph, graph.packages.get('microsoft.extensions.logging/7.0.0')), [
      'Microsoft.Extensions.DependencyInjection.Abstractions',
      'Microsoft.Extensions.Logging.Abstractions',
      'Microsoft.Extensions.Options',
    ]);
    assert.deepEqual([...(graph.importers.get('')?.dependencies.keys() ?? [])].sort(), ['entityframework', 'microsoft.extensions.logging', 'serilog']);
  });

  it('marks a package that ships tools/init.ps1, from the library’s file list', () => {
    assert.equal(graph.packages.get('entityframework/6.4.4')?.installScript, true);
    assert.equal(graph.packages.get('microsoft.extensions.logging/7.0.0')?.installScript, false);
    assert.match(graph.packages.get('entityframework/6.4.4')?.integrity ?? '', /==$/);
  });
});
