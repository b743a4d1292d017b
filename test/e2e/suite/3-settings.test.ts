/** Settings changes reach the server without a reload, and the diagnostics follow. */
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { delay, extensionApi, findingOn, nextDiagnosticsChange, openManifest, ruleOf, updateSetting, waitForDiagnostics } from './helpers';

/** Rules that need registry answers; none may report while offline. */
const ONLINE_RULES = new Set(['new-release', 'deprecated', 'yanked', 'vulnerable', 'malicious', 'publisher-change', 'suspicious-release', 'unknown-package']);

describe('settings', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = (await openManifest('npm-webapp/package.json')).document;
    await waitForDiagnostics(document.uri, (d) => findingOn(d, document, 'unpinned-version', '^4.18.2') !== undefined, 'express unpinned');
  });

  after(async () => {
    for (const key of ['severity', 'offline', 'allowlist', 'registries.npm']) await updateSetting(key, undefined);
    await updateSetting('allowlist', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a rule severity changes the diagnostics severity, and `off` silences the rule', async () => {
    await updateSetting('severity', { 'unpinned-version': 'error' });
    await waitForDiagnostics(document.uri, (d) => findingOn(d, document, 'unpinned-version', '^4.18.2')?.severity === vscode.DiagnosticSeverity.Error, 'express as an error');

    await updateSetting('severity', { 'unpinned-version': 'off' });
    const silenced = await waitForDiagnostics(document.uri, (d) => !d.some((x) => ruleOf(x) === 'unpinned-version'), 'no unpinned-version finding');
    assert.ok(silenced.some((d) => ruleOf(d) === 'install-script'), 'the other rules still report');

    await updateSetting('severity', undefined);
    // Back to the rule's own severity: information, as package-lock.json pins express.
    await waitForDiagnostics(document.uri, (d) => findingOn(d, document, 'unpinned-version', '^4.18.2')?.severity === vscode.DiagnosticSeverity.Information, 'express back to information');
  });

  it('user and workspace allowlists are combined, not overridden', async () => {
    await updateSetting('allowlist', ['unpinned-version:express'], vscode.ConfigurationTarget.Global);
    await updateSetting('allowlist', ['unpinned-version:react']);
    await waitForDiagnostics(
      document.uri,
      (d) => findingOn(d, document, 'unpinned-version', '^4.18.2') === undefined && findingOn(d, document, 'unpinned-version', '~18.2.0') === undefined && findingOn(d, document, 'unpinned-version', 'latest') !== undefined,
      'express (user list) and react (workspace list) allowed, left-pad still flagged',
    );
    await updateSetting('allowlist', undefined, vscode.ConfigurationTarget.Global);
    await updateSetting('allowlist', undefined);
    await waitForDiagnostics(document.uri, (d) => findingOn(d, document, 'unpinned-version', '^4.18.2') !== undefined, 'express flagged again');
  });

  it('offline: the status bar says so, the server re-checks, and no registry request is made', async () => {
    const api = await extensionApi();
    // A registry that only counts: were the server to ask it anything while offline, the test would see it.
    let requests = 0;
    const registry: Server = createServer((_req, res) => {
      requests++;
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
    });
    await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
    try {
      const rechecked = nextDiagnosticsChange(document.uri);
      await updateSetting('offline', true);
      await rechecked;
      assert.equal(api.status().offline, true);
      assert.match(api.status().text, /offline/);
      // Offline first, then the registry: no moment in which the server may ask it.
      await updateSetting('registries.npm', `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`);

      // An edit forces a fresh analysis of the document under the offline setting.
      const editor = await vscode.window.showTextDocument(document);
      try {
        const edited = nextDiagnosticsChange(document.uri);
        await editor.edit((e) => e.insert(new vscode.Position(0, 1), ' '));
        await edited;
        const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length > 0, 'the findings after the edit');
        assert.deepEqual(diagnostics.filter((d) => ONLINE_RULES.has(ruleOf(d) ?? '')), [], 'no registry-backed finding while offline');
        assert.equal(requests, 0, 'no request reached the registry');
      } finally {
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }

      const back = nextDiagnosticsChange(document.uri);
      await updateSetting('offline', undefined);
      await back;
      assert.equal(api.status().offline, false);
      assert.doesNotMatch(api.status().text, /offline/);
      // Online again, the dependencies are looked up in the registry the settings name.
      for (let waited = 0; requests === 0 && waited < 20_000; waited += 100) await delay(100);
      assert.ok(requests > 0, 'the configured npm registry is asked once online');
    } finally {
      registry.close();
    }
  });
});
