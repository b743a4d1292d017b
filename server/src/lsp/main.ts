/**
 * The language server entry (`node dist/server.js --stdio`, or IPC when started by the client).
 * A thin adapter: LSP in, core analysis, LSP out.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
