/**
 * The VS Code client: starts the bundled language server in its own Node process (IPC) and adds
 * what only the editor can do — commands, the status bar item, settings and workspace trust.
 * Everything about dependencies happens in the server.
 */
import { commands, window, workspace, type ExtensionContext, type TextEditor } from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/lsp/protocol';
import { registerCommands } from './commands';
import { isManifest } from './documentSelector';
import { registerRuleDocs } from './ruleDocs';
import { createLanguageClient } from './serverClient';
import { ManifestStatusBar, type StatusSnapshot } from './statusBar';

/** What `activate` returns: read by the end-to-end tests through `extensions.getExtension(…).exports`. */
export interface ManifestGuardApi {
  status(): StatusSnapshot;
}

/** Lets `when` clauses (the palette entry of "Pin all") know that the active editor is a manifest. */
const ACTIVE_MANIFEST_CONTEXT = 'manifestGuard.activeEditorIsManifest';

let client: LanguageClient | undefined;

function updateActiveEditorContext(editor: TextEditor | undefined): void {
  void commands.executeCommand('setContext', ACTIVE_MANIFEST_CONTEXT, isManifest(editor?.document));
}

export async function activate(context: ExtensionContext): Promise<ManifestGuardApi> {
  const output = window.createOutputChannel('Manifest Guard', { log: true });
  const statusBar = new ManifestStatusBar();
  const languageClient = createLanguageClient(context, output);
  client = languageClient;

  context.subscriptions.push(
    output,
    statusBar,
    ...registerCommands(languageClient, output),
    registerRuleDocs(context),
    languageClient.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => statusBar.update(params)),
    languageClient.onDidChangeState((e) => statusBar.setServerDown(e.newState !== State.Running)),
    window.onDidChangeActiveTextEditor(updateActiveEditorContext),
    // The server started with trusted = false (offline checks, no workspace registry config): restart it trusted.
    workspace.onDidGrantWorkspaceTrust(() => {
      output.info('Workspace trusted: restarting the server with registry checks and workspace configuration.');
      void languageClient.restart();
    }),
  );
  updateActiveEditorContext(window.activeTextEditor);

  await languageClient.start();
  return { status: () => statusBar.current() };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
