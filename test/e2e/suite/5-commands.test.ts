/** The palette commands are contributed, registered, and do their job. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openManifest, waitForDiagnostics } from './helpers';

interface ContributedCommand {
  command: string;
  title: string;
}

describe('commands', () => {
  it('contributes scan, pin all, clear cache and show output, all registered', async () => {
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: ContributedCommand[] } }).contributes.commands.map((c) => c.command);
    assert.deepEqual(contributed.sort(), ['manifestGuard.clearCache', 'manifestGuard.pinAllInFile', 'manifestGuard.scanWorkspace', 'manifestGuard.showOutput']);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of [...contributed, 'manifestGuard.addToWorkspaceAllowlist']) assert.ok(registered.has(command), `${command} is registered`);
  });

  it('clear cache re-checks the open manifests', async () => {
    const document = (await openManifest('python-service/requirements.txt')).document;
    await waitForDiagnostics(document.uri, (d) => d.length > 0, 'the requirements findings');
    const result = await vscode.commands.executeCommand<{ cleared: boolean }>('manifestGuard.clearCache');
    assert.equal(typeof result?.cleared, 'boolean');
    await waitForDiagnostics(document.uri, (d) => d.length > 0, 'the findings again');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('show output opens the Manifest Guard log', async () => {
    await vscode.commands.executeCommand('manifestGuard.showOutput');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });
});
