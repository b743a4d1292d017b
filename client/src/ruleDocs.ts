/**
 * Opens a rule's documentation, shipped with the extension as docs/rules/<id>.md, in VS Code's
 * Markdown preview: a diagnostic's rule link is a command URI naming this command (see
 * server/src/lsp/protocol.ts), so the click works offline and stays inside the editor.
 */
import { commands, Uri, window, workspace, type Disposable, type ExtensionContext } from 'vscode';
import { SHOW_RULE_DOCS_COMMAND } from '../../server/src/lsp/protocol';

/** Rule ids are lowercase words joined by `-`: nothing else may become part of a path. */
const RULE_ID = /^[a-z]+(-[a-z]+)*$/;

export function ruleDocsFile(extensionUri: Uri, ruleId: unknown): Uri | undefined {
  return typeof ruleId === 'string' && RULE_ID.test(ruleId) ? Uri.joinPath(extensionUri, 'docs', 'rules', `${ruleId}.md`) : undefined;
}

async function showRuleDocs(context: ExtensionContext, ruleId: unknown): Promise<boolean> {
  const file = ruleDocsFile(context.extensionUri, ruleId);
  if (!file) return false;
  try {
    await workspace.fs.stat(file);
  } catch {
    void window.showWarningMessage(`Manifest Guard has no documentation for the rule "${String(ruleId)}".`);
    return false;
  }
  try {
    await commands.executeCommand('markdown.showPreview', file);
  } catch {
    // Without the built-in Markdown extension, the page as text is still the page.
    await window.showTextDocument(file, { preview: true });
  }
  return true;
}

export function registerRuleDocs(context: ExtensionContext): Disposable {
  return commands.registerCommand(SHOW_RULE_DOCS_COMMAND, (ruleId: unknown) => showRuleDocs(context, ruleId));
}
