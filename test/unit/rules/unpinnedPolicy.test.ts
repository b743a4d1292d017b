import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../server/src/analysis/analyze';
import type { ManifestKind } from '../../../server/src/model/model';
import type { ProjectContext } from '../../../server/src/model/project';
import { parseSettings } from '../../../server/src/model/settings';
import { scanFiles } from '../../../server/src/cli/scan';
import type { LockedVersions } from '../../../server/src/model/model';
import { slice } from '../../helpers/text';

function unpinned(kind: ManifestKind, text: string, options: { locked?: LockedVersions; settings?: Record<string, unknown>; project?: ProjectContext } = {}) {
  const { findings } = analyze({ kind, text, settings: parseSettings(options.settings ?? {}), locked: options.locked, project: options.project });
  return findings.filter((f) => f.rule === 'unpinned-version').map((f) => ({ at: slice(text, f.span), severity: f.severity, message: f.message, fix: f.fixes?.[0]?.title }));
}

const LOCKED: LockedVersions = { source: 'package-lock.json', versionOf: (d) => ({ express: '4.21.2', lodash: '4.17.21' })[d.name] };

describe('unpinned-version severity policy (issue 12)', () => {
  it('a range the lockfile pins is information, says what pins it and when the range matters, and keeps the pin fix', () => {
    const [express, react] = unpinned('package.json', '{"dependencies": {"express": "^4.18.2", "react": "^18.2.0"}}', { locked: LOCKED });
    assert.equal(express.severity, 'information');
    assert.match(express.message, /package-lock\.json pins 4\.21\.2, which is what installs/);
    assert.match(express.message, /`\^4\.18\.2` admits >=4\.18\.2 <5\.0\.0, but package-lock\.json pins 4\.21\.2, which is what installs; the range matters only when the lockfile is refreshed \(`npm update`/);
    assert.equal(express.fix, 'Pin express to 4.21.2 (from package-lock.json)');
    // Nothing pins react: still a warning.
    assert.equal(react.severity, 'warning');
    assert.match(react.message, /react is not pinned/);
  });

  it('is generic over ecosystems: pins from pip-compile output or packages.lock.json lower the severity the same way', () => {
    const pins: LockedVersions = { source: 'requirements.txt', versionOf: (d) => (d.name === 'flask' ? '3.0.3' : undefined) };
    const [flask, click] = unpinned('requirements', 'flask>=3.0\nclick\n', { locked: pins });
    assert.equal(flask.severity, 'information');
    assert.match(flask.message, /requirements\.txt pins 3\.0\.3/);
    assert.match(flask.message, /pip-compile --upgrade/);
    assert.equal(click.severity, 'warning');
    // The lockfile's own tool is named when it is known: Pipfile.lock is refreshed by pipenv, poetry.lock by Poetry.
    const pipenv = unpinned('Pipfile', '[packages]\nflask = "*"\n', { locked: { source: 'Pipfile.lock', versionOf: () => '3.0.3' } });
    assert.match(pipenv[0].message, /Pipfile\.lock pins 3\.0\.3, which is what installs; the range matters only when the lock is refreshed \(`pipenv update`, `pipenv lock`\)/);
    const poetry = unpinned('pyproject.toml', '[tool.poetry.dependencies]\nflask = "^3.0"\n', { locked: { source: 'poetry.lock', versionOf: () => '3.0.3' } });
    assert.match(poetry[0].message, /`poetry update`/);
    const nuget: LockedVersions = { source: 'packages.lock.json', versionOf: () => '3.1.1' };
    const [serilog] = unpinned('msbuild', '<Project><ItemGroup><PackageReference Include="Serilog" Version="3.*" /></ItemGroup></Project>', { locked: nuget });
    assert.equal(serilog.severity, 'information');
    assert.match(serilog.message, /dotnet restore --force-evaluate/);
  });

  it('a severity the user set still wins over the lowered default, and `off` silences', () => {
    const text = '{"dependencies": {"express": "^4.18.2"}}';
    assert.equal(unpinned('package.json', text, { locked: LOCKED, settings: { severity: { 'unpinned-version': 'warning' } } })[0].severity, 'warning');
    assert.equal(unpinned('package.json', text, { locked: LOCKED, settings: { severity: { 'unpinned-version': 'error' } } })[0].severity, 'error');
    assert.deepEqual(unpinned('package.json', text, { locked: LOCKED, settings: { severity: { 'unpinned-version': 'off' } } }), []);
  });

  it('a published library informs on its bounded runtime ranges and still warns on truly open ones and on dev ranges', () => {
    const manifest = {
      name: 'express',
      version: '5.0.0',
      dependencies: { accepts: '^2.0.0', debug: '~4.3.6', star: '*', tag: 'latest', open: '>=1.2', nothing: '', exact: '1.0.0' },
      optionalDependencies: { bounded: '^1.0.0' },
      devDependencies: { mocha: '^10.7.3' },
    };
    const found = unpinned('package.json', JSON.stringify(manifest));
    const by = Object.fromEntries(found.map((f) => [f.at === '' ? 'nothing' : f.at, f]));
    assert.equal(by['^2.0.0'].severity, 'information');
    assert.match(by['^2.0.0'].message, /published for others .* their own lockfiles decide what installs; pinning is not the fix/);
    assert.equal(by['~4.3.6'].severity, 'information');
    assert.equal(by['^1.0.0'].severity, 'information');
    for (const open of ['*', 'latest', '>=1.2']) assert.equal(by[open].severity, 'warning', `${open} is truly open`);
    assert.equal(by['^10.7.3'].severity, 'warning', 'dev dependencies are not what users install');
    // A private package is an application, not a library.
    const app = unpinned('package.json', JSON.stringify({ ...manifest, private: true }));
    assert.ok(app.every((f) => f.severity === 'warning'));
    // No version: not published either.
    assert.ok(unpinned('package.json', JSON.stringify({ name: 'x', dependencies: { a: '^1.0.0' } })).every((f) => f.severity === 'warning'));
  });

  it('a published Python library (PEP 621 or Poetry) informs on its runtime and extras ranges and still warns on open ones and dev groups', () => {
    const pep621 = ['[project]', 'name = "pydantic"', 'dynamic = ["version"]', 'dependencies = ["typing-extensions>=4.6.1,<5", "annotated-types~=0.6", "anything>=1.0"]', '[project.optional-dependencies]', 'email = ["email-validator>=2.0.0,<3"]', '[dependency-groups]', 'dev = ["pytest>=8,<9"]', ''].join('\n');
    const by = (text: string) => Object.fromEntries(unpinned('pyproject.toml', text).map((f) => [f.at, f]));
    const lib = by(pep621);
    assert.equal(lib['>=4.6.1,<5'].severity, 'information');
    assert.match(lib['>=4.6.1,<5'].message, /published for others \(its pyproject\.toml gives it a name and a version\)/);
    assert.equal(lib['~=0.6'].severity, 'information');
    assert.equal(lib['>=2.0.0,<3'].severity, 'information', 'extras ship to users');
    assert.equal(lib['>=1.0'].severity, 'warning', 'no upper bound is truly open');
    assert.equal(lib['>=8,<9'].severity, 'warning', 'a dev group is not what users install');
    // A static version counts the same; no version at all is an application.
    assert.equal(by(pep621.replace('dynamic = ["version"]', 'version = "2.9.0"'))['~=0.6'].severity, 'information');
    assert.equal(by(pep621.replace('dynamic = ["version"]\n', ''))['~=0.6'].severity, 'warning');
    const poetry = ['[tool.poetry]', 'name = "httpx-lib"', 'version = "0.1.0"', '[tool.poetry.dependencies]', 'python = "^3.9"', 'httpx = "^0.27"', '[tool.poetry.group.dev.dependencies]', 'pytest = "^8.0"', ''].join('\n');
    const p = by(poetry);
    assert.equal(p['^0.27'].severity, 'information');
    assert.equal(p['^8.0'].severity, 'warning');
    // `package-mode = false`: Poetry manages dependencies of an application that is never published.
    assert.equal(by(poetry.replace('version = "0.1.0"', 'version = "0.1.0"\npackage-mode = false'))['^0.27'].severity, 'warning');
  });

  it('a constraints file is checked for names and sources, not pins', () => {
    const text = 'pubnub!=6.4.0\nurllib3<3\nevil @ http://example.com/evil.tar.gz\n';
    const { findings } = analyze({ kind: 'requirements', text, settings: parseSettings({}), project: { constraintsFile: true } });
    assert.deepEqual(findings.filter((f) => f.rule === 'unpinned-version'), []);
    assert.ok(findings.some((f) => f.rule === 'insecure-source' && f.package === 'evil'), 'sources are still checked');
    // The same lines in a requirements file are unpinned.
    assert.equal(unpinned('requirements', text).length, 2);
  });

  it('scans a -c target named like no constraints file as a constraints file, and a pip-tools .in against its compiled .txt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-noise-'));
    mkdirSync(join(dir, 'tools'));
    writeFileSync(join(dir, 'requirements.txt'), '-c tools/pins.txt\nrequests==2.32.3\n');
    writeFileSync(join(dir, 'tools', 'pins.txt'), 'pubnub!=6.4.0\nurllib3<3\n');
    writeFileSync(join(dir, 'dev.in'), 'flask>=3.0\nclick\nrich~=13.0\n');
    // pip-compile output of dev.in, with rich left out (as when it was added after compiling).
    writeFileSync(join(dir, 'dev.txt'), '# This file is autogenerated by pip-compile\nclick==8.1.7\n    # via flask\nflask==3.0.3\n    # via -r dev.in\n');
    const files = scanFiles([join(dir, 'requirements.txt'), join(dir, 'dev.in')], { settings: parseSettings({ offline: true }), logger: { error: () => undefined } });
    const pins = files.find((f) => f.path.endsWith('pins.txt'));
    assert.ok(pins, 'the -c target is scanned');
    assert.deepEqual(pins.analysis.findings.filter((f) => f.rule === 'unpinned-version'), []);
    const input = files.find((f) => f.path.endsWith('dev.in'));
    const severities = Object.fromEntries(input!.analysis.findings.filter((f) => f.rule === 'unpinned-version').map((f) => [f.package, f.severity]));
    assert.deepEqual(severities, { flask: 'information', click: 'information', rich: 'warning' });
    // Without the compiled file, the .in is judged alone.
    const alone = mkdtempSync(join(tmpdir(), 'mg-noise-'));
    writeFileSync(join(alone, 'dev.in'), 'flask>=3.0\n');
    const [only] = scanFiles([join(alone, 'dev.in')], { settings: parseSettings({ offline: true }), logger: { error: () => undefined } });
    assert.equal(only.analysis.findings.find((f) => f.rule === 'unpinned-version')?.severity, 'warning');
  });
});
