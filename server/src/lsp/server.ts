/** Wires LSP requests to the analysis core. Everything stateful lives in small objects created here. */
import { eventLoopDelay } from './eventLoopDelay';
import { join } from 'node:path';
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
import { codeActionsFor } from './codeActions';
import { DocumentAnalyses, filePathOf } from './documentState';
import { dependencyAt, hoverMarkdown, scriptHoverMarkdown } from './hoverContent';
import { pinAllAction } from './pinAll';
import { registerCommands, SERVER_COMMANDS } from './commands';
import { ignoreActionsFor } from './ignoreAction';
import { StatusReporter } from './status';
import { Enrichment } from './enrichment';
import type { AnalysisServices } from '../analysis/services';
import { IndexWarmup } from './indexWarmup';
import { MemoryReclaim } from './memoryReclaim';
import { DiagnosticsPublisher } from './publisher';
import { SettingsSource } from './settingsSource';

export function startServer(connection: Connection, services: AnalysisServices): void {
  const documents = new TextDocuments(TextDocument);
  const logger = {
    error: (m: string) => connection.console.error(m),
    info: (m: string) => connection.console.info(m),
  };
  const status = new StatusReporter(connection);
  const settingsSource = new SettingsSource(connection);
  const settings = settingsSource.current;
  let workspaceFolderEvents = false;
  /** The workspace folders as file system paths: the bounds `-r`/`-c` includes are followed within. */
  let roots: string[] = [];
  /** The background registry pass; undefined in an untrusted workspace (offline checks only). */
  let enrichment: Enrichment | undefined;

  const warmup = new IndexWarmup(services, logger, () => {
    for (const doc of documents.all()) publisher.republish(doc.uri, doc.version);
  });
  const analyses = new DocumentAnalyses(logger, services.names, warmup.want, services.specs);
  const publisher = new DiagnosticsPublisher({
    documents,
    analyses,
    settings,
    send: (params) => connection.sendDiagnostics(params),
    logger,
    status,
    afterPublish: (doc, result, current) => {
      warmup.buildSoon();
      // Offline findings are out; registry findings follow and are merged by `republish`.
      enrichment?.configure(current);
      enrichment?.startSoon({ uri: doc.uri, version: doc.version, kind: result.kind, path: filePathOf(doc.uri), manifest: result.analysis.manifest, locked: result.locked, tree: result.analysis.tree }, current);
    },
  });
  const recheckAll = () => {
    for (const doc of documents.all()) publisher.recheck(doc);
  };
  /** Settings changed or the cache was cleared: nothing analysed before still holds. */
  const reanalyseAll = () => {
    analyses.clear();
    recheckAll();
  };

  connection.onInitialize((params): InitializeResult => {
    const initOptions = settingsSource.initialize(params);
    workspaceFolderEvents = params.capabilities.workspace?.workspaceFolders === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = pathsOf(folders);
    analyses.setWorkspaceRoots(roots);
    const { storagePath } = initOptions as { storagePath?: unknown };
    // The .vsix ships no prebuilt typosquat tables (too large): the ones built here are kept.
    if (typeof storagePath === 'string' && storagePath !== '') services.setTableCacheDir(join(storagePath, 'typosquat-tables'));
    startRegistries(initOptions as { storagePath?: unknown; trusted?: unknown });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Source] },
        executeCommandProvider: { commands: SERVER_COMMANDS },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'manifest-guard', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (settingsSource.pullsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'manifestGuard' });
    if (workspaceFolderEvents) {
      // A folder added or removed moves the bounds of every open manifest's includes: re-check them.
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(pathsOf(e.removed.map((f) => f.uri)));
        roots = [...roots.filter((r) => !removed.has(r)), ...pathsOf(e.added.map((f) => f.uri))];
        analyses.setWorkspaceRoots(roots);
        recheckAll();
      });
    }
  });

  connection.onDidChangeConfiguration((change) => {
    settingsSource.changed(change);
    reanalyseAll();
  });

  // TextDocuments fires onDidChangeContent right after onDidOpen, for the same text too: one
  // handler serves both (the publisher times it by the document's last analysis).
  const reclaim = new MemoryReclaim(() => analyses.analysing);
  documents.onDidChangeContent((e) => {
    reclaim.sized(e.document.uri, e.document.getText().length);
    publisher.changed(e.document, analyses.peek(e.document.uri));
  });
  documents.onDidClose((e) => {
    reclaim.closed(e.document.uri);
    enrichment?.cancel(e.document.uri);
    analyses.forget(e.document.uri);
    publisher.closed(e.document.uri);
  });

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    // While a large document is analysed in slices, its hover uses the previous analysis.
    const result = analyses.getOrPrevious(doc, await settings());
    if (!result) return null;
    const offset = result.lines.offsetAt(params.position);
    const dep = dependencyAt(result.analysis, offset);
    if (dep) {
      return { contents: { kind: 'markdown', value: hoverMarkdown(result.analysis, dep, result.locked?.versionOf(dep), result.registry, services.specs) }, range: result.lines.rangeOf(dep.nameSpan.start <= offset && offset <= dep.nameSpan.end ? dep.nameSpan : dep.specSpan ?? dep.nameSpan) };
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
    const actions: CodeAction[] = [
      ...codeActionsFor(doc.uri, result.analysis, result.version, result.lines, span, params.context.diagnostics),
      ...ignoreActionsFor(result.analysis, result.version, result.lines, span, params.context.diagnostics),
    ];
    const only = params.context.only;
    const pinAll = pinAllAction(doc.uri, result);
    if (pinAll && (!only || only.some((k) => k === CodeActionKind.Source || k.startsWith(`${CodeActionKind.Source}.`)))) actions.push(pinAll);
    return only ? actions.filter((a) => only.some((k) => a.kind === k || a.kind?.startsWith(`${k}.`))) : actions;
  });

  const commandHooks = registerCommands({
    connection,
    documents,
    settings,
    analyze: async (doc) => analyses.get(doc, await settings()),
    revalidateOpenDocuments: reanalyseAll,
    status,
    logger,
    names: services.names,
    specs: services.specs,
    registry: () => enrichment,
  });

  /**
   * Registry lookups, unless the workspace is untrusted (`trusted: false`): then only offline
   * checks run and no workspace .npmrc / NuGet.config is read. Answers are cached on disk in the
   * client's storage folder (`storagePath`), in memory only without one.
   */
  function startRegistries(options: { storagePath?: unknown; trusted?: unknown }): void {
    if (options.trusted === false) {
      status.setOffline(true);
      return;
    }
    const cacheDir = typeof options.storagePath === 'string' && options.storagePath !== '' ? join(options.storagePath, 'registry-cache') : undefined;
    const registries = services.createRegistries({ cacheDir, maxConcurrentRequests: 8, onCacheError: (m) => logger.info(m) });
    enrichment = new Enrichment(registries, {
      republish: (uri, version) => publisher.republish(uri, version),
      reportHealth: (problem) => (problem ? status.reportRegistryError(problem) : status.reportRegistryOk()),
      logger,
    });
    const active = enrichment;
    analyses.setRegistryView((target, current) => active.viewFor(target, current));
    commandHooks.onClearCache(async () => {
      await registries.clearCache();
      logger.info('registry cache cleared');
    });
  }

  // For benchmarks and bug reports: memory after a full collection (the server runs with --expose-gc,
  // SERVER_NODE_FLAGS), and how many collections dropped large documents have run.
  connection.onRequest('manifestGuard/memoryUsage', () => {
    (globalThis as { gc?: () => void }).gc?.();
    return { ...process.memoryUsage(), reclaims: reclaim.collections };
  });

  // For benchmarks: the longest the thread was held since the last `{ reset: true }`.
  connection.onRequest('manifestGuard/eventLoopDelay', (params: { reset?: boolean } | undefined) => eventLoopDelay(params?.reset === true));

  documents.listen(connection);
  connection.listen();
}

function pathsOf(uris: string[]): string[] {
  return uris.map(filePathOf).filter((p): p is string => p !== undefined);
}
