/**
 * The VS Code client: starts the bundled language server in its own Node process (IPC) and
 * tells it which documents to check. Everything else happens in the server.
 */
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export const DOCUMENT_SELECTOR: LanguageClientOptions['documentSelector'] = [
  { scheme: 'file', language: 'json', pattern: '**/package.json' },
  { scheme: 'file', language: 'pip-requirements' },
  { scheme: 'untitled', language: 'pip-requirements' },
  { scheme: 'file', pattern: '**/*.{csproj,fsproj,vbproj}' },
  { scheme: 'file', pattern: '**/Directory.{Packages,Build}.props' },
];

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: 'manifestGuard' },
  };
  client = new LanguageClient('manifestGuard', 'Manifest Guard', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
