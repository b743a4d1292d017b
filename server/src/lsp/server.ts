/** Wires LSP requests to the analysis core. Everything stateful lives in small objects created here. */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseSettings, type Settings } from '../core/settings';
import { codeActionsFor } from './codeActions';
import { toDiagnostics } from './diagnostics';
import { DocumentAnalyses } from './documentState';
import { dependencyAt, hoverMarkdown, scriptHoverMarkdown } from './hoverContent';
import { pinAllAction } from './pinAll';

/** Typing pauses shorter than this do not trigger a new analysis. */
const CHANGE_DEBOUNCE_MS = 120;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const logger = {
    error: (m: string) => connection.console.error(m),
    info: (m: string) => connection.console.info(m),
  };
  const analyses = new DocumentAnalyses(logger);
  const timers = new Map<string, NodeJS.Timeout>();
  let initOptions: unknown = {};
  let canPullConfiguration = false;
  let settingsPromise: Promise<Settings> | undefined;

  function settings(): Promise<Settings> {
    if (!settingsPromise) {
      settingsPromise = (async () => {
        const base = (initOptions as { settings?: unknown })?.settings ?? initOptions;
        if (!canPullConfiguration) return parseSettings(base);
        try {
          const [pulled] = await connection.workspace.getConfiguration([{ section: 'manifestGuard' }]);
          return parseSettings({ ...(base as object), ...(pulled as object) });
        } catch {
          return parseSettings(base);
        }
      })();
    }
    return settingsPromise;
  }

  async function validate(doc: TextDocument): Promise<void> {
    const current = await settings();
    // The document may have changed or closed while settings were fetched: never publish stale results.
    const latest = documents.get(doc.uri);
    if (!latest || latest.version !== doc.version) return;
    try {
      const result = analyses.get(latest, current);
      if (!result) return;
      await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: toDiagnostics(result.analysis.findings, result.lines, doc.version) });
    } catch (err) {
      logger.error(`analysis of ${doc.uri} failed: ${(err as Error)?.stack ?? String(err)}`);
    }
  }

  function schedule(doc: TextDocument, delay: number): void {
    clearTimeout(timers.get(doc.uri));
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        void validate(doc);
      }, delay),
    );
  }

  connection.onInitialize((params): InitializeResult => {
    initOptions = params.initializationOptions ?? {};
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Source] },
      },
      serverInfo: { name: 'manifest-guard', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'manifestGuard' });
  });

  connection.onDidChangeConfiguration((change) => {
    if (!canPullConfiguration && change.settings) initOptions = (change.settings as { manifestGuard?: unknown }).manifestGuard ?? change.settings;
    settingsPromise = undefined;
    analyses.clear();
    for (const doc of documents.all()) schedule(doc, 0);
  });

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => schedule(e.document, CHANGE_DEBOUNCE_MS));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    analyses.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const result = analyses.get(doc, await settings());
    if (!result) return null;
    const offset = result.lines.offsetAt(params.position);
    const dep = dependencyAt(result.analysis, offset);
    if (dep) {
      return { contents: { kind: 'markdown', value: hoverMarkdown(result.analysis, dep, result.locked?.versionOf(dep)) }, range: result.lines.rangeOf(dep.nameSpan.start <= offset && offset <= dep.nameSpan.end ? dep.nameSpan : dep.specSpan ?? dep.nameSpan) };
    }
    const script = scriptHoverMarkdown(result.analysis, offset);
    return script ? { contents: { kind: 'markdown', value: script } } : null;
  });

  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const result = analyses.get(doc, await settings());
    if (!result) return null;
    const span = { start: result.lines.offsetAt(params.range.start), end: result.lines.offsetAt(params.range.end) };
    const actions: CodeAction[] = codeActionsFor(doc.uri, result.analysis, result.lines, span, params.context.diagnostics);
    const only = params.context.only;
    const pinAll = pinAllAction(doc.uri, result);
    if (pinAll && (!only || only.some((k) => k === CodeActionKind.Source || k.startsWith(`${CodeActionKind.Source}.`)))) actions.push(pinAll);
    return only ? actions.filter((a) => only.some((k) => a.kind === k || a.kind?.startsWith(`${k}.`))) : actions;
  });

  documents.listen(connection);
  connection.listen();
}

