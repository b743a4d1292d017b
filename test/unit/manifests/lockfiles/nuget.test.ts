import { strict as assert } from 'node:assert';
import { readNugetPackagesLock, readProjectAssets } from '../../../../server/src/manifests/lockfiles/nuget';

const entries = (m: Map<string, string>): Array<[string, string]> => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));

describe('nuget lockfiles', () => {
  describe('packages.lock.json', () => {
    it('maps lowercased IDs to resolved versions', () => {
      const text = JSON.stringify({
        version: 1,
        dependencies: {
          'net8.0': {
            'Newtonsoft.Json': { type: 'Direct', requested: '[13.0.1, )', resolved: '13.0.1', contentHash: 'abc==' },
            'System.Memory': { type: 'Transitive', resolved: '4.5.5', contentHash: 'def==' },
            'MyLib': { type: 'Project', dependencies: { 'Newtonsoft.Json': '[13.0.1, )' } },
          },
        },
      });
      assert.deepEqual(entries(readNugetPackagesLock(text)), [
        ['newtonsoft.json', '13.0.1'],
        ['system.memory', '4.5.5'],
      ]);
    });

    it('prefers a Direct entry over a transitive one, then the highest across frameworks', () => {
      const text = JSON.stringify({
        version: 2,
        dependencies: {
          'net6.0': {
            'Serilog': { type: 'Transitive', resolved: '3.0.0' },
            'Polly': { type: 'Direct', requested: '[7.2.3, )', resolved: '7.2.3' },
            'Common': { type: 'Transitive', resolved: '1.0.0' },
          },
          'net8.0': {
            'Serilog': { type: 'Direct', requested: '[2.12.0, )', resolved: '2.12.0' },
            'Polly': { type: 'Direct', requested: '[7.2.4, )', resolved: '7.2.4' },
            'Common': { type: 'CentralTransitive', requested: '[1.0.0, )', resolved: '1.10.0' },
          },
          'net8.0/win-x64': {
            'Polly': { type: 'Direct', requested: '[7.2.4, )', resolved: '7.2.4' },
            'Common': { type: 'Transitive', resolved: '1.9.0' },
          },
        },
      });
      assert.deepEqual(entries(readNugetPackagesLock(text)), [
        ['common', '1.10.0'],
        ['polly', '7.2.4'],
        ['serilog', '2.12.0'],
      ]);
    });

    it('never throws: invalid JSON or odd shapes give an empty map', () => {
      for (const text of ['', '{', 'null', '[]', '42', '"x"', '{"dependencies":null}', '{"dependencies":[1,2]}', '{"dependencies":{"net8.0":"x"}}', '{"dependencies":{"net8.0":{"A":null,"B":{"resolved":7}}}}']) {
        assert.equal(readNugetPackagesLock(text).size, 0, text);
      }
    });

    it('accepts a BOM', () => {
      const text = `\uFEFF${JSON.stringify({ version: 1, dependencies: { 'net8.0': { A: { type: 'Direct', resolved: '1.0.0' } } } })}`;
      assert.equal(readNugetPackagesLock(text).get('a'), '1.0.0');
    });
  });

  describe('project.assets.json', () => {
    const assets = {
      version: 3,
      targets: {
        'net6.0': {
          'Newtonsoft.Json/12.0.3': { type: 'package' },
          'Serilog/2.10.0': { type: 'package' },
          'MyLib/1.0.0': { type: 'project' },
        },
        'net8.0': {
          'Newtonsoft.Json/13.0.3': { type: 'package' },
          'Serilog/2.12.0': { type: 'package' },
          'MyLib/1.0.0': { type: 'project' },
        },
        'net8.0/linux-x64': {
          'Newtonsoft.Json/13.0.3': { type: 'package' },
          'Serilog/2.12.0': { type: 'package' },
        },
      },
      libraries: {
        'Newtonsoft.Json/12.0.3': { sha512: 'x', type: 'package', path: 'newtonsoft.json/12.0.3' },
        'Newtonsoft.Json/13.0.3': { sha512: 'y', type: 'package', path: 'newtonsoft.json/13.0.3' },
        'Serilog/2.10.0': { type: 'package' },
        'Serilog/2.12.0': { type: 'package' },
        'System.Buffers/4.5.1': { type: 'package' },
        'MyLib/1.0.0': { type: 'project', path: '../MyLib/MyLib.csproj' },
      },
      project: {
        version: '1.0.0',
        frameworks: {
          'net6.0': { targetAlias: 'net6.0', dependencies: { 'Newtonsoft.Json': { target: 'Package', version: '[12.0.3, )' } } },
          'net8.0': { targetAlias: 'net8.0', dependencies: { 'Serilog': { target: 'Package', version: '[2.10.0, )' } } },
        },
      },
    };

    it('reads every restored package; a direct one takes its version from the frameworks that reference it', () => {
      assert.deepEqual(entries(readProjectAssets(JSON.stringify(assets))), [
        ['newtonsoft.json', '12.0.3'], // direct only in net6.0; 13.0.3 came transitively in net8.0
        ['serilog', '2.12.0'],
        ['system.buffers', '4.5.1'],
      ]);
    });

    it('falls back to the highest restored version when targets do not name the frameworks', () => {
      const noTargets = { ...assets, targets: {} };
      assert.equal(readProjectAssets(JSON.stringify(noTargets)).get('newtonsoft.json'), '13.0.3');
    });

    it('never throws: invalid JSON or odd shapes give an empty map', () => {
      for (const text of ['', '{]', 'null', '[]', '{"libraries":"x"}', '{"libraries":{"NoSlash":{"type":"package"},"A/":{"type":"package"},"/1.0":{"type":"package"},"B/1.0":null}}']) {
        assert.equal(readProjectAssets(text).size, 0, text);
      }
    });
  });
});
