/**
 * Workspace trust: in restricted mode only offline checks run and workspace settings that could
 * redirect registry traffic are not applied; granting trust restarts the server with them.
 * The runner opens this workspace untrusted, with a .vscode/settings.json that sets such values.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { clickButton, delay, extensionApi, findingOn, openManifest, waitForDiagnostics } from '../suite/helpers';

const WORKSPACE_REGISTRY = 'http://127.0.0.1:9/workspace-registry/';

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 100) {
    if (waited > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await delay(100);
  }
}

describe('an untrusted workspace', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = (await openManifest('npm-webapp/package.json')).document;
  });

  it('runs the offline checks, says so in the status bar, and ignores workspace registry URLs', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the runner opened the workspace in restricted mode');
    const api = await extensionApi();
    await waitForDiagnostics(document.uri, (d) => findingOn(d, document, 'unpinned-version', '^4.18.2') !== undefined, 'the offline findings');
    const status = api.status();
    assert.equal(status.offline, true);
    assert.match(status.text, /offline/);
    assert.match(status.tooltip, /not trusted/);

    // The workspace sets it (the next test sees it once trusted), but a restricted setting's workspace value is withheld.
    const config = vscode.workspace.getConfiguration('manifestGuard');
    assert.notEqual(config.get('registries.npm'), WORKSPACE_REGISTRY, 'the workspace value is withheld');
    assert.equal(config.inspect('registries.npm')?.workspaceValue, undefined);
  });

  it('granting trust restarts the server with registry checks and the workspace settings', async () => {
    const api = await extensionApi();
    const granted = new Promise<void>((resolve) => {
      const listener = vscode.workspace.onDidGrantWorkspaceTrust(() => {
        listener.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('workbench.trust.manage');
    await clickButton('trust', 'Trust');
    await granted;
    assert.equal(vscode.workspace.isTrusted, true);
    await until(() => !api.status().serverDown && api.status().offline === false, 'the restarted server is online');
    assert.equal(vscode.workspace.getConfiguration('manifestGuard').get('registries.npm'), WORKSPACE_REGISTRY);
    await vscode.window.showTextDocument(document);
    await waitForDiagnostics(document.uri, (d) => findingOn(d, document, 'unpinned-version', '^4.18.2') !== undefined, 'the findings from the restarted server');
    // The workspace's registry does not answer (nothing listens on port 9): the status bar says so.
    await until(() => api.status().registryError !== undefined, 'the status bar reports the registry error');
    assert.match(api.status().text, /\$\(warning\)|\$\(sync~spin\)/);
    assert.match(api.status().tooltip, /Registry error/);
  });
});
