/** `manifest-guard scan` with registries: the flags, waiting for answers, the cache, failures. */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../helpers/lspClient';
import { EMPTY_HOME } from '../../helpers/registryScope';
import { FixtureServer, faults } from '../../helpers/fixtureServer';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

/** Runs the CLI asynchronously (the local registry lives in this process and must keep answering). */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', HOME: EMPTY_HOME, USERPROFILE: EMPTY_HOME, NPM_CONFIG_USERCONFIG: join(EMPTY_HOME, '.npmrc') } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A loopback port nothing listens on (fetch refuses well-known ones such as 9 before connecting). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

interface JsonOut {
  files: Array<{ findings: Array<{ rule: string; severity: string; package: string | null; message: string }> }>;
}

describe('CLI scan with registries', function () {
  this.timeout(20_000);
  let server: FixtureServer;
  let project: string;
  let flags: string[];
  before(async () => {
    server = await FixtureServer.start();
    project = mkdtempSync(join(tmpdir(), 'mg-cli-reg-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ dependencies: { 'todo-plz': '9.9.0', 'old-lib': '1.0.0', express: '4.21.2' } }));
    writeFileSync(join(project, 'requirements.txt'), 'django==2.2.17\n');
    const r = server.registrySettings;
    flags = ['--npm-registry', r.npm, '--pypi-url', r.pypi, '--nuget-index', r.nuget, '--osv-url', r.osv];
  });
  afterEach(() => server.reset());
  after(async () => server.close());

  it('checks registries by default, and fails on malware', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'mg-cli-cache-'));
    const r = await cli(['scan', project, '--format', 'json', '--cache-dir', cacheDir, ...flags]);
    assert.equal(r.code, 1, r.stderr);
    const findings = (JSON.parse(r.stdout) as JsonOut).files.flatMap((f) => f.findings);
    assert.deepEqual(findings.map((f) => `${f.rule}:${f.package}`).sort(), ['deprecated:old-lib', 'malicious:todo-plz', 'vulnerable:django']);
    assert.equal(findings.find((f) => f.rule === 'malicious')?.severity, 'error');
    assert.equal(r.stderr, '');
  });

  it('with --offline makes no request and uses the cache, saying so', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'mg-cli-cache-'));
    await cli(['scan', project, '--cache-dir', cacheDir, ...flags]);
    server.reset();
    const r = await cli(['scan', project, '--offline', '--cache-dir', cacheDir, ...flags]);
    assert.equal(server.count(), 0);
    assert.match(r.stdout, /old-lib 1\.0\.0 is deprecated: "old-lib is no longer maintained, use new-lib"\. \(cached registry answer from \d{4}-\d\d-\d\d\)/);
    const empty = await cli(['scan', project, '--offline', '--cache-dir', mkdtempSync(join(tmpdir(), 'mg-cli-cache-')), ...flags]);
    assert.match(empty.stdout, /No findings/);
    assert.equal(server.count(), 0);
  });

  it('says on stderr what could not be checked and why, and still reports the rest', async () => {
    server.route('POST', '/osv/v1/querybatch', faults.status(503));
    server.route('GET', '/npm/old-lib', faults.status(500));
    const r = await cli(['scan', project, '--cache-dir', mkdtempSync(join(tmpdir(), 'mg-cli-cache-')), ...flags]);
    assert.equal(r.code, 0); // without OSV nothing reaches --fail-on error: "not checked" is not a failure
    // PyPI's own advisory data still speaks for django.
    assert.match(r.stdout, /warning vulnerable django 2\.2\.17 has 1 known vulnerability: PYSEC-2021-9/);
    assert.match(r.stderr, /not checked against the registries \(127\.0\.0\.1:\d+ answered HTTP 500\): old-lib/);
    assert.match(r.stderr, /not checked against the registries \(advisories not checked: 127\.0\.0\.1:\d+ answered HTTP 503\): /);
  });

  it('says once per unreachable registry what went unchecked, not once per package', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-cli-down-'));
    writeFileSync(join(dir, 'requirements.txt'), 'flask==3.0.0\nrequests==2.31.0\ndjango==5.0.0\n');
    const closed = `http://127.0.0.1:${await closedPort()}`;
    const down = ['--npm-registry', `${closed}/npm`, '--pypi-url', `${closed}/pypi`, '--nuget-index', `${closed}/nuget/v3/index.json`, '--osv-url', `${closed}/osv`];
    const r = await cli(['scan', dir, '--cache-dir', mkdtempSync(join(tmpdir(), 'mg-cli-cache-')), ...down]);
    const lines = r.stderr.trim().split('\n');
    assert.deepEqual(lines, [`manifest-guard: not checked against the registries (cannot reach ${closed} (ECONNREFUSED)): flask, requests, django`]);
  });

  it('rejects a registry flag that is not an http(s) URL', async () => {
    const r = await cli(['scan', project, '--npm-registry', 'file:///etc/passwd']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--npm-registry takes an http\(s\) URL/);
  });
});
