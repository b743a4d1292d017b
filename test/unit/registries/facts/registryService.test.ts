/**
 * Registry facts end to end against the local registry: every ecosystem, the findings a user sees,
 * and every failure degrading to "not checked" with a reason.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../../../server/src/model/model';
import { MAX_VERSIONS } from '../../../../server/src/registries/npm/packumentSlim';
import { FixtureServer, faults, sendBody } from '../../../helpers/fixtureServer';
import { enrichAndAnalyze, registriesFor, scopeFor, settingsFor } from '../../../helpers/registryScope';

function rules(findings: Finding[], pkg?: string): string[] {
  return findings.filter((f) => !pkg || f.package === pkg).map((f) => f.rule);
}

function finding(findings: Finding[], rule: string, pkg: string): Finding {
  const f = findings.find((x) => x.rule === rule && x.package === pkg);
  assert.ok(f, `${rule} on ${pkg} in ${JSON.stringify(findings.map((x) => [x.rule, x.package]))}`);
  return f;
}

const pkgJson = (deps: Record<string, string>) => JSON.stringify({ dependencies: deps }, null, 2);

describe('registry facts against a local registry', function () {
  this.timeout(10_000);
  let server: FixtureServer;
  const host = () => new URL(server.base).host;
  before(async () => (server = await FixtureServer.start()));
  afterEach(() => server.reset());
  after(async () => server.close());

  describe('npm', () => {
    it('resolves each spec and reports install scripts, deprecation, new releases and publisher changes', async () => {
      const text = pkgJson({ express: '^4.18.2', 'setup-hook': '2.0.0', 'binding-native': '^3', 'old-lib': '1.0.0', 'hijacked-lib': '^1.0.0', 'trusted-lib': '^2.0.0' });
      const result = await enrichAndAnalyze(registriesFor(), 'package.json', text, settingsFor(server));
      const { findings } = result;
      assert.deepEqual(rules(findings, 'express'), ['unpinned-version']);
      assert.match(finding(findings, 'install-script', 'setup-hook').message, /setup-hook 2\.0\.0 runs "postinstall" when installed: `node install\.js`/);
      assert.equal(finding(findings, 'install-script', 'setup-hook').detail, 'postinstall: node install.js');
      assert.match(finding(findings, 'install-script', 'binding-native').message, /"install \(binding\.gyp\)".*node-gyp rebuild/);
      assert.match(finding(findings, 'deprecated', 'old-lib').message, /old-lib 1\.0\.0 is deprecated: "old-lib is no longer maintained, use new-lib"/);
      assert.match(finding(findings, 'new-release', 'hijacked-lib').message, /hijacked-lib 1\.2\.0 was published 1 days ago|hijacked-lib 1\.2\.0 was published 2\d hours ago/);
      const publisher = finding(findings, 'suspicious-release', 'hijacked-lib');
      assert.match(publisher.message, /published by "mallory", who published none of the 2 earlier versions \(alice\)/);
      assert.match(publisher.message, /no provenance attestation, though 1\.1\.0 had one/);
      assert.deepEqual(rules(findings, 'trusted-lib'), ['unpinned-version']);
    });

    it('offers the pin fix without a lockfile (the version the spec resolves to) and the older version for a fresh release', async () => {
      const { findings } = await enrichAndAnalyze(registriesFor(), 'package.json', pkgJson({ express: '^4.18.2', 'hijacked-lib': '^1.0.0' }), settingsFor(server));
      assert.equal(finding(findings, 'unpinned-version', 'express').fixes?.[0].title, `Pin express to 4.21.2 (resolves on ${host()} today)`);
      const fresh = finding(findings, 'new-release', 'hijacked-lib');
      assert.match(fresh.fixes?.[0].title ?? '', /^Pin hijacked-lib to 1\.1\.0 \(published \d{4}-\d\d-\d\d\)$/);
      assert.deepEqual(fresh.fixes?.[0].edits.map((e) => e.newText), ['1.1.0']);
    });

    it('prefers the lockfile version when there is one', async () => {
      const locked = { source: 'package-lock.json', versionOf: () => '4.21.1' };
      const { findings } = await enrichAndAnalyze(registriesFor(), 'package.json', pkgJson({ express: '^4.18.2' }), settingsFor(server), { locked });
      assert.equal(finding(findings, 'unpinned-version', 'express').fixes?.[0].title, 'Pin express to 4.21.1 (from package-lock.json)');
    });

    it('reports advisories with severity and the fixing version, and malware as an error', async () => {
      const { findings } = await enrichAndAnalyze(registriesFor(), 'package.json', pkgJson({ lodash: '4.17.20', 'todo-plz': '9.9.0', 'event-stream': '3.3.6', 'evil-pkg': '*' }), settingsFor(server));
      const vuln = finding(findings, 'vulnerable', 'lodash');
      assert.equal(vuln.severity, 'error');
      assert.match(vuln.message, /lodash 4\.17\.20 has 2 known vulnerabilities: GHSA-35jh-r3h4-6jhm \(high, fixed in 4\.17\.21\): Command Injection in lodash; GHSA-29mw-wpgm-hmr9 \(moderate, fixed in 4\.17\.21\)/);
      assert.equal(vuln.fixes?.[0].title, 'Pin lodash to 4.17.21 (fixes 2 advisories)');
      const mal = finding(findings, 'malicious', 'todo-plz');
      assert.equal(mal.severity, 'error');
      assert.match(mal.message, /todo-plz 9\.9\.0 is known malware \(MAL-0000-phantomraven-todo-plz\): Malicious npm package/);
      assert.equal(rules(findings, 'todo-plz').includes('vulnerable'), false);
      // npm removed 3.3.6, but the advisory database still knows what it was.
      assert.match(finding(findings, 'malicious', 'event-stream').message, /event-stream 3\.3\.6 is known malware \(GHSA-mh6f-8j2x-4483\)/);
      assert.match(finding(findings, 'malicious', 'evil-pkg').message, /security placeholder \(0\.0\.1-security\)/);
    });

    it('looks a package up once however many entries name it, judging each entry\'s own version', async () => {
      const text = JSON.stringify({ dependencies: { lodash: '4.17.21' }, devDependencies: { lodash: '4.17.20' } });
      const { findings } = await enrichAndAnalyze(registriesFor(), 'package.json', text, settingsFor(server));
      assert.deepEqual(findings.filter((f) => f.rule === 'vulnerable').map((f) => f.dependency?.section), ['devDependencies']);
      assert.equal(server.count((r) => r.url === '/npm/lodash'), 1);
      assert.equal(server.count((r) => r.url === '/osv/v1/querybatch'), 1);
    });

    it('reports a name the registry does not know (404 with an empty body)', async () => {
      const { findings } = await enrichAndAnalyze(registriesFor(), 'package.json', pkgJson({ 'reqeusts-helper-ai': '1.0.0' }), settingsFor(server));
      assert.match(finding(findings, 'unknown-package', 'reqeusts-helper-ai').message, /reqeusts-helper-ai does not exist on 127\.0\.0\.1:\d+\. Anyone can register that name/);
    });

    it('treats what a stripped mirror leaves out as unknown: no publisher or provenance findings, dates in +00:00 form', async () => {
      const { findings } = await enrichAndAnalyze(registriesFor(), 'package.json', pkgJson({ 'fresh-mirror': '^1.0.0' }), settingsFor(server));
      assert.deepEqual(rules(findings, 'fresh-mirror').sort(), ['new-release', 'unpinned-version']);
    });

    it('encodes scoped names and routes a scope to the registry its .npmrc names, with that registry\'s token only', async () => {
      const other = await FixtureServer.start();
      try {
        const dir = mkdtempSync(join(tmpdir(), 'mg-npmrc-'));
        writeFileSync(join(dir, '.npmrc'), `@acme:registry=${other.base}/npm/\n//${new URL(other.base).host}/npm/:_authToken=scoped-secret\n`);
        const { findings } = await enrichAndAnalyze(registriesFor(), 'package.json', pkgJson({ '@acme/widgets': '^1.0.0', express: '4.21.2' }), settingsFor(server), { path: join(dir, 'package.json') });
        assert.equal(other.requests[0].url, '/npm/@acme%2fwidgets');
        assert.equal(other.requests[0].headers.authorization, 'Bearer scoped-secret');
        assert.ok(server.requests.every((r) => r.headers.authorization === undefined));
        assert.equal(finding(findings, 'unpinned-version', '@acme/widgets').fixes?.[0].title, `Pin @acme/widgets to 1.4.0 (resolves on ${new URL(other.base).host} today)`);
        assert.ok(findings.every((f) => !f.message.includes('scoped-secret')));
      } finally {
        await other.close();
      }
    });
  });

  describe('PyPI', () => {
    it('skips yanked releases when resolving, reports an exact pin to one, and flags source-only releases', async () => {
      const text = 'requests>=2.31\nrequests-pinned==0\nflask==3.0.0\nsdist-only==1.0.0\ndjango==2.2.17\n'.replace('requests-pinned==0\n', '');
      const { findings } = await enrichAndAnalyze(registriesFor(), 'requirements', text, settingsFor(server));
      assert.equal(finding(findings, 'unpinned-version', 'requests').fixes?.[0].title, `Pin requests to 2.32.3 (resolves on ${host()} today)`);
      assert.match(finding(findings, 'install-script', 'sdist-only').message, /sdist-only 1\.0\.0 has no wheel, so pip builds it from source/);
      assert.match(finding(findings, 'vulnerable', 'django').message, /PYSEC-2021-9 \(high, fixed in 2\.2\.18\)/);
      const yanked = await enrichAndAnalyze(registriesFor(), 'requirements', 'requests==2.32.0\n', settingsFor(server));
      assert.match(finding(yanked.findings, 'yanked', 'requests').message, /requests 2\.32\.0 was yanked from 127\.0\.0\.1:\d+: "Broken on Python 3\.8"/);
    });

    it('honours a requirements file\'s --index-url that points at a PEP 691 simple index', async () => {
      const text = `--index-url ${server.base}/simple/\nprivate-lib>=0.9\n`;
      const { findings } = await enrichAndAnalyze(registriesFor(), 'requirements', text, settingsFor(server));
      assert.ok(server.requests.some((r) => r.url === '/simple/private-lib/' && String(r.headers.accept).startsWith('application/vnd.pypi.simple.v1+json')));
      // 1.0.0 is yanked, so >=0.9 resolves to 0.9.0: a source-only release.
      assert.equal(finding(findings, 'unpinned-version', 'private-lib').fixes?.[0].title, `Pin private-lib to 0.9.0 (resolves on ${host()} today)`);
      assert.match(finding(findings, 'install-script', 'private-lib').message, /no wheel/);
    });

    it('reports a project the index has quarantined (PEP 792) as malicious', async () => {
      const text = `--index-url ${server.base}/simple/\nquarantined-lib==2.0.0\n`;
      const { findings } = await enrichAndAnalyze(registriesFor(), 'requirements', text, settingsFor(server));
      const f = finding(findings, 'malicious', 'quarantined-lib');
      assert.equal(f.severity, 'error');
      assert.match(f.message, /quarantined-lib is quarantined on 127\.0\.0\.1:\d+ \("Reported as malware; under review"\)/);
    });

    it('asks every --extra-index-url too, and reports a requirement only the extra index serves', async () => {
      // The main index is the local PyPI JSON API; the extra one its PEP 691 simple pages.
      const text = `--extra-index-url ${server.base}/simple/\nprivate-lib==1.0.0\nrequests==2.32.3\n`;
      const { findings } = await enrichAndAnalyze(registriesFor(), 'requirements', text, settingsFor(server));
      for (const name of ['private-lib', 'requests']) {
        assert.ok(server.requests.some((r) => r.url === `/pypi/${name}/json`), `${name} asked of the main index`);
        assert.ok(server.requests.some((r) => r.url === `/simple/${name}/`), `${name} asked of the extra index`);
      }
      const confusion = finding(findings, 'dependency-confusion', 'private-lib');
      assert.equal(confusion.severity, 'error');
      assert.match(confusion.message, new RegExp(`^private-lib is served by ${host().replace(/\./g, '\\.')} only, and pip also asks ${host().replace(/\./g, '\\.')}, which does not have it`));
      assert.deepEqual(rules(findings, 'private-lib').filter((r) => r === 'unknown-package'), []);
      // requests is on the main index only: nothing beyond the offline finding on the option itself.
      assert.deepEqual(rules(findings, 'requests').filter((r) => r === 'dependency-confusion'), []);
    });

    it('says "not checked" for an index that only speaks HTML', async () => {
      server.route('GET', '/html/x/', (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<a href="x-1.0.tar.gz">x-1.0.tar.gz</a>');
      });
      const registries = registriesFor();
      const result = await enrichAndAnalyze(registries, 'requirements', `-i ${server.base}/html/\nx==1.0\n`, settingsFor(server));
      const facts = registries.service.view(result.scope).factsFor(result.manifest.dependencies[0]);
      assert.deepEqual(facts, { state: 'unchecked', reason: `${new URL(server.base).host} does not offer the PEP 691 JSON simple API` });
    });
  });

  describe('NuGet', () => {
    const csproj = (refs: Record<string, string>) => `<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>${Object.entries(refs).map(([id, v]) => `<PackageReference Include="${id}" Version="${v}" />`).join('')}</ItemGroup></Project>`;

    it('resolves NuGet ranges (lowest applicable, floating highest) and reads install-time files from the catalog', async () => {
      const registries = registriesFor();
      const { findings } = await enrichAndAnalyze(registries, 'msbuild', csproj({ Serilog: '3.*', 'Acme.BuildTools': '1.2.0' }), settingsFor(server));
      assert.equal(finding(findings, 'unpinned-version', 'Serilog').fixes?.[0].title, `Pin Serilog to 3.1.1 (resolves on ${host()} today)`);
      const build = finding(findings, 'install-script', 'Acme.BuildTools');
      assert.match(build.message, /ships MSBuild files imported into every build of this project \(build\/Acme\.BuildTools\.targets, buildTransitive\/net8\.0\/Acme\.BuildTools\.props, \+1\)/);
      assert.equal(build.detail, 'build/Acme.BuildTools.targets\nbuildTransitive/net8.0/Acme.BuildTools.props\ntools/init.ps1');
      assert.equal(server.count((r) => r.url.includes('/catalog/acme.buildtools.1.2.0.json')), 1);
    });

    it('reports deprecation with the alternative, unlisted versions, and the registry\'s own advisories', async () => {
      const { findings } = await enrichAndAnalyze(registriesFor(), 'msbuild', csproj({ 'Old.Package': '[1.0.0]' }), settingsFor(server));
      assert.match(finding(findings, 'deprecated', 'Old.Package').message, /Old\.Package 1\.0\.0 is deprecated \(Legacy, CriticalBugs\): "Use New\.Package instead\."\. Its authors suggest New\.Package instead\./);
      const unlisted = await enrichAndAnalyze(registriesFor(), 'msbuild', csproj({ 'Old.Package': '[1.0.1]' }), settingsFor(server));
      assert.match(finding(unlisted.findings, 'yanked', 'Old.Package').message, /is unlisted on/);
      // A bare minimum resolves as restore does: to unlisted 1.0.1 itself, not the next listed 2.0.0.
      const bare = await enrichAndAnalyze(registriesFor(), 'msbuild', csproj({ 'Old.Package': '1.0.1' }), settingsFor(server));
      assert.match(finding(bare.findings, 'yanked', 'Old.Package').message, /1\.0\.1.* is unlisted on/);
      const vulnerable = await enrichAndAnalyze(registriesFor(), 'msbuild', csproj({ 'Old.Package': '2.0.0' }), settingsFor(server));
      const v = finding(vulnerable.findings, 'vulnerable', 'Old.Package');
      assert.match(v.message, /1 known vulnerability: GHSA-5crp-9r3c-p9vr \(high, fixed in 2\.0\.1\)/);
    });

    it('follows registration pages that are not inlined', async () => {
      const { findings } = await enrichAndAnalyze(registriesFor(), 'msbuild', csproj({ 'Big.Package': '1.*' }), settingsFor(server));
      assert.equal(finding(findings, 'unpinned-version', 'Big.Package').fixes?.[0].title.startsWith('Pin Big.Package to 1.5.0'), true);
    });

    it('uses NuGet.config sources when no setting names a feed', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mg-nugetcfg-'));
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'NuGet.Config'), `<?xml version="1.0"?><configuration><packageSources><clear/><add key="local" value="${server.base}/nuget/v3/index.json" protocolVersion="3"/><add key="disabled" value="https://disabled.invalid/index.json"/></packageSources><disabledPackageSources><add key="disabled" value="true"/></disabledPackageSources></configuration>`);
      const settings = settingsFor(server);
      delete settings.registries.nuget;
      const { findings } = await enrichAndAnalyze(registriesFor(), 'msbuild', csproj({ 'No.Such.Package': '1.0.0' }), settings, { path: join(dir, 'src', 'App.csproj') });
      assert.match(finding(findings, 'unknown-package', 'No.Such.Package').message, /does not exist on 127\.0\.0\.1/);
    });

    it('reads install-time files from the package\'s own ZIP directory on a feed without a catalog: one Range request', async () => {
      const registries = registriesFor();
      const result = await enrichAndAnalyze(registries, 'msbuild', csproj({ 'Private.Feed.Pkg': '1.0.0' }), settingsFor(server));
      const facts = registries.service.view(result.scope).factsFor(result.manifest.dependencies[0]);
      const files = facts?.state === 'found' ? facts.installFiles : undefined;
      assert.deepEqual(files?.state === 'known' && files.value, { files: ['build/Private.Feed.Pkg.targets', 'buildTransitive/net8.0/Private.Feed.Pkg.props', 'tools/init.ps1'], dotnetTool: false });
      assert.match(finding(result.findings, 'install-script', 'Private.Feed.Pkg').message, /build\/Private\.Feed\.Pkg\.targets/);
      const nupkg = server.requests.filter((r) => r.url.endsWith('.nupkg'));
      assert.equal(nupkg.length, 1);
      assert.equal(nupkg[0].headers.range, 'bytes=-1048576', 'the last megabyte of a 3 MB package, not all of it');
    });

    it('reads the whole package when the feed ignores Range, and says "not checked" for one that is not a ZIP', async () => {
      const url = '/nuget/v3/flat/private.feed.pkg/1.0.0/private.feed.pkg.1.0.0.nupkg';
      server.route('GET', url, (req, res) => server.serveFixture({ ...req, headers: { ...req.headers, range: undefined } }, res));
      let registries = registriesFor();
      let result = await enrichAndAnalyze(registries, 'msbuild', csproj({ 'Private.Feed.Pkg': '1.0.0' }), settingsFor(server));
      let facts = registries.service.view(result.scope).factsFor(result.manifest.dependencies[0]);
      assert.equal(facts?.state === 'found' && facts.installFiles?.state, 'known');
      server.route('GET', url, faults.garbage());
      registries = registriesFor();
      result = await enrichAndAnalyze(registries, 'msbuild', csproj({ 'Private.Feed.Pkg': '1.0.0' }), settingsFor(server));
      facts = registries.service.view(result.scope).factsFor(result.manifest.dependencies[0]);
      assert.deepEqual(facts?.state === 'found' && facts.installFiles, { state: 'unchecked', reason: `the package from ${host()} could not be read: not a ZIP archive (no end-of-central-directory record)` });
    });
  });

  describe('failures degrade to "not checked"', () => {
    const faultCases: Array<[string, () => void, RegExp]> = [
      ['HTTP 500', () => server.route('GET', '/npm/express', faults.status(500)), /answered HTTP 500/],
      ['garbage', () => server.route('GET', '/npm/express', faults.garbage()), /did not answer with an npm packument/],
      ['a timeout', () => server.route('GET', '/npm/express', faults.slow(5_000)), /did not answer within 0\.5 s/],
      ['a 100 MB answer', () => server.route('GET', '/npm/express', faults.huge(server, 100 * 1024 * 1024)), /larger than/],
    ];
    for (const [what, arrange, reason] of faultCases) {
      it(`on ${what}, with the reason, and the other dependencies still checked`, async () => {
        arrange();
        const registries = registriesFor({ timeoutMs: 500, maxResponseBytes: 1024 * 1024 });
        const result = await enrichAndAnalyze(registries, 'package.json', pkgJson({ express: '^4.0.0', 'old-lib': '1.0.0' }), settingsFor(server));
        const express = registries.service.view(result.scope).factsFor(result.manifest.dependencies[0]);
        assert.equal(express?.state, 'unchecked');
        assert.match(express?.state === 'unchecked' ? express.reason : '', reason);
        assert.deepEqual(rules(result.findings, 'express'), ['unpinned-version']);
        assert.ok(rules(result.findings, 'old-lib').includes('deprecated'));
      });
    }

    it('on a packument built to exhaust memory (more versions than any package has), as too large to read, gzip or not', async () => {
      const versions = Array.from({ length: MAX_VERSIONS + 1 }, (_, i) => `"0.${Math.floor(i / 1000)}.${i % 1000}":{}`).join(',');
      const body = Buffer.from(`{"name":"express","versions":{${versions}}}`);
      for (const gzip of [false, true]) {
        server.route('GET', '/npm/express', (_req, res) => void sendBody(res, { 'content-type': 'application/json' }, body, gzip));
        const registries = registriesFor();
        const result = await enrichAndAnalyze(registries, 'package.json', pkgJson({ express: '^4.0.0' }), settingsFor(server));
        const express = registries.service.view(result.scope).factsFor(result.manifest.dependencies[0]);
        assert.match(express?.state === 'unchecked' ? express.reason : '', /too large to read \(it lists more than 100000 versions\)/, `gzip: ${gzip}`);
      }
    });

    it('on an unreachable advisory database: package facts still arrive, advisories say why they are missing', async () => {
      server.route('POST', '/osv/v1/querybatch', faults.status(502));
      const registries = registriesFor();
      const result = await enrichAndAnalyze(registries, 'package.json', pkgJson({ lodash: '4.17.20' }), settingsFor(server));
      const facts = registries.service.view(result.scope).factsFor(result.manifest.dependencies[0]);
      assert.equal(facts?.state, 'found');
      assert.match(facts?.state === 'found' && facts.advisories?.state === 'unchecked' ? facts.advisories.reason : '', /advisories not checked: .* answered HTTP 502/);
    });

    it('on a name that cannot be a package, without a request', async () => {
      const registries = registriesFor();
      const result = await enrichAndAnalyze(registries, 'package.json', pkgJson({ '..': '1.0.0' }), settingsFor(server));
      assert.equal(server.count((r) => r.url.startsWith('/npm')), 0);
      assert.equal(registries.service.view(result.scope).factsFor(result.manifest.dependencies[0])?.state, 'unchecked');
    });
  });

  describe('offline and cached', () => {
    it('serves the last cached answers offline, without a request, saying they are cached', async () => {
      const cacheDir = mkdtempSync(join(tmpdir(), 'mg-rcache-'));
      const text = pkgJson({ 'old-lib': '1.0.0', lodash: '4.17.20' });
      await enrichAndAnalyze(registriesFor({ cacheDir }), 'package.json', text, settingsFor(server));
      await new Promise((r) => setTimeout(r, 100));
      server.reset();
      const offline = await enrichAndAnalyze(registriesFor({ cacheDir }), 'package.json', text, settingsFor(server, { offline: true }), { offline: true });
      assert.equal(server.count(), 0);
      assert.match(finding(offline.findings, 'deprecated', 'old-lib').message, /\(cached registry answer from \d{4}-\d\d-\d\d\)$/);
      assert.match(finding(offline.findings, 'vulnerable', 'lodash').message, /cached registry answer/);
    });

    it('"clear cache" forgets answers in memory and on disk', async () => {
      const cacheDir = mkdtempSync(join(tmpdir(), 'mg-rcache-'));
      const registries = registriesFor({ cacheDir });
      const text = pkgJson({ 'old-lib': '1.0.0' });
      await enrichAndAnalyze(registries, 'package.json', text, settingsFor(server));
      await new Promise((r) => setTimeout(r, 100));
      await registries.clearCache();
      const fresh = await enrichAndAnalyze(registriesFor({ cacheDir }), 'package.json', text, settingsFor(server), { offline: true });
      assert.deepEqual(rules(fresh.findings), []);
      const same = await enrichAndAnalyze(registries, 'package.json', text, settingsFor(server), { offline: true });
      assert.deepEqual(rules(same.findings), []);
    });

    it('with nothing cached, offline shows only offline findings and makes no request', async () => {
      const registries = registriesFor();
      const result = await enrichAndAnalyze(registries, 'package.json', pkgJson({ express: '^4.0.0' }), settingsFor(server), { offline: true });
      assert.equal(server.count(), 0);
      assert.deepEqual(rules(result.findings), ['unpinned-version']);
    });

    it('a warm cache answers a second enrichment of the same manifest with zero requests', async () => {
      const registries = registriesFor();
      const text = pkgJson({ express: '^4.0.0', lodash: '4.17.20', 'old-lib': '1.0.0' });
      await enrichAndAnalyze(registries, 'package.json', text, settingsFor(server));
      server.reset();
      await enrichAndAnalyze(registries, 'package.json', text, settingsFor(server));
      assert.equal(server.count(), 0);
    });
  });

  it('shows nothing registry-based before enrichment, then facts (the view never waits)', async () => {
    const registries = registriesFor();
    const scope = scopeFor(registries, 'package.json', pkgJson({ 'old-lib': '1.0.0' }), settingsFor(server));
    assert.deepEqual(registries.service.view(scope).factsFor(scope.manifest.dependencies[0]), { state: 'pending' });
    await registries.service.enrich(scope, { offline: false });
    assert.equal(registries.service.view(scope).factsFor(scope.manifest.dependencies[0])?.state, 'found');
  });

  it('stops at once when cancelled, publishing nothing half-done as "not checked"', async () => {
    server.route('GET', '/npm/express', faults.slow(3_000));
    const registries = registriesFor({ timeoutMs: 5_000 });
    const scope = scopeFor(registries, 'package.json', pkgJson({ express: '^4.0.0' }), settingsFor(server));
    const controller = new AbortController();
    const pending = registries.service.enrich(scope, { offline: false, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await pending;
    // Had it waited for the answer (3 s), express would be "found" now; cancelled, it is still pending.
    assert.deepEqual(registries.service.view(scope).factsFor(scope.manifest.dependencies[0]), { state: 'pending' });
  });
});
