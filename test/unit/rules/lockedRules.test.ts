import { strict as assert } from 'node:assert';
import type { Analysis } from '../../../server/src/analysis/analyze';
import type { Finding } from '../../../server/src/model/model';
import { parseSettings } from '../../../server/src/model/settings';
import { toJson } from '../../../server/src/cli/formats';
import { parseManifest } from '../../../server/src/manifests';
import { readNpmTree } from '../../../server/src/manifests/lockfiles/npmTree';
import { readPylockTree } from '../../../server/src/manifests/lockfiles/pylockTree';
import { installScriptLocked } from '../../../server/src/rules/installScriptLocked';
import { typosquatLocked } from '../../../server/src/rules/typosquatLocked';
import type { RegistryView } from '../../../server/src/registries/types';
import type { RuleContext } from '../../../server/src/rules/types';
import type { LockGraph } from '../../../server/src/tree/model';
import type { NameCheck, NameIndex } from '../../../server/src/typosquat/types';
import { slice } from '../../helpers/text';
import { analyseFixture, fixturePath, fixtureText, treeOf } from '../../helpers/lockFixtures';

interface Seen {
  rule: string;
  at: string | undefined;
  package?: string;
  via?: string;
}

function below(analysis: Analysis & { text: string }, rules?: string[]): Seen[] {
  return analysis.findings
    .filter((f) => f.via !== undefined && (!rules || rules.includes(f.rule)))
    .map((f: Finding) => ({ rule: f.rule, at: slice(analysis.text, f.span), package: f.package, via: f.via?.join(' > ') }));
}

function npmLock(packages: Record<string, Record<string, unknown>>): LockGraph {
  return readNpmTree(JSON.stringify({ lockfileVersion: 3, packages }), 'package-lock.json') as LockGraph;
}

describe('lockfile rules: locked packages reported on the direct dependency that brings them in', () => {
  it('reports a tampered lockfile’s http://, git, foreign-host and hash-less entries, each under its dependency', () => {
    const found = below(analyseFixture('npm-tampered/package.json'), ['insecure-source', 'non-registry-source', 'missing-integrity']);
    assert.deepEqual(found, [
      { rule: 'insecure-source', at: 'log-symbols', package: 'color-name', via: 'log-symbols > chalk > ansi-styles > color-convert > color-name' },
      { rule: 'non-registry-source', at: 'log-symbols', package: 'supports-color', via: 'log-symbols > chalk > supports-color' },
      { rule: 'insecure-source', at: 'wrap-ansi', package: 'color-name', via: 'wrap-ansi > ansi-styles > color-convert > color-name' },
      { rule: 'missing-integrity', at: 'wrap-ansi', package: 'emoji-regex', via: 'wrap-ansi > string-width > emoji-regex' },
      { rule: 'non-registry-source', at: 'has-flag', package: 'has-flag', via: 'has-flag' },
    ]);
  });

  it('words each finding with the package, its depth and the chain', () => {
    const messages = analyseFixture('npm-tampered/package.json').findings.map((f) => f.message);
    assert.ok(messages.includes('`color-name@1.1.4`, 4 levels below `log-symbols` (log-symbols → chalk → ansi-styles → color-convert → color-name), is fetched over an unencrypted connection (http://registry.npmjs.org/color-name/-/color-name-1.1.4.tgz): anyone on the network path can swap it.'));
    assert.ok(messages.some((m) => m.startsWith('`has-flag@4.0.0`, as locked in package-lock.json, is downloaded from evil.example (https://evil.example/has-flag/-/has-flag-4.0.0.tgz), not from the registry the rest of package-lock.json uses (registry.npmjs.org)')));
    assert.ok(messages.some((m) => m.startsWith('`emoji-regex@8.0.0`, 2 levels below `wrap-ansi` (wrap-ansi → string-width → emoji-regex), has no integrity hash in package-lock.json')));
  });

  it('reports a package that is some dependency’s own only there, not again below the others', () => {
    const hasFlag = analyseFixture('npm-tampered/package.json').findings.filter((f) => f.package === 'has-flag' && f.via);
    assert.deepEqual(hasFlag.map((f) => f.via), [['has-flag']]);
  });

  it('names install scripts below a dependency, from npm v2+ hasInstallScript', () => {
    const analysis = analyseFixture('npm-install-scripts/package.json');
    assert.deepEqual(below(analysis, ['install-script']), [{ rule: 'install-script', at: 'tsx', package: 'esbuild', via: 'tsx > esbuild' }]);
    assert.equal(analysis.findings.find((f) => f.package === 'esbuild')?.message, '`esbuild@0.23.1`, a dependency of `tsx`, runs an install script when installed.');
  });

  it('names install scripts from pnpm requiresBuild, a pylock sdist and a NuGet tools/init.ps1', () => {
    assert.deepEqual(below(analyseFixture('pnpm-v6/package.json'), ['install-script']), [{ rule: 'install-script', at: 'microtime', package: 'microtime', via: 'microtime' }]);
    assert.deepEqual(below(analyseFixture('pylock/requirements.txt'), ['install-script']), [
      { rule: 'install-script', at: 'legacy-lib', package: 'legacy-lib', via: 'legacy-lib' },
      { rule: 'install-script', at: 'legacy-lib', package: 'vendored-tool', via: 'legacy-lib > vendored-tool' },
    ]);
    assert.deepEqual(below(analyseFixture('nuget-assets/App.csproj'), ['install-script']), [{ rule: 'install-script', at: 'EntityFramework', package: 'EntityFramework', via: 'EntityFramework' }]);
  });

  it('leaves a direct dependency’s own script to the registry half of the rule when registry facts are there', () => {
    const tree = treeOf('npm-v3/package.json');
    const text = fixtureText('npm-v3/package.json');
    const ctx: RuleContext = { manifest: parseManifest('package.json', text), text, settings: parseSettings({}), tree };
    assert.equal(installScriptLocked.check(ctx).length, 1);
    assert.equal(installScriptLocked.check({ ...ctx, registry: { factsFor: () => ({ state: 'unchecked', reason: 'offline' }), now: 0 } }).length, 1, 'offline, the lockfile still speaks');
    const known: RegistryView = {
      now: 0,
      factsFor: (dep) => ({ state: 'found', package: { ecosystem: 'npm', name: dep.name, source: 'registry.npmjs.org', versions: [] }, resolved: { version: '3.1.1', via: 'lockfile', info: { version: '3.1.1', installScripts: [{ name: 'install', command: 'node-gyp-build' }] } } }),
    };
    assert.equal(installScriptLocked.check({ ...ctx, registry: known }).length, 0);
  });

  it('follows the settings: severity off silences, the allowlist takes the locked package’s name', () => {
    assert.deepEqual(below(analyseFixture('npm-install-scripts/package.json', { settings: { severity: { 'install-script': 'off' } } })), []);
    assert.deepEqual(below(analyseFixture('npm-install-scripts/package.json', { settings: { allowlist: ['install-script:esbuild'] } })), []);
    assert.equal(below(analyseFixture('npm-install-scripts/package.json', { settings: { allowlist: ['tsx'] } })).length, 1, 'allowing the parent does not allow what it brings in');
  });

  it('trusts the registry mirror most packages come from, and a configured registry', () => {
    const tarball = (host: string, name: string) => ({ version: '1.0.0', resolved: `https://${host}/${name}/-/${name}-1.0.0.tgz`, integrity: 'sha512-x' });
    const graph = npmLock({
      '': { dependencies: { a: '1', b: '1', c: '1', d: '1' } },
      'node_modules/a': tarball('npm.corp.example', 'a'),
      'node_modules/b': tarball('npm.corp.example', 'b'),
      'node_modules/c': tarball('npm.corp.example', 'c'),
      'node_modules/d': tarball('npm.other.example', 'd'),
    });
    const text = JSON.stringify({ dependencies: { a: '1.0.0', b: '1.0.0', c: '1.0.0', d: '1.0.0' } });
    const run = (settings: Record<string, unknown>) =>
      below(analyseFixture('npm-v3/package.json', { text, tree: { graph, importer: '' }, settings }), ['non-registry-source']).map((f) => f.package);
    assert.deepEqual(run({}), ['d']);
    assert.deepEqual(run({ registries: { npm: 'https://npm.other.example/' } }), []);
  });

  it('says nothing about missing hashes in a lockfile that records none', () => {
    const graph = npmLock({ '': { dependencies: { a: '1' } }, 'node_modules/a': { version: '1.0.0', resolved: 'https://registry.npmjs.org/a/-/a-1.0.0.tgz' } });
    const analysis = analyseFixture('npm-v3/package.json', { text: '{"dependencies": {"a": "1.0.0"}}', tree: { graph, importer: '' } });
    assert.deepEqual(below(analysis), []);
  });

  it('reports a flat lockfile’s packages at the top of the file, since it cannot say who brings them in', () => {
    const graph = readPylockTree(
      [
        'lock-version = "1.0"',
        '[[packages]]',
        'name = "requests"',
        'version = "2.32.3"',
        'wheels = [{ url = "https://files.pythonhosted.org/packages/requests-2.32.3-py3-none-any.whl", hashes = { sha256 = "aa" } }]',
        '[[packages]]',
        'name = "oldthing"',
        'version = "0.1"',
        'sdist = { url = "https://files.pythonhosted.org/packages/oldthing-0.1.tar.gz", hashes = { sha256 = "bb" } }',
      ].join('\n'),
      'pylock.toml',
    );
    const analysis = analyseFixture('pylock/requirements.txt', { text: 'requests>=2\n', tree: { graph, importer: '' } });
    const finding = analysis.findings.find((f) => f.package === 'oldthing');
    assert.deepEqual(finding?.span, { start: 0, end: 0 });
    assert.match(finding?.message ?? '', /^`oldthing@0\.1`, in pylock\.toml \(which does not record which dependency brings it in\), has no wheel/);
  });

  it('checks locked names against the typosquat index, never the direct ones (the direct rule does)', () => {
    const target = { ecosystem: 'npm' as const, name: 'colour-name', popularity: { kind: 'downloads-a-month' as const, count: 50_000_000 }, weight: 50_000_000 };
    const names: NameIndex = {
      ecosystems: ['npm'],
      check: (_ecosystem, name): NameCheck =>
        name === 'color-name' || name === 'chalk'
          ? { name, nonAscii: [], lookalike: { target, resemblance: { kind: 'typo', strength: 'strong', description: 'a missing `u`' }, ratio: 1000, severity: 'error' } }
          : { name, nonAscii: [] },
      lookup: () => undefined,
      entries: () => [],
      isReady: () => true,
    };
    const text = fixtureText('npm-v3/package.json');
    const ctx: RuleContext = { manifest: parseManifest('package.json', text), text, settings: parseSettings({}), tree: treeOf('npm-v3/package.json'), names };
    const found = typosquatLocked.check(ctx).map((f) => `${slice(text, f.span)} ${f.via?.join(' > ')}`);
    assert.deepEqual(found, ['log-symbols log-symbols > chalk', 'log-symbols log-symbols > chalk > ansi-styles > color-convert > color-name', 'wrap-ansi wrap-ansi > ansi-styles > color-convert > color-name']);
    assert.match(typosquatLocked.check(ctx)[0].message, /^`chalk@4\.1\.2`, a dependency of `log-symbols`, may be a typosquat: `chalk` looks like `colour-name` \(a missing `u`\)/);
    assert.deepEqual(typosquatLocked.check({ ...ctx, names: undefined }), []);
  });

  it("leaves a popular name inside the project's own npm scope alone below a dependency too", () => {
    const target = { ecosystem: 'npm' as const, name: 'linux-x64', popularity: { kind: 'downloads-a-month' as const, count: 50_000_000 }, weight: 50_000_000 };
    const names: NameIndex = {
      ecosystems: ['npm'],
      check: (_ecosystem, name): NameCheck =>
        name === '@esbuild/linux-x64' ? { name, nonAscii: [], lookalike: { target, resemblance: { kind: 'scope', strength: 'weak', description: 'its name inside the unknown scope `@esbuild`' }, ratio: 1000, severity: 'error' } } : { name, nonAscii: [] },
      lookup: () => undefined,
      entries: () => [],
      isReady: () => true,
    };
    const text = fixtureText('npm-install-scripts/package.json');
    const tree = treeOf('npm-install-scripts/package.json');
    const flagged = (manifestText: string) => typosquatLocked.check({ manifest: parseManifest('package.json', manifestText), text: manifestText, settings: parseSettings({}), tree, names }).map((f) => f.package);
    assert.deepEqual(flagged(text), ['@esbuild/linux-x64']);
    assert.deepEqual(flagged(text.replace(/"name":\s*"[^"]*"/, '"name": "@esbuild/app"')), []);
  });

  it('puts the chain in the CLI’s JSON as `via`, with the locked package as `package`', () => {
    const analysis = analyseFixture('npm-install-scripts/package.json');
    const json = JSON.parse(toJson([{ path: fixturePath('npm-install-scripts/package.json'), kind: 'package.json', text: analysis.text, analysis }])) as {
      files: Array<{ findings: Array<{ rule: string; package: string | null; via?: string[] }> }>;
    };
    const esbuild = json.files[0].findings.find((f) => f.package === 'esbuild');
    assert.deepEqual(esbuild?.via, ['tsx', 'esbuild']);
    assert.equal(json.files[0].findings.filter((f) => f.via === undefined).length, json.files[0].findings.length - 1, 'findings on the manifest itself have no `via`');
  });
});
