/**
 * A plain LSP client over stdio for tests: spawns `node dist/server.js --stdio` as a real process
 * and speaks JSON-RPC to it, like any editor would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const SERVER_JS = join(REPO_ROOT, 'dist', 'server.js');

export interface StartOptions {
  settings?: Record<string, unknown>;
  /** Answer `workspace/configuration` requests (pull model) instead of relying on initializationOptions. */
  pullConfiguration?: boolean;
  rootPath?: string;
  env?: NodeJS.ProcessEnv;
  /** Extra initializationOptions beside `settings` (`storagePath`, `trusted`, as the VS Code client sends them). */
  initializationOptions?: Record<string, unknown>;
  /** Node flags for the server process (benchmarks pass SERVER_NODE_FLAGS, as the VS Code client does). */
  nodeArgs?: string[];
}

export class TestLspClient {
  private readonly waiters: Array<{ uri: string; predicate: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }> = [];
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly logs: string[] = [];
  settings: Record<string, unknown>;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
  }

  static async start(options: StartOptions = {}): Promise<TestLspClient> {
    const proc = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    const connection = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new TestLspClient(proc, connection, options);
    proc.stderr!.on('data', (d: Buffer) => client.logs.push(d.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.diagnostics.set(p.uri, p.diagnostics);
      for (const w of [...client.waiters]) {
        if (w.uri === p.uri && w.predicate(p.diagnostics)) {
          client.waiters.splice(client.waiters.indexOf(w), 1);
          w.resolve(p.diagnostics);
        }
      }
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      client.logs.push(p.message);
    });
    connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => p.items.map(() => client.settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    const rootUri = options.rootPath ? pathToFileURL(options.rootPath).href : null;
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
      capabilities: {
        workspace: { configuration: options.pullConfiguration ?? true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown'] }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } },
      },
      initializationOptions: { ...options.initializationOptions, settings: options.settings ?? {} },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `predicate` (or the current ones if they already do). */
  waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const current = this.diagnostics.get(uri);
    if (current && predicate(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri))}\nlogs: ${this.logs.join('\n')}`)), timeoutMs);
      this.waiters.push({ uri, predicate, resolve: (d) => { clearTimeout(timer); resolve(d); } });
    });
  }

  /** Forgets stored diagnostics so the next wait sees only fresh ones. */
  reset(uri: string): void {
    this.diagnostics.delete(uri);
  }

  async notify(method: string, params: unknown): Promise<void> {
    await this.connection.sendNotification(method, params);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { manifestGuard: settings } });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      /* already gone */
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}
