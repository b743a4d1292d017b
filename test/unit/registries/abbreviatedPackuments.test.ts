/**
 * Locked packages are fetched as npm's abbreviated document, and as the full one only when the
 * document changed recently enough to hold a release the release-age or publisher signals are
 * about. Against the local registry, which answers `Accept: application/vnd.npm.install-v1+json`
 * as registry.npmjs.org does (or ignores it, as the local mirror does).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RegistriesOptions } from '../../../server/src/registries';
import { analyze } from '../../../server/src/analysis/analyze';
import type { Finding } from '../../../server/src/model/model';
import { readNpmTree } from '../../../server/src/manifests/lockfiles/npmTree';
import { parsePackument } from '../../../server/src/registries/npm/packument';
import type { LockGraph, LockTree } from '../../../server/src/tree/model';
import { acceptsGzip, FixtureServer, fixtureJson, type RecordedRequest } from '../../helpers/fixtureServer';
import { abbreviatePackument, wantsAbbreviated } from '../../helpers/npmAbbreviated';
import { registriesFor, scopeFor, settingsFor } from '../../helpers/registryScope';

const MANIFEST = JSON.stringify({ dependencies: { express: '4.21.2' } }, null, 2);

/** express brings in a package released yesterday by a new account (its document changed yesterday) and event-stream 3.3.6 (untouched for years). */
function lockTree(): LockTree {
  const entry = (version: string, dependencies: Record<string, string> = {}) => ({ version, resolved: `https://registry.npmjs.org/x/-/x-${version}.tgz`, integrity: 'sha512-AAAA', dependencies });
  const graph = readNpmTree(
    JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { dependencies: { express: '4.21.2' } },
        'node_modules/express': entry('4.21.2', { 'hijacked-lib': '1.2.0', 'event-stream': '3.3.6' }),
        'node_modules/hijacked-lib': entry('1.2.0'),
        'node_modules/event-stream': entry('3.3.6', { 'flatmap-stream': '0.1.1' }),
        'node_modules/flatmap-stream': entry('0.1.1'),
      },
    }),
    'package-lock.json',
  ) as LockGraph;
  return { graph, importer: '' };
}

function asked(server: FixtureServer, name: string): Array<'abbreviated' | 'full'> {
  return server.requests.filter((r: RecordedRequest) => r.url === `/npm/${name}`).map((r) => (wantsAbbreviated(r.headers.accept) ? 'abbreviated' : 'full'));
}

function lockedFinding(findings: Finding[], rule: string, pkg: string): Finding | undefined {
  return findings.find((f) => f.rule === rule && f.package === pkg && f.via !== undefined);
}

describe('npm abbreviated packuments for locked packages', function () {
  this.timeout(10_000);
  let server: FixtureServer;
  before(async () => (server = await FixtureServer.start()));
  afterEach(() => server.reset());
  after(async () => server.close());

  async function pass(minimumReleaseAgeDays = 7, options: Partial<RegistriesOptions> = {}) {
    const settings = settingsFor(server, { minimumReleaseAgeDays });
    const registries = registriesFor(options);
    const tree = lockTree();
    const scope = { ...scopeFor(registries, 'package.json', MANIFEST, settings), tree, minimumReleaseAgeDays };
    await registries.service.enrich(scope, { offline: false });
    return analyze({ kind: 'package.json', text: MANIFEST, settings, tree, registry: () => registries.service.view(scope) }).findings;
  }

  it('asks for the abbreviated document, and for the full one only where the document changed within the window', async () => {
    const findings = await pass();
    assert.deepEqual(asked(server, 'express'), ['full'], 'a direct dependency keeps the full document');
    assert.deepEqual(asked(server, 'event-stream'), ['abbreviated'], 'untouched for years: no release in it can be new');
    assert.deepEqual(asked(server, 'flatmap-stream'), ['abbreviated']);
    assert.deepEqual(asked(server, 'hijacked-lib'), ['abbreviated', 'full'], 'changed yesterday: publish times and publishers are needed');
    // The full document's signals still fire for the recent package…
    assert.match(lockedFinding(findings, 'new-release', 'hijacked-lib')?.message ?? '', /was published 24 hours ago/);
    assert.match(lockedFinding(findings, 'suspicious-release', 'hijacked-lib')?.message ?? '', /mallory/);
    // …and the abbreviated one's facts (dependencies per version) still show event-stream's new dependency.
    assert.match(lockedFinding(findings, 'suspicious-release', 'event-stream')?.message ?? '', /flatmap-stream/);
  });

  it('widens the window to minimumReleaseAgeDays when that is longer than 30 days', async () => {
    await pass(3650);
    assert.deepEqual(asked(server, 'event-stream'), ['abbreviated', 'full'], 'modified 1,800 days ago is within 3,650');
  });

  it('copes with a registry that ignores Accept: one request per package, the full document used as such', async () => {
    server.honoursNpmAccept = false;
    const findings = await pass();
    assert.deepEqual(asked(server, 'hijacked-lib'), ['abbreviated'], 'the answer was already the full document');
    assert.match(lockedFinding(findings, 'new-release', 'hijacked-lib')?.message ?? '', /was published 24 hours ago/);
  });

  it('reads answers compressed as registry.npmjs.org compresses them: same requests, same findings', async () => {
    const plain = await pass();
    const requested = () => server.requests.map((r) => `${r.url} ${wantsAbbreviated(r.headers.accept) ? 'abbreviated' : 'full'}`).sort();
    const plainAsked = requested();
    server.reset();
    server.gzipsNpm = true;
    const compressed = await pass();
    const npm = server.requests.filter((r) => r.url.startsWith('/npm/'));
    assert.ok(npm.length > 0 && npm.every(acceptsGzip), 'every npm request allows gzip, so every answer came compressed');
    assert.deepEqual(requested(), plainAsked);
    assert.deepEqual(compressed.map((f) => f.message), plain.map((f) => f.message));
    assert.match(lockedFinding(compressed, 'suspicious-release', 'hijacked-lib')?.message ?? '', /mallory/);
  });

  it('revalidates every packument by its ETag when the project is reopened after the cache went stale: 304s, no body again, the same findings', async () => {
    server.etagsNpm = true;
    const cacheDir = mkdtempSync(join(tmpdir(), 'mg-etag-'));
    const first = await pass(7, { cacheDir });
    const npm = () => server.requests.filter((r) => r.url.startsWith('/npm/'));
    const asked = npm().length;
    // The disk cache is written without being waited for.
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.requests.length = 0;
    const later = await pass(7, { cacheDir, now: () => Date.now() + 2 * 60 * 60_000 });
    assert.equal(npm().length, asked, 'every document asked again: the cached answers are an hour past their TTL');
    assert.ok(npm().every((r) => typeof r.headers['if-none-match'] === 'string'), 'each with the ETag of the cached answer');
    // Two hours on, ages read two hours more; the findings are the same, and none says it is from a cache.
    const found = (findings: Finding[]) => findings.map((f) => `${f.rule} ${f.package}`);
    assert.deepEqual(found(later), found(first));
    assert.match(lockedFinding(later, 'suspicious-release', 'hijacked-lib')?.message ?? '', /mallory/);
    assert.ok(later.every((f) => !/cached/i.test(f.message)));
    // The second pass's revalidated answers are written without being waited for either: a write
    // still landing makes the folder non-empty again while it is removed (ENOTEMPTY). Removed
    // without blocking the event loop, so those writes can finish between the retries.
    await rm(cacheDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  });

  describe('reading the abbreviated form', () => {
    const full = fixtureJson('npm/hijacked-lib.json') as Record<string, unknown>;

    it('keeps dependencies, sizes, deprecation and the install-script flag; says nothing of times, publishers or provenance', () => {
      const short = abbreviatePackument(full) as { versions: Record<string, Record<string, unknown>> };
      short.versions['1.2.0'].hasInstallScript = true;
      const info = parsePackument(short, 'hijacked-lib', 'test');
      assert.ok(info);
      assert.equal(info.abbreviated, true);
      assert.ok(info.modified !== undefined && Date.now() - info.modified < 2 * 86_400_000);
      const v = info.versions.find((x) => x.version === '1.2.0');
      assert.ok(v);
      assert.equal(v.published, undefined);
      assert.equal(v.publisher, undefined);
      // dist.signatures is there in both forms; without _npmUser it is no evidence that attestations are absent.
      assert.equal(v.provenance, undefined);
      assert.deepEqual(v.installScripts?.map((s) => s.name), ['install']);
    });

    it('reads a full document as full, its `modified` from `time`', () => {
      const info = parsePackument(full, 'hijacked-lib', 'test');
      assert.equal(info?.abbreviated, undefined);
      assert.ok(info?.modified !== undefined);
      assert.equal(info.versions.find((x) => x.version === '1.2.0')?.publisher?.name, 'mallory');
    });
  });
});
