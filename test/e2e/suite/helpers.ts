/**
 * What the end-to-end suites share. Everything goes through the public `vscode` API, as a user's
 * actions would; the one extra channel is the screenshot request, answered by the runner.
 */
import * as assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ManifestGuardApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'manifest-guard.manifest-guard';
export const SOURCE = 'manifest-guard';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run on a copy of examples/ opened as the workspace folder');
  return folder.uri;
}

export function exampleUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

export async function extensionApi(): Promise<ManifestGuardApi> {
  const extension = vscode.extensions.getExtension<ManifestGuardApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is loaded from extensionDevelopmentPath`);
  return extension.activate();
}

export async function openManifest(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(exampleUri(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Discards the test's edits to the active editor and closes it. */
export async function revertAndClose(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/** Opens a manifest for a test that edits it, and discards the edits afterwards, pass or fail. */
export async function withManifest(relativePath: string, test: (editor: vscode.TextEditor) => Promise<void>): Promise<void> {
  const editor = await openManifest(relativePath);
  try {
    await test(editor);
  } finally {
    await revertAndClose(editor);
  }
}

export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Resolves with our diagnostics of `uri` once `predicate` holds for them. */
export function waitForDiagnostics(uri: vscode.Uri, predicate: (diagnostics: vscode.Diagnostic[]) => boolean, what = 'the expected diagnostics', timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = ours(uri);
      if (!predicate(current)) return false;
      cleanup();
      resolve(current);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const seen = ours(uri).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${ruleOf(d)} ${d.message.slice(0, 80)}`);
      reject(new Error(`timed out waiting for ${what} on ${vscode.workspace.asRelativePath(uri)}; diagnostics now:\n  ${seen.join('\n  ') || '(none)'}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      listener.dispose();
    };
    check();
  });
}

/** Resolves on the next diagnostics change of `uri` (a re-check, even with the same results). */
export function nextDiagnosticsChange(uri: vscode.Uri, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`no diagnostics were published for ${vscode.workspace.asRelativePath(uri)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      clearTimeout(timer);
      listener.dispose();
      resolve();
    });
  });
}

export function findingOn(diagnostics: vscode.Diagnostic[], document: vscode.TextDocument, rule: string, text: string): vscode.Diagnostic | undefined {
  return diagnostics.find((d) => ruleOf(d) === rule && document.getText(d.range).includes(text));
}

/** The position of the `occurrence`-th `text` in the document, plus `offset` characters. */
export function positionOf(document: vscode.TextDocument, text: string, offset = 0): vscode.Position {
  const index = document.getText().indexOf(text);
  assert.ok(index >= 0, `"${text}" is in ${vscode.workspace.asRelativePath(document.uri)}`);
  return document.positionAt(index + offset);
}

export async function quickFixesAt(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = (await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', document.uri, range)) ?? [];
  // A bare Command has a string `command`; a CodeAction's `command`, if any, is an object.
  return actions.filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
}

/** Applies a code action as the editor does: its edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.equal(await vscode.workspace.applyEdit(action.edit), true, `the edit of "${action.title}" applies`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

export async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

export async function updateSetting(key: string, value: unknown, target = vscode.ConfigurationTarget.Workspace): Promise<void> {
  await vscode.workspace.getConfiguration('manifestGuard').update(key, value, target);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The folder where the code-server runner picks up requests from the tests (unset elsewhere). */
export const RUNNER_REQUESTS = process.env.MANIFEST_GUARD_E2E_REQUESTS;

/** Leaves `NAME.EXT` for the runner and waits for the file that says it is done. */
async function askRunner(dir: string, request: string, content: string, done: string, what: string): Promise<void> {
  writeFileSync(join(dir, request), content);
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (existsSync(join(dir, done))) return;
    await delay(100);
  }
  throw new Error(`the runner did not ${what}`);
}

/**
 * Asks the runner for a screenshot of the workbench (for the README) and waits until it is
 * written. Only the code-server runner answers; elsewhere this does nothing.
 */
export async function screenshot(name: string): Promise<void> {
  if (RUNNER_REQUESTS) await askRunner(RUNNER_REQUESTS, `${name}.screenshot`, '', `${name}.png`, `take the screenshot "${name}"`);
}

/**
 * Asks the runner to click the workbench button labelled `label`: for the few user decisions no
 * API can make, such as trusting a workspace. Only the code-server runner can.
 */
export async function clickButton(name: string, label: string): Promise<void> {
  assert.ok(RUNNER_REQUESTS, 'only the code-server runner can click in the workbench');
  await askRunner(RUNNER_REQUESTS, `${name}.click`, label, `${name}.clicked`, `click "${label}"`);
}
