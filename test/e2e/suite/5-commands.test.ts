/** The palette commands are contributed, registered, and do their job. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { delay, EXTENSION_ID, openManifest, waitForDiagnostics } from './helpers';

interface ContributedCommand {
  command: string;
  title: string;
}

describe('commands', () => {
  it('contributes scan, pin all, clear cache and show output, all registered', async () => {
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: ContributedCommand[] } }).contributes.commands.map((c) => c.command);
    assert.deepEqual(contributed.sort(), ['manifestGuard.clearCache', 'manifestGuard.pinAllInFile', 'manifestGuard.scanWorkspace', 'manifestGuard.showOutput']);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of [...contributed, 'manifestGuard.addToWorkspaceAllowlist', 'manifestGuard.showRuleDocs']) assert.ok(registered.has(command), `${command} is registered`);
  });

  it('clear cache re-checks the open manifests', async () => {
    const document = (await openManifest('python-service/requirements.txt')).document;
    await waitForDiagnostics(document.uri, (d) => d.length > 0, 'the requirements findings');
    const result = await vscode.commands.executeCommand<{ cleared: boolean }>('manifestGuard.clearCache');
    assert.equal(typeof result?.cleared, 'boolean');
    await waitForDiagnostics(document.uri, (d) => d.length > 0, 'the findings again');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a diagnostic\'s rule link opens the shipped rule documentation inside VS Code', async () => {
    const document = (await openManifest('python-service/requirements.txt')).document;
    const [diagnostic] = await waitForDiagnostics(document.uri, (d) => d.length > 0, 'a finding with a rule link');
    const code = diagnostic.code as { value: string; target: vscode.Uri };
    // What the Problems panel and the hover do on a click: open the link, a command URI.
    assert.equal(code.target.scheme, 'command');
    assert.equal(code.target.path, 'manifestGuard.showRuleDocs');
    const args = JSON.parse(code.target.query) as unknown[];
    assert.deepEqual(args, [code.value]);
    assert.equal(await vscode.commands.executeCommand('manifestGuard.showRuleDocs', ...args), true);
    // The Markdown preview registers its tab a moment after the command returns.
    const page = `${code.value}.md`;
    let labels: string[] = [];
    for (let i = 0; i < 50 && !labels.some((l) => l.includes(page)); i++) {
      await delay(100);
      labels = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    }
    assert.ok(labels.some((l) => l.includes(page)), `no tab for ${page}: ${labels.join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('show output opens the Manifest Guard log', async () => {
    await vscode.commands.executeCommand('manifestGuard.showOutput');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });
});
