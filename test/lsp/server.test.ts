/**
 * LSP-level tests: a real `dist/server.js --stdio` process driven by a plain JSON-RPC client,
 * for all three manifest kinds: diagnostics, hovers, the pin quick fix, settings changes.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { fileUri, TestLspClient } from '../helpers/lspClient';

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)).reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

function codes(diags: Diagnostic[]): string[] {
  return diags.map((d) => String(d.code));
}

/** An npm project with two dependencies, one unpinned, and a postinstall script. */
const WEB_TEXT = '{\n  "dependencies": {\n    "express": "^4.18.2",\n    "lodash": "4.17.21"\n  },\n  "scripts": { "postinstall": "node setup.js" }\n}\n';
const WEB_LOCK = JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/express': { version: '4.21.2' }, 'node_modules/lodash': { version: '4.17.21' } } });

describe('language server over stdio', function () {
  this.timeout(30_000);
  let client: TestLspClient;
  let dir: string;

  /**
   * Each test opens its own documents (a folder of its own for the npm project), so that any one
   * of them passes alone (`--grep`) or in any order.
   */
  async function openWebProject(folder: string): Promise<{ uri: string; diags: Diagnostic[] }> {
    mkdirSync(join(dir, folder));
    writeFileSync(join(dir, folder, 'package-lock.json'), WEB_LOCK);
    const uri = fileUri(join(dir, folder, 'package.json'));
    await client.open(uri, 'json', WEB_TEXT);
    return { uri, diags: await client.waitForDiagnostics(uri, (d) => d.length >= 2) };
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mg-lsp-'));
    mkdirSync(join(dir, 'api'));
    writeFileSync(join(dir, 'api', 'packages.lock.json'), JSON.stringify({ version: 1, dependencies: { 'net8.0': { Serilog: { type: 'Direct', requested: '[3.*, )', resolved: '3.1.1' }, Dapper: { type: 'Direct', requested: '[2.1.35, )', resolved: '2.1.35' } } } }));
    // Registry lookups have their own tests against a local registry (registry.test.ts): here, none.
    client = await TestLspClient.start({ rootPath: dir, settings: { offline: true } });
  });
  after(async () => client?.stop());

  it('publishes package.json diagnostics with source, rule code and exact range', async () => {
    const { diags } = await openWebProject('web-publish');
    assert.deepEqual(codes(diags).sort(), ['install-script', 'unpinned-version']);
    const unpinned = diags.find((d) => d.code === 'unpinned-version')!;
    assert.equal(unpinned.source, 'manifest-guard');
    assert.deepEqual(unpinned.range, { start: { line: 2, character: 16 }, end: { line: 2, character: 23 } });
    // package-lock.json pins express at 4.21.2: the range is information, saying what pins it (issue 12).
    assert.equal(unpinned.severity, 3);
    assert.match(String(unpinned.message), /package-lock\.json pins 4\.21\.2, which is what installs/);
    // The rule link opens the shipped rule documentation through the client's command.
    assert.equal(unpinned.codeDescription?.href, `command:manifestGuard.showRuleDocs?${encodeURIComponent('["unpinned-version"]')}`);
  });

  it('hovers a dependency with what its spec means, its findings and the registry link', async () => {
    const { uri } = await openWebProject('web-hover');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 8 } });
    const md = (hover.contents as MarkupContent).value;
    assert.match(md, /\*\*express\*\* · npm · dependencies/);
    assert.match(md, /\\>=4\.18\.2 \\<5\.0\.0/);
    assert.match(md, /Locked at `4\.21\.2`/);
    assert.match(md, /unpinned-version/);
    assert.match(md, /https:\/\/www\.npmjs\.com\/package\/express/);
    const none = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(none, null);
  });

  it('offers "Pin express to 4.21.2" from the lockfile and the edit pins it', async () => {
    const { uri, diags } = await openWebProject('web-pin');
    const unpinned = diags.find((d) => d.code === 'unpinned-version')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: unpinned.range, context: { diagnostics: [unpinned] } });
    const pin = actions.find((a) => a.title.startsWith('Pin express'))!;
    assert.equal(pin.title, 'Pin express to 4.21.2 (from package-lock.json)');
    assert.equal(pin.kind, 'quickfix');
    assert.equal(pin.isPreferred, true);
    assert.deepEqual(pin.diagnostics?.map((d) => d.code), ['unpinned-version']);
    assert.match(applyEdits(WEB_TEXT, pin.edit!.changes![uri]), /"express": "4\.21\.2"/);
  });

  it('follows edits and clears diagnostics when the document closes', async () => {
    const { uri } = await openWebProject('web-close');
    await client.change(uri, '{"dependencies": {"express": "4.21.2"}}', 2);
    await client.waitForDiagnostics(uri, (d) => d.length === 0);
    await client.change(uri, WEB_TEXT, 3);
    await client.waitForDiagnostics(uri, (d) => d.length >= 2);
    // The last diagnostics are not empty: only the server clearing them on close ends this wait.
    await client.close(uri);
    await client.waitForDiagnostics(uri, (d) => d.length === 0);
  });

  it('checks requirements files: diagnostics, hover and a pin fix', async () => {
    const uri = fileUri(join(dir, 'requirements.txt'));
    const text = '--extra-index-url https://private.test/simple\nrequests>=2.31\nflask==3.0.0\n';
    await client.open(uri, 'pip-requirements', text);
    const diags = await client.waitForDiagnostics(uri, (d) => d.length >= 2);
    assert.deepEqual(codes(diags), ['dependency-confusion', 'unpinned-version']);
    assert.deepEqual(diags[1].range, { start: { line: 1, character: 8 }, end: { line: 1, character: 14 } });
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 2 } });
    assert.match((hover.contents as MarkupContent).value, /\*\*flask\*\* · PyPI/);
    assert.match((hover.contents as MarkupContent).value, /pypi\.org\/project\/flask/);
  });

  it('pins requirements from the constraints file and from pip-compile output beside a .in file', async () => {
    writeFileSync(join(dir, 'constraints.txt'), 'requests==2.32.3\n');
    writeFileSync(join(dir, 'deps.txt'), '# autogenerated by pip-compile\nflask==3.0.3\n    # via -r deps.in\n');
    const reqUri = fileUri(join(dir, 'service-requirements.txt'));
    const reqText = '-c constraints.txt\nrequests[socks]>=2.31 ; python_version > "3.8"\n';
    await client.open(reqUri, 'pip-requirements', reqText);
    const [diag] = await client.waitForDiagnostics(reqUri, (d) => d.length === 1);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: reqUri }, range: diag.range, context: { diagnostics: [diag] } });
    assert.equal(actions[0].title, 'Pin requests to 2.32.3 (from constraints.txt)');
    assert.equal(applyEdits(reqText, actions[0].edit!.changes![reqUri]), '-c constraints.txt\nrequests[socks]==2.32.3 ; python_version > "3.8"\n');

    const inUri = fileUri(join(dir, 'deps.in'));
    await client.open(inUri, 'pip-requirements', 'flask\n');
    const [flask] = await client.waitForDiagnostics(inUri, (d) => d.length === 1);
    const inActions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: inUri }, range: flask.range, context: { diagnostics: [flask] } });
    assert.equal(inActions[0].title, 'Pin flask to 3.0.3 (from deps.txt)');
    assert.equal(applyEdits('flask\n', inActions[0].edit!.changes![inUri]), 'flask==3.0.3\n');
  });

  it('checks MSBuild projects and pins from packages.lock.json', async () => {
    const uri = fileUri(join(dir, 'api', 'Api.csproj'));
    const text = '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="Serilog" Version="3.*" />\n    <PackageReference Include="Dapper" Version="2.1.35" />\n  </ItemGroup>\n</Project>\n';
    await client.open(uri, 'xml', text);
    const diags = await client.waitForDiagnostics(uri, (d) => d.length >= 1);
    assert.deepEqual(codes(diags), ['unpinned-version']);
    assert.deepEqual(diags[0].range, { start: { line: 2, character: 49 }, end: { line: 2, character: 52 } });
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diags[0].range, context: { diagnostics: diags } });
    const pin = actions.find((a) => a.kind === 'quickfix')!;
    assert.equal(pin.title, 'Pin Serilog to 3.1.1 (from packages.lock.json)');
    assert.match(applyEdits(text, pin.edit!.changes![uri]), /Include="Serilog" Version="3\.1\.1"/);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 33 } });
    assert.match((hover.contents as MarkupContent).value, /\*\*Dapper\*\* · NuGet/);
  });

  it('follows a settings change without restarting (severity and off)', async () => {
    const uri = fileUri(join(dir, 'settings-requirements.txt'));
    await client.open(uri, 'pip-requirements', '--extra-index-url https://private.test/simple\nrequests>=2.31\n');
    await client.waitForDiagnostics(uri, (d) => d.length === 2);
    try {
      await client.changeSettings({ offline: true, severity: { 'unpinned-version': 'error', 'dependency-confusion': 'off' } });
      const diags = await client.waitForDiagnostics(uri, (d) => d.length === 1 && d[0].severity === 1);
      assert.deepEqual(codes(diags), ['unpinned-version']);
    } finally {
      await client.changeSettings({ offline: true });
    }
  });

  it('reports a typosquat with a preferred "Replace with" fix that keeps the spec', async () => {
    const uri = fileUri(join(dir, 'squat', 'package.json'));
    const text = '{\n  "devDependencies": {\n    "crossenv": "^6.1.1"\n  }\n}\n';
    await client.open(uri, 'json', text);
    // The popularity index is built after the first diagnostics are out; the typosquat follows.
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'typosquat'));
    const squat = diags.find((d) => d.code === 'typosquat')!;
    assert.equal(squat.severity, 1);
    assert.deepEqual(squat.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 13 } });
    assert.match(String(squat.message), /`crossenv` looks like `cross-env` \(a missing `-`\)/);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: squat.range, context: { diagnostics: [squat] } });
    const replace = actions.find((a) => a.title === 'Replace with cross-env')!;
    assert.equal(replace.isPreferred, true);
    assert.equal(applyEdits(text, replace.edit!.changes![uri]), text.replace('"crossenv"', '"cross-env"'));
  });

  it('does not follow includes that point outside the workspace, nor read pins from them', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'mg-outside-'));
    writeFileSync(join(outside, 'constraints.txt'), 'requests==2.0.0\n');
    const uri = fileUri(join(dir, 'outside-requirements.txt'));
    const text = `-c ${join(outside, 'constraints.txt')}\nrequests>=2\n`;
    await client.open(uri, 'pip-requirements', text);
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'parse-error'));
    assert.match(String(diags.find((d) => d.code === 'parse-error')!.message), /points outside the workspace; it is not followed/);
    const unpinned = diags.find((d) => d.code === 'unpinned-version')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: unpinned.range, context: { diagnostics: [unpinned] } });
    assert.equal(actions.filter((a) => a.title.startsWith('Pin requests')).length, 0, 'no pin read from outside the workspace');
  });

  it('moves the include bounds when a workspace folder is added or removed', async () => {
    const added = mkdtempSync(join(tmpdir(), 'mg-added-'));
    mkdirSync(join(added, 'app'));
    writeFileSync(join(added, 'constraints.txt'), 'requests==2.0.0\n');
    // Not yet in the workspace: a file of no folder has no bounds (as when opened on its own).
    const uri = fileUri(join(added, 'app', 'requirements.txt'));
    const text = `-c ${join(added, 'constraints.txt')}\nrequests>=2\n`;
    await client.open(uri, 'pip-requirements', text);
    let diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'unpinned-version'));
    assert.equal(diags.filter((d) => d.code === 'parse-error').length, 0);
    // Its app/ folder joins the workspace: the constraints file one level up is now outside it.
    const app = { uri: fileUri(join(added, 'app')), name: 'app' };
    client.reset(uri);
    await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [app], removed: [] } });
    diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'parse-error'));
    assert.match(String(diags.find((d) => d.code === 'parse-error')!.message), /points outside the workspace; it is not followed/);
    client.reset(uri);
    await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [app] } });
    diags = await client.waitForDiagnostics(uri, (d) => d.length > 0 && !d.some((x) => x.code === 'parse-error'));
    await client.close(uri);
  });

  it('ignores files that are not manifests', async () => {
    const uri = fileUri(join(dir, 'tsconfig.json'));
    await client.open(uri, 'json', '{"dependencies": {"a": "^1"}}');
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 20 } });
    assert.equal(hover, null);
  });
});
