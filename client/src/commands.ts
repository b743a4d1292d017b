/**
 * The commands users run (palette, status bar) and the one the "Ignore NAME for this rule" code
 * action runs. The work happens in the server; these add the editor's part: progress, messages,
 * the active document, settings.
 */
import { randomUUID } from 'node:crypto';
import { commands, ProgressLocation, window, workspace, type Disposable, type OutputChannel } from 'vscode';
import { ExecuteCommandRequest, WorkDoneProgress, type LanguageClient, type WorkDoneProgressBegin, type WorkDoneProgressReport, type WorkDoneProgressEnd } from 'vscode-languageclient/node';
import { ADD_TO_WORKSPACE_ALLOWLIST_COMMAND, ServerCommand, type ClearCacheResult, type PinAllParams, type PinAllResult, type ScanWorkspaceParams, type ScanWorkspaceResult } from '../../server/src/lsp/protocol';
import { addToWorkspaceAllowlist } from './settings';
import { isManifest } from './documentSelector';
import { SHOW_OUTPUT_COMMAND } from './statusBar';

export const Command = {
  scanWorkspace: 'manifestGuard.scanWorkspace',
  pinAllInFile: 'manifestGuard.pinAllInFile',
  clearCache: 'manifestGuard.clearCache',
  showOutput: SHOW_OUTPUT_COMMAND,
} as const;

type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

/** Runs the server's scan inside a cancellable notification fed by the server's work-done progress. */
async function scanWorkspace(client: LanguageClient): Promise<ScanWorkspaceResult | undefined> {
  const folders = (workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.toString());
  if (folders.length === 0) {
    void window.showInformationMessage('Manifest Guard: open a folder to scan its manifests.');
    return undefined;
  }
  const result = await window.withProgress({ location: ProgressLocation.Notification, title: 'Manifest Guard', cancellable: true }, async (progress, cancel) => {
    const workDoneToken = randomUUID();
    let done = 0;
    const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value: ProgressValue) => {
      if (value.kind === 'end') return;
      // LSP reports absolute percentages; VS Code wants increments.
      const increment = value.percentage !== undefined ? Math.max(0, value.percentage - done) : undefined;
      if (value.percentage !== undefined) done = Math.max(done, value.percentage);
      progress.report({ message: value.message, increment });
    });
    try {
      const params: ScanWorkspaceParams = { folders };
      return (await client.sendRequest(ExecuteCommandRequest.type, { command: ServerCommand.scanWorkspace, arguments: [params], workDoneToken }, cancel)) as ScanWorkspaceResult;
    } finally {
      listener.dispose();
    }
  });
  const summary = `Manifest Guard checked ${result.files} manifest${result.files === 1 ? '' : 's'}${result.cancelled ? ' before it was cancelled' : ''}: ${result.findings} finding${result.findings === 1 ? '' : 's'} in files not open${result.open ? `, ${result.open} open file${result.open === 1 ? '' : 's'} checked as you edit` : ''}.`;
  void window.showInformationMessage(summary, 'Show Problems').then((choice) => {
    if (choice) void commands.executeCommand('workbench.actions.view.problems');
  });
  return result;
}

async function pinAllInFile(client: LanguageClient): Promise<PinAllResult | undefined> {
  const document = window.activeTextEditor?.document;
  if (!document || !isManifest(document)) {
    void window.showInformationMessage('Manifest Guard: open a package.json, requirements file or project file to pin its dependencies.');
    return undefined;
  }
  const params: PinAllParams = { uri: client.code2ProtocolConverter.asUri(document.uri) };
  const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: ServerCommand.pinAll, arguments: [params] })) as PinAllResult;
  if (result.pinned === 0) void window.showInformationMessage('Manifest Guard: nothing to pin here — no unpinned dependency has a version in a lockfile.');
  else if (!result.applied) void window.showWarningMessage('Manifest Guard: the file changed while pinning; run the command again.');
  return result;
}

async function clearCache(client: LanguageClient): Promise<ClearCacheResult> {
  const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: ServerCommand.clearCache, arguments: [] })) as ClearCacheResult;
  void window.showInformationMessage(result.cleared ? 'Manifest Guard: registry cache cleared; open manifests are checked again.' : 'Manifest Guard: open manifests are checked again (no registry cache in use).');
  return result;
}

export function registerCommands(client: LanguageClient, output: OutputChannel): Disposable[] {
  return [
    commands.registerCommand(Command.scanWorkspace, () => scanWorkspace(client)),
    commands.registerCommand(Command.pinAllInFile, () => pinAllInFile(client)),
    commands.registerCommand(Command.clearCache, () => clearCache(client)),
    commands.registerCommand(Command.showOutput, () => output.show(true)),
    commands.registerCommand(ADD_TO_WORKSPACE_ALLOWLIST_COMMAND, (entry: unknown) => (typeof entry === 'string' ? addToWorkspaceAllowlist(entry) : false)),
  ];
}
