/**
 * Creates the language client: the bundled server (dist/server.js) in its own Node process over
 * IPC, the documents it checks, the options it starts with, and the settings middleware.
 */
import * as path from 'node:path';
import { workspace, type ExtensionContext, type LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR } from './documentSelector';
import { effectiveSettings, SECTION, settingsMiddleware } from './settings';
import { SERVER_ENV, SERVER_NODE_FLAGS, type InitializationOptions } from '../../server/src/lsp/protocol';


/** Read at every (re)start, so a restart after trust is granted tells the server. */
function initializationOptions(context: ExtensionContext): InitializationOptions {
  const section = workspace.getConfiguration().get<Record<string, unknown>>(SECTION) ?? {};
  return { trusted: workspace.isTrusted, storagePath: context.globalStorageUri.fsPath, settings: effectiveSettings(section) };
}

export function createLanguageClient(context: ExtensionContext, outputChannel: LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: SERVER_NODE_FLAGS, env: SERVER_ENV } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6010'], env: SERVER_ENV } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // The server pulls `manifestGuard` settings; this makes the client notify it of every change.
    synchronize: { configurationSection: SECTION },
    initializationOptions: () => initializationOptions(context),
    middleware: settingsMiddleware,
    outputChannel,
  };
  return new LanguageClient(SECTION, 'Manifest Guard', serverOptions, clientOptions);
}
