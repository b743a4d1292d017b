/**
 * LSP-level tests of Manifest Guard's own protocol (server/src/lsp/protocol.ts): the
 * workspace/executeCommand handlers, the "Ignore NAME for this rule" action and the status
 * notification, against the real `dist/server.js --stdio`.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApplyWorkspaceEditParams, CodeAction, Diagnostic, TextDocumentEdit, TextEdit, WorkDoneProgressBegin, WorkDoneProgressEnd, WorkDoneProgressReport } from 'vscode-languageserver-protocol';
import { ADD_TO_WORKSPACE_ALLOWLIST_COMMAND, ServerCommand, STATUS_NOTIFICATION, type PinAllResult, type ScanWorkspaceResult, type StatusParams } from '../../server/src/lsp/protocol';
import { fileUri, TestLspClient } from '../helpers/lspClient';

type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

/** Only this test's concern: other rules (lockfile checks, typosquats…) may add findings of their own. */
function unpinned(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.code === 'unpinned-version');
}

const PACKAGE_JSON = '{\n  "dependencies": {\n    "express": "^4.18.2",\n    "react": "~18.2.0"\n  },\n  "scripts": { "postinstall": "node setup.js" }\n}\n';

describe('language server commands and custom notifications', function () {
  this.timeout(30_000);
  let client: TestLspClient;
  let dir: string;
  const applied: ApplyWorkspaceEditParams[] = [];
  const progress: ProgressValue[] = [];
  const statuses: StatusParams[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mg-commands-'));
    mkdirSync(join(dir, 'web'));
    writeFileSync(join(dir, 'web', 'package.json'), PACKAGE_JSON);
    writeFileSync(join(dir, 'web', 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { express: '^4.18.2', react: '~18.2.0' } }, 'node_modules/express': { version: '4.21.2' }, 'node_modules/react': { version: '18.2.0' } } }));
    mkdirSync(join(dir, 'svc', 'node_modules', 'dep'), { recursive: true });
    writeFileSync(join(dir, 'svc', 'requirements.txt'), 'flask>=3\nrequests==2.32.3\n');
    writeFileSync(join(dir, 'svc', 'node_modules', 'dep', 'package.json'), '{"dependencies": {"x": "*"}}');
    // Offline: these tests are about the commands, and must not depend on a registry answering.
    client = await TestLspClient.start({ rootPath: dir, settings: { offline: true } });
    client.connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
      applied.push(params);
      return { applied: true };
    });
    client.connection.onNotification('$/progress', (params: { token: string | number; value: ProgressValue }) => {
      if (params.token === 'scan-1') progress.push(params.value);
    });
    client.connection.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => {
      statuses.push(params);
    });
  });
  after(async () => client?.stop());

  it('scans the workspace folders, with progress, and publishes diagnostics for every manifest', async () => {
    const result = await client.request<ScanWorkspaceResult>('workspace/executeCommand', { command: ServerCommand.scanWorkspace, arguments: [{ folders: [fileUri(dir)] }], workDoneToken: 'scan-1' });
    assert.deepEqual({ ...result, findings: result.findings >= 4 }, { files: 2, findings: true, open: 0, unreadable: 0, cancelled: false }, 'node_modules is skipped, as by the CLI');
    const web = await client.waitForDiagnostics(fileUri(join(dir, 'web', 'package.json')));
    assert.equal(unpinned(web).length, 2);
    assert.ok(web.some((d) => d.code === 'install-script'));
    const svc = await client.waitForDiagnostics(fileUri(join(dir, 'svc', 'requirements.txt')));
    assert.deepEqual(unpinned(svc).map((d) => d.range.start.line), [0], 'flask>=3 only');
    assert.equal(progress[0]?.kind, 'begin');
    assert.equal(progress.at(-1)?.kind, 'end');
  });

  it('follows includes within the scanned folder only, as for open documents', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'mg-scan-outside-'));
    writeFileSync(join(outside, 'constraints.txt'), 'requests==2.0.0\n');
    const folder = mkdtempSync(join(tmpdir(), 'mg-scan-'));
    writeFileSync(join(folder, 'requirements.txt'), `-c ${join(outside, 'constraints.txt')}\nrequests>=2\n`);
    await client.request<ScanWorkspaceResult>('workspace/executeCommand', { command: ServerCommand.scanWorkspace, arguments: [{ folders: [fileUri(folder)] }] });
    const diags = client.diagnostics.get(fileUri(join(folder, 'requirements.txt'))) ?? [];
    assert.match(String(diags.find((d) => d.code === 'parse-error')?.message), /points outside the workspace; it is not followed/);
  });

  it('pins every locked dependency of an open file through workspace/applyEdit, as a versioned edit', async () => {
    const uri = fileUri(join(dir, 'web', 'package.json'));
    await client.open(uri, 'json', PACKAGE_JSON, 3);
    await client.waitForDiagnostics(uri, (d) => unpinned(d).length === 2);
    const result = await client.request<PinAllResult>('workspace/executeCommand', { command: ServerCommand.pinAll, arguments: [{ uri }] });
    assert.deepEqual(result, { pinned: 2, applied: true });
    const change = applied.at(-1)?.edit.documentChanges?.[0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri, version: 3 });
    assert.deepEqual((change.edits as TextEdit[]).map((e) => e.newText).sort(), ['18.2.0', '4.21.2']);

    const notOpen = await client.request<PinAllResult>('workspace/executeCommand', { command: ServerCommand.pinAll, arguments: [{ uri: fileUri(join(dir, 'svc', 'requirements.txt')) }] });
    assert.deepEqual(notOpen, { pinned: 0, applied: false });
  });

  it('offers "Ignore NAME for this rule" for findings about a package, as a client command', async () => {
    const uri = fileUri(join(dir, 'web', 'package.json'));
    const [express] = unpinned(await client.waitForDiagnostics(uri));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: express.range, context: { diagnostics: [express] } });
    const ignore = actions.find((a) => a.title === 'Ignore express for this rule (unpinned-version)');
    assert.ok(ignore, actions.map((a) => a.title).join(' | '));
    assert.equal(ignore.kind, 'quickfix');
    assert.equal(ignore.edit, undefined);
    assert.deepEqual(ignore.command, { title: ignore.title, command: ADD_TO_WORKSPACE_ALLOWLIST_COMMAND, arguments: ['unpinned-version:express'] });
    assert.deepEqual(ignore.diagnostics?.map((d) => d.code), ['unpinned-version']);

    // The manifest's own install script concerns no package: nothing to allowlist.
    const script = (await client.waitForDiagnostics(uri)).find((d) => d.code === 'install-script');
    assert.ok(script);
    const scriptActions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: script.range, context: { diagnostics: [script] } });
    assert.deepEqual(scriptActions.filter((a) => a.title.startsWith('Ignore')), []);
  });

  it('clears the cache and re-checks the open documents', async () => {
    const uri = fileUri(join(dir, 'web', 'package.json'));
    client.reset(uri);
    const result = await client.request<{ cleared: boolean }>('workspace/executeCommand', { command: ServerCommand.clearCache, arguments: [] });
    assert.equal(typeof result.cleared, 'boolean');
    await client.waitForDiagnostics(uri, (d) => unpinned(d).length === 2);
  });

  it('sends manifestGuard/status: idle once the checks are done', async () => {
    for (let i = 0; i < 50 && statuses.at(-1)?.running !== 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(statuses.length > 0, 'at least one status notification');
    assert.equal(statuses.at(-1)?.running, 0);
  });
});
