/**
 * Registry documents → facts, for every service, from fixtures in the services' real shapes:
 * what is said is read, and what is missing stays unknown.
 */
import { strict as assert } from 'node:assert';
import { parsePackument } from '../../../server/src/registries/npm/packument';
import { parseCatalogLeaf } from '../../../server/src/registries/nuget/catalogLeaf';
import { parseRegistrationIndex, parseRegistrationPage } from '../../../server/src/registries/nuget/registration';
import { parseServiceIndex } from '../../../server/src/registries/nuget/serviceIndex';
import { parseOsvRecord } from '../../../server/src/registries/osv/advisory';
import { cvss3BaseScore } from '../../../server/src/registries/osv/cvss';
import { parsePypiJson } from '../../../server/src/registries/pypi/pypiJson';
import { parseSimpleIndex, versionOfFile } from '../../../server/src/registries/pypi/simpleIndex';
import { parseTimestamp } from '../../../server/src/registries/time';
import type { PackageInfo, VersionInfo } from '../../../server/src/registries/types';
import { fixtureJson } from '../../helpers/fixtureServer';

const DAY = 86_400_000;

function version(info: PackageInfo | undefined, v: string): VersionInfo {
  const found = info?.versions.find((x) => x.version === v);
  assert.ok(found, `version ${v}`);
  return found;
}

function daysAgo(time: number | undefined): number {
  assert.ok(time !== undefined);
  return Math.round((Date.now() - time) / DAY);
}

describe('registry documents', () => {
  describe('timestamps', () => {
    it('reads npm Z times, the mirror\'s +00:00 microseconds, NuGet 7 digits, and zone-less PyPI times as UTC', () => {
      assert.equal(parseTimestamp('2021-02-20T15:42:16.891Z'), Date.UTC(2021, 1, 20, 15, 42, 16, 891));
      assert.equal(parseTimestamp('2026-08-08T20:36:04.544000+00:00'), Date.UTC(2026, 7, 8, 20, 36, 4, 544));
      assert.equal(parseTimestamp('2015-02-01T11:18:40.8589193Z'), Date.UTC(2015, 1, 1, 11, 18, 40, 858));
      assert.equal(parseTimestamp('2024-11-06T22:37:09'), Date.UTC(2024, 10, 6, 22, 37, 9));
      assert.equal(parseTimestamp('2024-11-06T23:37:09+01:00'), Date.UTC(2024, 10, 6, 22, 37, 9));
      assert.equal(parseTimestamp('yesterday'), undefined);
      assert.equal(parseTimestamp(42), undefined);
    });
  });

  describe('npm packuments', () => {
    it('reads install scripts, publisher, provenance, deprecation and publish times', () => {
      const hook = parsePackument(fixtureJson('npm/setup-hook.json'), 'setup-hook', 'npm');
      assert.deepEqual(version(hook, '2.0.0').installScripts, [{ name: 'postinstall', command: 'node install.js' }]);
      const native = parsePackument(fixtureJson('npm/binding-native.json'), 'binding-native', 'npm');
      assert.deepEqual(version(native, '3.0.0').installScripts, [{ name: 'install (binding.gyp)', command: 'node-gyp rebuild' }]);
      const hijacked = parsePackument(fixtureJson('npm/hijacked-lib.json'), 'hijacked-lib', 'npm');
      assert.deepEqual(version(hijacked, '1.1.0').publisher, { name: 'alice' });
      assert.equal(version(hijacked, '1.1.0').provenance, true);
      assert.equal(version(hijacked, '1.2.0').provenance, false);
      assert.equal(daysAgo(version(hijacked, '1.2.0').published), 1);
      const old = parsePackument(fixtureJson('npm/old-lib.json'), 'old-lib', 'npm');
      assert.equal(version(old, '1.0.0').deprecated?.message, 'old-lib is no longer maintained, use new-lib');
      assert.equal(version(old, '0.9.0').deprecated, undefined);
      const trusted = parsePackument(fixtureJson('npm/trusted-lib.json'), 'trusted-lib', 'npm');
      assert.deepEqual(version(trusted, '2.0.0').publisher, { name: 'GitHub Actions', trustedPublisher: 'github' });
    });

    it('treats what the mirror strips as unknown, not as absent, and reads its +00:00 times', () => {
      const info = parsePackument(fixtureJson('npm/fresh-mirror.json'), 'fresh-mirror', 'registry.npmjs.org');
      const v = version(info, '1.1.0');
      assert.equal(v.publisher, undefined);
      assert.equal(v.provenance, undefined);
      assert.equal(v.deprecated, undefined);
      assert.deepEqual(v.installScripts, []);
      assert.equal(daysAgo(v.published), 2);
      assert.equal(info?.description, undefined);
    });

    it('reads package-level description, license, latest and repository in their string or object forms', () => {
      const info = parsePackument(fixtureJson('npm/express.json'), 'express', 'npm');
      assert.equal(info?.description, 'Fast, unopinionated, minimalist web framework');
      assert.equal(info?.license, 'MIT');
      assert.equal(info?.latest, '4.21.2');
      assert.equal(info?.repository, 'git+https://github.com/expressjs/express.git');
      assert.equal(parsePackument({ versions: {}, repository: 'github:a/b', license: { type: 'ISC' } }, 'x', 'npm')?.license, 'ISC');
    });

    it('understands the abbreviated format: hasInstallScript, and no scripts meaning unknown', () => {
      const info = parsePackument({ name: 'x', modified: '2024-01-01T00:00:00Z', 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': { name: 'x', version: '1.0.0', hasInstallScript: true, dist: {} }, '0.9.0': { name: 'x', version: '0.9.0', dist: {} } } }, 'x', 'npm');
      assert.equal(version(info, '1.0.0').installScripts?.length, 1);
      assert.equal(version(info, '0.9.0').installScripts, undefined);
      assert.equal(version(info, '1.0.0').published, undefined);
    });

    it('is unharmed by keys named __proto__, constructor or toString', () => {
      const info = parsePackument(fixtureJson('npm/proto-keys.json'), 'proto-keys', 'npm');
      assert.ok(info);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.deepEqual(version(info, '1.0.0').installScripts, []);
      assert.ok(info.distTags?.some(([tag]) => tag === '__proto__'));
      assert.equal(Object.getPrototypeOf(info), Object.prototype);
      assert.equal(parsePackument('not an object', 'x', 'npm'), undefined);
      assert.equal(parsePackument({ name: 'x' }, 'x', 'npm'), undefined);
    });
  });

  describe('PyPI', () => {
    it('reads releases from the JSON API: upload time, yanks, wheels, withdrawn advisories skipped', () => {
      const info = parsePypiJson(fixtureJson('pypi/requests.json'), 'requests', 'PyPI');
      assert.equal(info?.latest, '2.32.3');
      assert.equal(info?.description, 'Python HTTP for Humans.');
      assert.equal(info?.repository, 'https://github.com/example/requests');
      assert.deepEqual(version(info, '2.32.0').yanked, { reason: 'Broken on Python 3.8' });
      assert.deepEqual(version(info, '2.32.3').distributions, { wheels: 1, sdists: 1 });
      assert.equal(version(info, '2.32.3').advisories, undefined);
      assert.equal(daysAgo(version(info, '2.31.0').published), 500);
      assert.deepEqual(version(info, '1.0'), { version: '1.0' });
      const sdist = parsePypiJson(fixtureJson('pypi/sdist-only.json'), 'sdist-only', 'PyPI');
      assert.deepEqual(version(sdist, '1.0.0').distributions, { wheels: 0, sdists: 1 });
      const flask = parsePypiJson(fixtureJson('pypi/flask.json'), 'flask', 'PyPI');
      assert.equal(flask?.license, 'BSD-3-Clause');
    });

    it('keeps the project endpoint\'s advisories on info.version', () => {
      const info = parsePypiJson(fixtureJson('pypi/django.json'), 'django', 'PyPI');
      const [advisory] = version(info, '2.2.17').advisories ?? [];
      assert.equal(advisory.id, 'PYSEC-2021-9');
      assert.deepEqual(advisory.fixed, ['2.2.18', '3.0.12', '3.1.6']);
    });

    it('reads a PEP 691 simple page: versions from file names, string yanks', () => {
      const info = parseSimpleIndex(fixtureJson('pypi-simple/private-lib.json'), 'private-lib', 'pypi.corp.example');
      assert.deepEqual(version(info, '1.0.0').yanked, { reason: 'Leaked credentials in the wheel' });
      assert.deepEqual(version(info, '0.9.0').distributions, { wheels: 0, sdists: 1 });
      assert.deepEqual(versionOfFile('python-dateutil-2.8.2.tar.gz', 'python_dateutil'), { version: '2.8.2', kind: 'sdist' });
      assert.deepEqual(versionOfFile('zope.interface-6.0-cp312-cp312-manylinux_2_17_x86_64.whl', 'zope.interface'), { version: '6.0', kind: 'wheel' });
      assert.equal(versionOfFile('readme.txt', 'x'), undefined);
    });

    it('reads the PEP 792 project status, at the top level or in meta as the PEP\'s example has it', () => {
      const page = (extra: Record<string, unknown>) => parseSimpleIndex({ meta: { 'api-version': '1.4' }, name: 'x', files: [], ...extra }, 'x', 'pypi.corp.example');
      assert.deepEqual(page({ 'project-status': { status: 'quarantined', reason: 'reported as malware' } })?.status, { status: 'quarantined', reason: 'reported as malware' });
      assert.deepEqual(page({ meta: { 'api-version': '1.4', 'project-status': 'archived', 'project-status-reason': 'moved to y' } })?.status, { status: 'archived', reason: 'moved to y' });
      assert.deepEqual(page({ 'project-status': { status: 'Deprecated' } })?.status, { status: 'deprecated' });
      for (const status of [{ status: 'active' }, { status: 'something-new' }, { status: 42 }, 'quarantined', null]) assert.equal(page({ 'project-status': status })?.status, undefined, JSON.stringify(status));
    });
  });

  describe('NuGet', () => {
    it('finds the SemVer 2 registration resource in the service index by @type', () => {
      assert.equal(parseServiceIndex(fixtureJson('nuget/index.json', 'http://h'))?.registrationsBaseUrl, 'http://h/nuget/v3/registration/');
      assert.equal(parseServiceIndex({ version: '3.0.0' }), undefined);
    });

    it('reads registration leaves: 1900 means unlisted, deprecation with alternative, vulnerabilities', () => {
      const pages = parseRegistrationIndex(fixtureJson('nuget/registration/old.package.json'));
      const leaves = pages?.flatMap((p) => p.leaves) ?? [];
      const [v100, v101, v200] = leaves.map((l) => l.info);
      assert.deepEqual(v100.deprecated, { message: 'Use New.Package instead.', reasons: ['Legacy', 'CriticalBugs'], alternative: 'New.Package' });
      assert.equal(v101.unlisted, true);
      assert.equal(v101.published, undefined);
      assert.deepEqual(v200.advisories?.map((a) => [a.id, a.severity]), [['GHSA-5crp-9r3c-p9vr', 'high']]);
      assert.equal(leaves[0].license, 'Apache-2.0');
    });

    it('reads a vulnerability severity that is no number or string as low, never failing on it', () => {
      const doc = fixtureJson('nuget/registration/old.package.json') as { items: Array<{ items: Array<{ catalogEntry: { vulnerabilities?: Array<{ severity: unknown }> } }> }> };
      const entry = doc.items[0].items[2].catalogEntry;
      const severities = [{ toString: null }, 'constructor', '__proto__', 3];
      const read = severities.map((severity) => {
        entry.vulnerabilities = [{ ...entry.vulnerabilities![0], severity }];
        return parseRegistrationIndex(doc)?.flatMap((p) => p.leaves)[2].info.advisories?.[0].severity;
      });
      assert.deepEqual(read, ['low', 'low', 'low', 'critical']);
    });

    it('leaves un-inlined pages to be fetched by their @id', () => {
      const pages = parseRegistrationIndex(fixtureJson('nuget/registration/big.package.json', 'http://h'));
      assert.deepEqual(pages?.map((p) => p.url), ['http://h/nuget/v3/registration/big.package/page/1.json', 'http://h/nuget/v3/registration/big.package/page/2.json']);
      assert.deepEqual(parseRegistrationPage(fixtureJson('nuget/registration/big.package.page-2.json'))?.map((l) => l.info.version), ['1.3.0', '1.4.0', '1.5.0']);
    });

    it('lists install-time files from the catalog leaf packageEntries', () => {
      assert.deepEqual(parseCatalogLeaf(fixtureJson('nuget/catalog/acme.buildtools.1.2.0.json')), { files: ['build/Acme.BuildTools.targets', 'buildTransitive/net8.0/Acme.BuildTools.props', 'tools/init.ps1'], dotnetTool: false });
      assert.deepEqual(parseCatalogLeaf(fixtureJson('nuget/catalog/serilog.3.1.1.json')), { files: [], dotnetTool: false });
      assert.equal(parseCatalogLeaf({ id: 'x' }), undefined);
    });
  });

  describe('OSV', () => {
    it('reads severity (database rating, else CVSS v3), fixed versions and the advisory link', () => {
      const lodash = parseOsvRecord(fixtureJson('osv/vulns/GHSA-35jh-r3h4-6jhm.json'), 'npm', 'lodash');
      assert.equal(lodash?.severity, 'high');
      assert.equal(lodash?.score, 7.2);
      assert.deepEqual(lodash?.fixed, ['4.17.21']);
      assert.equal(lodash?.url, 'https://nvd.nist.gov/vuln/detail/CVE-2021-23337');
      assert.equal(lodash?.malicious, false);
      const redos = parseOsvRecord(fixtureJson('osv/vulns/GHSA-29mw-wpgm-hmr9.json'), 'npm', 'lodash');
      assert.equal(redos?.severity, 'moderate');
      assert.equal(redos?.url, 'https://osv.dev/vulnerability/GHSA-29mw-wpgm-hmr9');
    });

    it('recognises malware by MAL- ids, MAL- aliases and CWE-506, and drops withdrawn records', () => {
      assert.equal(parseOsvRecord(fixtureJson('osv/vulns/MAL-0000-phantomraven-todo-plz.json'), 'npm', 'todo-plz')?.malicious, true);
      assert.equal(parseOsvRecord(fixtureJson('osv/vulns/GHSA-mh6f-8j2x-4483.json'), 'npm', 'event-stream')?.malicious, true);
      assert.equal(parseOsvRecord({ id: 'GHSA-x', database_specific: { 'malicious-packages-origins': [{ source: 'ghsa-malware' }] } }, 'npm', 'x')?.malicious, true);
      assert.equal(parseOsvRecord({ id: 'GHSA-x', summary: 'Malicious code in x (npm)' }, 'npm', 'x')?.malicious, false);
      assert.equal(parseOsvRecord({ id: 'GHSA-w', withdrawn: '2024-01-01T00:00:00Z' }, 'npm', 'x'), undefined);
    });

    it('computes CVSS v3 base scores per the specification', () => {
      assert.equal(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), 9.8);
      assert.equal(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N'), 6.1);
      assert.equal(cvss3BaseScore('CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N'), 0);
      assert.equal(cvss3BaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), undefined);
      assert.equal(cvss3BaseScore('CVSS:3.1/AV:X'), undefined);
    });
  });
});
