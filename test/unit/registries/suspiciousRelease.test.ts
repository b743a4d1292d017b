/**
 * `suspicious-release` against the local registry, one real attack shape per signal: event-stream
 * 3.3.5/3.3.6 (a revival by a new publisher, then a patch adding flatmap-stream, days old),
 * ua-parser-js 0.7.29 (a preinstall script appears), @ctrl/tinycolor 4.1.1 (Shai-Hulud: a
 * postinstall, provenance gone, ten times the size), a PyPI release that drops its wheels, and a
 * NuGet release whose catalog leaf gains build/ files. Also the request budget and the alias.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../../server/src/model/model';
import { FixtureServer, faults, sleep } from '../../helpers/fixtureServer';
import { enrichAndAnalyze, registriesFor, settingsFor } from '../../helpers/registryScope';

const pkgJson = (deps: Record<string, string>) => JSON.stringify({ dependencies: deps }, null, 2);
const csproj = (refs: Record<string, string>) => `<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>${Object.entries(refs).map(([id, v]) => `<PackageReference Include="${id}" Version="${v}" />`).join('')}</ItemGroup></Project>`;
const DATE = '\\d{4}-\\d\\d-\\d\\d';

/** The disk cache is written in the background: wait until it holds `count` answers (not a fixed delay, which a busy machine outruns). */
async function cachedAnswers(dir: string, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (readdirSync(dir).filter((f) => f.endsWith('.json')).length < count) {
    if (Date.now() > deadline) assert.fail(`the cache in ${dir} never held ${count} answers`);
    await sleep(20);
  }
}

function suspicious(findings: Finding[], pkg: string): Finding {
  const f = findings.find((x) => x.rule === 'suspicious-release' && x.package === pkg);
  assert.ok(f, `suspicious-release on ${pkg} in ${JSON.stringify(findings.map((x) => [x.rule, x.package]))}`);
  return f;
}

describe('suspicious-release against a local registry', function () {
  this.timeout(10_000);
  let server: FixtureServer;
  const gets = (re: RegExp) => server.count((r) => r.method === 'GET' && re.test(r.url));
  before(async () => (server = await FixtureServer.start()));
  afterEach(() => server.reset());
  after(async () => server.close());

  it('event-stream 3.3.6: a patch adds flatmap-stream, itself a day old — an error, with "Pin to 3.3.5"', async () => {
    const { findings } = await enrichAndAnalyze(registriesFor(), 'package.json', pkgJson({ 'event-stream': '3.3.6' }), settingsFor(server));
    const f = suspicious(findings, 'event-stream');
    assert.equal(f.severity, 'error');
    assert.match(f.message, new RegExp(`^event-stream 3\\.3\\.6, published ${DATE}, adds the dependency flatmap-stream in a patch or minor release after 3\\.3\\.5 \\(${DATE}\\); flatmap-stream \\(itself first published 1 day earlier\\)\\. Hijacked releases look like this: compare it with 3\\.3\\.5 before installing it\\.$`));
    assert.match(f.fixes?.[0].title ?? '', new RegExp(`^Pin event-stream to 3\\.3\\.5 \\(the release before the change, published ${DATE}\\)$`));
    assert.deepEqual(f.fixes?.[0].edits.map((e) => e.newText), ['3.3.5']);
    assert.equal(gets(/\/npm\/flatmap-stream$/), 1, 'the new dependency\'s own document, once');
  });

  it('event-stream 3.3.5: the first release in years, by an account that never published it — two signals, an error', async () => {
    const { findings } = await enrichAndAnalyze(registriesFor(), 'package.json', pkgJson({ 'event-stream': '3.3.5' }), settingsFor(server));
    const f = suspicious(findings, 'event-stream');
    assert.equal(f.severity, 'error');
    assert.match(f.message, new RegExp(`is the first release in 2 years \\(the one before, 3\\.3\\.4, was published ${DATE}\\); and was published by "right9ctrl", who published none of the 1 earlier version \\(dominictarr\\)`));
  });

  it('ua-parser-js 0.7.29 locked under ^0.7.28: a preinstall script appears — an error on its own, pin 0.7.28', async () => {
    const locked = { source: 'package-lock.json', versionOf: () => '0.7.29' };
    const { findings } = await enrichAndAnalyze(registriesFor(), 'package.json', pkgJson({ 'ua-parser-js': '^0.7.28' }), settingsFor(server), { locked });
    const f = suspicious(findings, 'ua-parser-js');
    assert.equal(f.severity, 'error');
    assert.match(f.message, new RegExp(`^ua-parser-js 0\\.7\\.29 \\(locked in package-lock\\.json\\), published ${DATE}, adds an install script that 0\\.7\\.28 \\(${DATE}\\) did not have \\("preinstall": \`start /B node preinstall\\.js & node preinstall\\.js\`\\)\\.`));
    assert.equal(f.fixes?.[0].edits[0].newText, '0.7.28');
    // The clean release after it is not suspicious: 0.7.30 has no script, like 0.7.29's predecessor.
    const clean = await enrichAndAnalyze(registriesFor(), 'package.json', pkgJson({ 'ua-parser-js': '0.7.30' }), settingsFor(server));
    assert.equal(clean.findings.filter((x) => x.rule === 'suspicious-release').length, 0);
  });

  it('@ctrl/tinycolor 4.1.1: a postinstall, provenance gone and ten times the size, all in one message', async () => {
    const { findings } = await enrichAndAnalyze(registriesFor(), 'package.json', pkgJson({ '@ctrl/tinycolor': '4.1.1' }), settingsFor(server));
    const f = suspicious(findings, '@ctrl/tinycolor');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /adds an install script that 4\.1\.0 \(.*\) did not have \("postinstall": `node bundle\.js`\); has no provenance attestation, though 4\.1\.0 had one; and unpacks to 4\.0 MB, 14 times the 288 kB of 4\.1\.0\./);
    // 4.1.2 keeps the script 4.1.1 introduced: compared with 4.1.1, nothing new.
    const next = await enrichAndAnalyze(registriesFor(), 'package.json', pkgJson({ '@ctrl/tinycolor': '4.1.2' }), settingsFor(server));
    assert.equal(next.findings.filter((x) => x.rule === 'suspicious-release').length, 0);
  });

  it('weighs one weak signal below a warning: a new dependency that is neither new nor alone is information', async () => {
    const version = (v: string, deps: Record<string, string>) => ({ name: 'grows', version: v, _id: `grows@${v}`, dependencies: deps, dist: { tarball: 'x', shasum: '0' } });
    server.route('GET', '/npm/grows', faults.json({ name: 'grows', 'dist-tags': { latest: '1.1.0' }, versions: { '1.0.0': version('1.0.0', { lodash: '^4' }), '1.1.0': version('1.1.0', { lodash: '^4', express: '^4' }) }, time: { '1.0.0': '2024-01-01T00:00:00Z', '1.1.0': '2024-03-01T00:00:00Z' } }));
    const { findings } = await enrichAndAnalyze(registriesFor(), 'package.json', pkgJson({ grows: '1.1.0' }), settingsFor(server));
    const f = suspicious(findings, 'grows');
    assert.equal(f.severity, 'information');
    assert.match(f.message, /adds the dependency express in a patch or minor release after 1\.0\.0 \(2024-01-01\)\. /);
    // A major release may change its dependencies: nothing to say, and nothing looked up.
    server.route('GET', '/npm/grows', faults.json({ name: 'grows', 'dist-tags': { latest: '2.0.0' }, versions: { '1.0.0': version('1.0.0', { lodash: '^4' }), '2.0.0': version('2.0.0', { lodash: '^4', 'left-pad': '^1' }) } }));
    const major = await enrichAndAnalyze(registriesFor(), 'package.json', pkgJson({ grows: '2.0.0' }), settingsFor(server));
    assert.equal(major.findings.filter((x) => x.rule === 'suspicious-release').length, 0);
    assert.equal(gets(/\/npm\/left-pad$/), 0);
  });

  it('quotes hostile registry text (new dependency names, scripts) on one clean line', async () => {
    const version = (v: string, extra: Record<string, unknown>) => ({ name: 'hostile-grows', version: v, _id: `hostile-grows@${v}`, dist: { tarball: 'x', shasum: '0' }, ...extra });
    const evilName = 'evil\u202e\u0007\n[x](command:workbench.action.openSettings)';
    server.route('GET', '/npm/hostile-grows', faults.json({ name: 'hostile-grows', 'dist-tags': { latest: '1.0.1' }, versions: { '1.0.0': version('1.0.0', { dependencies: {}, scripts: {} }), '1.0.1': version('1.0.1', { dependencies: { [evilName]: '1' }, scripts: { postinstall: 'node x.js\n\u202erm -rf ~ `whoami`' } }) } }));
    const { findings } = await enrichAndAnalyze(registriesFor(), 'package.json', pkgJson({ 'hostile-grows': '1.0.1' }), settingsFor(server));
    const f = suspicious(findings, 'hostile-grows');
    assert.doesNotMatch(f.message, /[\u202a-\u202e\u0007\n]/);
    assert.match(f.message, /adds an install script that 1\.0\.0 did not have \("postinstall": `node x\.js rm -rf ~ 'whoami'`\); and adds the dependency evil/);
  });

  it('keeps publisher-change working as an alias: its severity setting and allowlist entries apply', async () => {
    const text = pkgJson({ 'hijacked-lib': '^1.0.0' });
    const on = await enrichAndAnalyze(registriesFor(), 'package.json', text, settingsFor(server));
    assert.equal(suspicious(on.findings, 'hijacked-lib').severity, 'error', 'a new publisher and lost provenance together');
    const off = await enrichAndAnalyze(registriesFor(), 'package.json', text, settingsFor(server, { severity: { 'publisher-change': 'off' } }));
    assert.equal(off.findings.filter((x) => x.rule === 'suspicious-release').length, 0);
    const allowed = await enrichAndAnalyze(registriesFor(), 'package.json', text, settingsFor(server, { allowlist: ['publisher-change:hijacked-lib'] }));
    assert.equal(allowed.findings.filter((x) => x.rule === 'suspicious-release').length, 0);
    const own = await enrichAndAnalyze(registriesFor(), 'package.json', text, settingsFor(server, { severity: { 'publisher-change': 'off', 'suspicious-release': 'warning' } }));
    assert.equal(suspicious(own.findings, 'hijacked-lib').severity, 'warning', 'the rule\'s own setting wins over its alias');
  });

  it('PyPI: the latest release ships no wheel and adds a requirement — one extra request, cached, none offline', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'mg-suspicious-'));
    const { findings } = await enrichAndAnalyze(registriesFor({ cacheDir }), 'requirements', 'wheels-dropped>=2.0\n', settingsFor(server));
    const f = suspicious(findings, 'wheels-dropped');
    assert.equal(f.severity, 'error');
    assert.match(f.message, new RegExp(`^wheels-dropped 2\\.1\\.1, published ${DATE}, ships no wheel while 2\\.1\\.0 \\(${DATE}\\) had 1, so pip now builds it from source, running its setup\\.py or build backend on install; and adds the dependency pycryptodomex in a patch or minor release after 2\\.1\\.0`));
    assert.equal(f.fixes?.[0].edits[0].newText, '==2.1.0');
    assert.equal(gets(/^\/pypi\/wheels-dropped\/2\.1\.0\/json$/), 1);
    await cachedAnswers(cacheDir, 3); // the project, the previous release, the advisories
    server.reset();
    const offline = await enrichAndAnalyze(registriesFor({ cacheDir }), 'requirements', 'wheels-dropped>=2.0\n', settingsFor(server), { offline: true });
    assert.equal(server.count(), 0, 'offline: cached answers only');
    assert.match(suspicious(offline.findings, 'wheels-dropped').message, /adds the dependency pycryptodomex/);
  });

  it('NuGet: the catalog leaves before and after build/ files appear — the previous leaf fetched once', async () => {
    const { findings } = await enrichAndAnalyze(registriesFor(), 'msbuild', csproj({ 'Acme.BuildTools': '[1.2.0]' }), settingsFor(server));
    const f = suspicious(findings, 'Acme.BuildTools');
    assert.equal(f.severity, 'error');
    assert.match(f.message, new RegExp(`adds install-time files that 1\\.0\\.0 \\(${DATE}\\) did not have \\(build/Acme\\.BuildTools\\.targets, buildTransitive/net8\\.0/Acme\\.BuildTools\\.props, tools/init\\.ps1\\), run or imported by every build; and adds the dependency Acme\\.Telemetry`));
    assert.equal(f.fixes?.[0].edits[0].newText, '1.0.0');
    assert.equal(gets(/\/nuget\/v3\/catalog\/acme\.buildtools\.1\.0\.0\.json$/), 1);
    // A package without install-time files costs no request for its previous release.
    server.reset();
    await enrichAndAnalyze(registriesFor(), 'msbuild', csproj({ Serilog: '3.1.0' }), settingsFor(server));
    assert.equal(gets(/\/nuget\/v3\/catalog\//), 1, 'the resolved version\'s own leaf only');
  });
});
