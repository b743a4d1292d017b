import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../server/src/analysis/analyze';
import { parseSettings } from '../../../server/src/model/settings';
import { findManifests } from '../../../server/src/analysis/findManifests';
import { readNpmTree } from '../../../server/src/manifests/lockfiles/npmTree';
import { hoverMarkdown } from '../../../server/src/lsp/hoverContent';
import type { LockGraph } from '../../../server/src/tree/model';

/** A monorepo: packages/util runs an install script through `evil`; packages/app depends on util (peer and dev). */
const MONOREPO = readNpmTree(
  JSON.stringify({
    lockfileVersion: 3,
    packages: {
      '': { name: 'repo', workspaces: ['packages/*'] },
      'node_modules/@acme/util': { resolved: 'packages/util', link: true },
      'node_modules/@acme/app': { resolved: 'packages/app', link: true },
      'packages/util': { name: '@acme/util', version: '1.0.0', dependencies: { evil: '1.0.0' } },
      'packages/app': { name: '@acme/app', version: '1.0.0', devDependencies: { '@acme/util': '*' }, peerDependencies: { '@acme/util': '*' } },
      'node_modules/evil': { version: '1.0.0', resolved: 'https://registry.npmjs.org/evil/-/evil-1.0.0.tgz', integrity: 'sha512-x', hasInstallScript: true },
    },
  }),
  'package-lock.json',
) as LockGraph;

function installScripts(importer: string, manifest: object) {
  const { findings } = analyze({ kind: 'package.json', text: JSON.stringify(manifest), settings: parseSettings({}), tree: { graph: MONOREPO, importer } });
  return findings.filter((f) => f.rule === 'install-script').map((f) => `${f.package} via ${f.via?.join(' > ')}`);
}

describe('workspace de-duplication', () => {
  it('reports a workspace package’s dependency once, on the manifest that declares it, not on its siblings', () => {
    assert.deepEqual(installScripts('packages/util', { name: '@acme/util', dependencies: { evil: '1.0.0' } }), ['evil via evil']);
    assert.deepEqual(installScripts('packages/app', { name: '@acme/app', devDependencies: { '@acme/util': '*' }, peerDependencies: { '@acme/util': '*' } }), []);
  });

  it('a sibling’s hover on the workspace package mentions what runs code below it, reported on the other manifest', () => {
    const text = JSON.stringify({ name: '@acme/app', devDependencies: { '@acme/util': '*' } });
    const analysis = analyze({ kind: 'package.json', text, settings: parseSettings({}), tree: { graph: MONOREPO, importer: 'packages/app' } });
    const hover = hoverMarkdown(analysis, analysis.manifest.dependencies[0]);
    assert.match(hover, /A package of this workspace \(`@acme\/util` at `packages\/util` in package-lock\.json\): the findings about what it brings in are reported on its own manifest, once/);
    assert.match(hover, /Below it, 1 package of 1 runs code when installed: `evil@1\.0\.0`/);
    assert.doesNotMatch(hover, /Not in package-lock\.json/);
  });
});

describe('platform-only optional dependencies', () => {
  const lock = (os: string[] | undefined): LockGraph =>
    readNpmTree(
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': { dependencies: { chokidar: '3.6.0' } },
          'node_modules/chokidar': { version: '3.6.0', resolved: 'https://registry.npmjs.org/chokidar/-/chokidar-3.6.0.tgz', integrity: 'sha512-x', optionalDependencies: { fsevents: '~2.3.2' } },
          'node_modules/fsevents': { version: '2.3.3', resolved: 'https://registry.npmjs.org/fsevents/-/fsevents-2.3.3.tgz', integrity: 'sha512-y', hasInstallScript: true, optional: true, ...(os ? { os } : {}) },
        },
      }),
      'package-lock.json',
    ) as LockGraph;
  const fsevents = (platform: string, os: string[] | undefined = ['darwin']) =>
    analyze({ kind: 'package.json', text: '{"dependencies": {"chokidar": "3.6.0"}}', settings: parseSettings({}), tree: { graph: lock(os), importer: '' }, project: { platform } }).findings.find((f) => f.rule === 'install-script' && f.package === 'fsevents');

  it('informs, on other platforms, that fsevents’ install script runs only on macOS', () => {
    const onLinux = fsevents('linux');
    assert.equal(onLinux?.severity, 'information');
    assert.match(onLinux?.message ?? '', /only on macOS: it is skipped on this Linux machine/);
    assert.equal(fsevents('darwin')?.severity, 'warning', 'on macOS it runs');
    // Lockfiles that do not record `os` (yarn, pnpm 9) fall back to what fsevents is known to be.
    assert.equal(fsevents('win32', undefined)?.severity, 'information');
  });
});

describe('discovery of include targets', () => {
  it('a folder scan finds -r/-c targets not named like requirements or constraints files, inside the scanned folder only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-discover-'));
    mkdirSync(join(dir, 'tools'));
    writeFileSync(join(dir, 'requirements.txt'), '-c tools/oldest_pins.txt\n-r tools/extra.txt\n-r ../outside.txt\nrequests==2.32.3\n');
    writeFileSync(join(dir, 'tools', 'oldest_pins.txt'), 'requests==2.25.0\n');
    writeFileSync(join(dir, 'tools', 'extra.txt'), '-r more.txt\nrich==13.7.1\n');
    writeFileSync(join(dir, 'tools', 'more.txt'), 'attrs==23.2.0\n');
    const found = findManifests([dir]).map((p) => p.slice(dir.length + 1));
    assert.deepEqual(found, ['requirements.txt', 'tools/extra.txt', 'tools/more.txt', 'tools/oldest_pins.txt']);
  });
});
