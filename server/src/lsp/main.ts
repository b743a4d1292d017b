/**
 * The language server entry (`node dist/server.js --stdio`, or IPC when started by the client).
 * A thin adapter: LSP in, core analysis, LSP out.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { getAnalysisServices } from '../analysis/services';
import { logEscapedErrors } from './processGuards';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
// Here, not in startServer: the process is this entry's to guard.
logEscapedErrors((message) => connection.console.error(message));
// The process's worker thread and popularity index, built here and handed down (analysis/services.ts).
startServer(connection, getAnalysisServices({ onError: (message) => connection.console.error(message) }));
