/**
 * pnpm-workspace.yaml `overrides:` are specs that decide what installs for the whole workspace:
 * checked as dependencies of their own, with findings on the override's own line.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../server/src/analysis/analyze';
import { findManifests } from '../../../server/src/analysis/findManifests';
import { scanFiles } from '../../../server/src/cli/scan';
import { manifestKindOf } from '../../../server/src/manifests';
import { parseSettings } from '../../../server/src/model/settings';
import { slice } from '../../helpers/text';

const REAL = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'real');

describe('pnpm-workspace.yaml overrides (vitest-dev/vitest)', () => {
  it('reads each override as a dependency on its own line: catalog references resolved, workspace links left alone', () => {
    const text = readFileSync(join(REAL, 'vitest', 'pnpm-workspace.yaml'), 'utf8');
    assert.equal(manifestKindOf('/repo/pnpm-workspace.yaml'), 'pnpm-workspace.yaml');
    const { manifest, findings } = analyze({ kind: 'pnpm-workspace.yaml', text, settings: parseSettings({}) });
    const by = Object.fromEntries(manifest.dependencies.map((d) => [d.name, d]));
    assert.deepEqual(Object.keys(by).sort(), ['@types/node', '@vitest/browser', '@vitest/browser-playwright', '@vitest/browser-preview', '@vitest/ui', 'acorn', 'mlly', 'rollup', 'vite', 'vitest']);
    assert.equal(slice(text, by.mlly.nameSpan), 'mlly');
    assert.equal(slice(text, by.mlly.specSpan), '^1.8.2');
    // `rollup: 'catalog:'` is the default catalog's range, and the finding stays on what was written.
    assert.equal(by.rollup.spec, '^4.63.1');
    assert.equal(slice(text, by.rollup.specSpan), 'catalog:');
    assert.equal(by.vitest.source, 'workspace');
    const unpinned = findings.filter((f) => f.rule === 'unpinned-version').map((f) => `${f.package} ${slice(text, f.span)}`);
    assert.deepEqual(unpinned.sort(), ['mlly ^1.8.2', 'rollup catalog:'], 'nothing pins them in this copy (the lockfile is not in the fixture)');
  });

  it('flags an override that installs from outside the registry, and informs when pnpm-lock.yaml was resolved with it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-pnpm-ws-'));
    mkdirSync(join(dir, 'packages'));
    const text = "packages:\n  - 'packages/*'\noverrides:\n  'foo>bar': github:someone/bar#main   # a fork\n  semver: ^7.5.4\n  left-pad: '-'\n";
    writeFileSync(join(dir, 'pnpm-workspace.yaml'), text);
    writeFileSync(join(dir, 'package.json'), '{"name": "root", "private": true}');
    writeFileSync(join(dir, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n\noverrides:\n  foo>bar: github:someone/bar#main\n  semver: ^7.5.4\n\nimporters:\n\n  .: {}\n");
    assert.ok(findManifests([dir]).some((p) => p.endsWith('pnpm-workspace.yaml')), 'a folder scan finds it');
    const [scanned] = scanFiles([join(dir, 'pnpm-workspace.yaml')], { settings: parseSettings({ offline: true }), logger: { error: () => undefined } });
    const findings = scanned.analysis.findings.map((f) => ({ rule: f.rule, at: slice(text, f.span), severity: f.severity, message: f.message }));
    const fork = findings.find((f) => f.rule === 'non-registry-source');
    assert.equal(fork?.at, 'github:someone/bar#main');
    assert.equal(fork?.severity, 'warning');
    const semver = findings.find((f) => f.rule === 'unpinned-version');
    assert.equal(semver?.at, '^7.5.4');
    assert.equal(semver?.severity, 'information');
    assert.match(semver?.message ?? '', /pnpm-lock\.yaml was resolved with this override/);
    assert.ok(!scanned.analysis.manifest.dependencies.some((d) => d.name === 'left-pad'), '`-` removes a package: nothing installs');
  });
});
