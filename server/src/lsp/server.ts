/** Wires LSP requests to the analysis core. Everything stateful lives in small objects created here. */
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
import { parseSettings, type Settings } from '../model/settings';
import { codeActionsFor } from './codeActions';
import { toDiagnostics } from './diagnostics';
import { DocumentAnalyses, filePathOf } from './documentState';
import { dependencyAt, hoverMarkdown, scriptHoverMarkdown } from './hoverContent';
import { pinAllAction } from './pinAll';
import { registerCommands, SERVER_COMMANDS } from './commands';
import { ignoreActionsFor } from './ignoreAction';
import { StatusReporter } from './status';
import { Enrichment } from './enrichment';
import type { Ecosystem } from '../model/model';
import type { AnalysisServices } from '../analysis/services';

/** Typing pauses shorter than this do not trigger a new analysis. */
const CHANGE_DEBOUNCE_MS = 120;

export function startServer(connection: Connection, services: AnalysisServices): void {
  const documents = new TextDocuments(TextDocument);
  const logger = {
    error: (m: string) => connection.console.error(m),
    info: (m: string) => connection.console.info(m),
  };
  // A popularity index is built once per ecosystem, right after the first diagnostics that needed
  // it are published (typing never waits ~100 ms for it); then the open documents are checked again.
  const indexesWanted = new Set<Ecosystem>();
  const indexesTried = new Set<Ecosystem>();
  const analyses = new DocumentAnalyses(logger, services.names, (ecosystem) => {
    if (!indexesTried.has(ecosystem)) indexesWanted.add(ecosystem);
  });
  async function buildWantedIndexes(): Promise<void> {
    if (indexesWanted.size === 0) return;
    const wanted = [...indexesWanted];
    indexesWanted.clear();
    for (const ecosystem of wanted) {
      indexesTried.add(ecosystem);
      try {
        // The table is built in the worker thread: typing goes on meanwhile.
        const names = services.names();
        if (names?.prepare) await names.prepare(ecosystem, (e, listText) => services.offThread.nameTable(e, listText));
        else names?.entries(ecosystem);
      } catch (err) {
        logger.error(`building the ${ecosystem} popularity index failed: ${(err as Error)?.stack ?? String(err)}`);
      }
    }
    for (const doc of documents.all()) void republish(doc.uri, doc.version);
  }
  const timers = new Map<string, NodeJS.Timeout>();
  const status = new StatusReporter(connection);
  let initOptions: unknown = {};
  let canPullConfiguration = false;
  let workspaceFolderEvents = false;
  /** The workspace folders as file system paths: the bounds `-r`/`-c` includes are followed within. */
  let roots: string[] = [];
  let settingsPromise: Promise<Settings> | undefined;
  /** The background registry pass; undefined in an untrusted workspace (offline checks only). */
  let enrichment: Enrichment | undefined;

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
    status.begin();
    try {
      await validateNow(doc);
    } finally {
      status.end();
    }
  }

  async function validateNow(doc: TextDocument): Promise<void> {
    const current = await settings();
    // The document may have changed or closed while settings were fetched: never publish stale results.
    const latest = documents.get(doc.uri);
    if (!latest || latest.version !== doc.version) return;
    try {
      const result = analyses.get(latest, current);
      if (!result) return;
      await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: toDiagnostics(result.analysis.findings, result.lines, doc.version) });
      setImmediate(() => void buildWantedIndexes());
      // Offline findings are out; registry findings follow and are merged by `republish`.
      enrichment?.configure(current);
      enrichment?.start({ uri: doc.uri, version: doc.version, kind: result.kind, path: filePathOf(doc.uri), manifest: result.analysis.manifest, locked: result.locked, tree: result.analysis.tree }, current);
    } catch (err) {
      logger.error(`analysis of ${doc.uri} failed: ${(err as Error)?.stack ?? String(err)}`);
    }
  }

  /** Re-analyses with the registry facts now known and publishes, unless the document moved on. */
  async function republish(uri: string, version: number): Promise<void> {
    const current = await settings();
    const doc = documents.get(uri);
    if (!doc || doc.version !== version) return;
    try {
      analyses.recheck(uri);
      const result = analyses.get(doc, current);
      if (result) await connection.sendDiagnostics({ uri, version, diagnostics: toDiagnostics(result.analysis.findings, result.lines, version) });
    } catch (err) {
      logger.error(`analysis of ${uri} failed: ${(err as Error)?.stack ?? String(err)}`);
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
    workspaceFolderEvents = params.capabilities.workspace?.workspaceFolders === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = pathsOf(folders);
    analyses.setWorkspaceRoots(roots);
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
    if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'manifestGuard' });
    if (workspaceFolderEvents) {
      // A folder added or removed moves the bounds of every open manifest's includes: re-check them.
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(pathsOf(e.removed.map((f) => f.uri)));
        roots = [...roots.filter((r) => !removed.has(r)), ...pathsOf(e.added.map((f) => f.uri))];
        analyses.setWorkspaceRoots(roots);
        for (const doc of documents.all()) schedule(doc, 0);
      });
    }
  });

  connection.onDidChangeConfiguration((change) => {
    if (!canPullConfiguration && change.settings) initOptions = (change.settings as { manifestGuard?: unknown }).manifestGuard ?? change.settings;
    settingsPromise = undefined;
    analyses.clear();
    for (const doc of documents.all()) schedule(doc, 0);
  });

  // TextDocuments fires onDidChangeContent right after onDidOpen for the same text: without this,
  // the change debounce would delay every file's first diagnostics by CHANGE_DEBOUNCE_MS.
  const justOpened = new Set<string>();
  documents.onDidOpen((e) => {
    justOpened.add(e.document.uri);
    schedule(e.document, 0);
  });
  documents.onDidChangeContent((e) => {
    if (justOpened.delete(e.document.uri)) return;
    schedule(e.document, CHANGE_DEBOUNCE_MS);
  });
  documents.onDidClose((e) => {
    enrichment?.cancel(e.document.uri);
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
      return { contents: { kind: 'markdown', value: hoverMarkdown(result.analysis, dep, result.locked?.versionOf(dep), result.registry) }, range: result.lines.rangeOf(dep.nameSpan.start <= offset && offset <= dep.nameSpan.end ? dep.nameSpan : dep.specSpan ?? dep.nameSpan) };
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
    revalidateOpenDocuments: () => {
      analyses.clear();
      for (const doc of documents.all()) schedule(doc, 0);
    },
    status,
    logger,
    names: services.names,
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
      republish: (uri, version) => void republish(uri, version),
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

  // For benchmarks and bug reports: memory after a full collection when the process runs with --expose-gc.
  connection.onRequest('manifestGuard/memoryUsage', () => {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage();
  });

  documents.listen(connection);
  connection.listen();
}

function pathsOf(uris: string[]): string[] {
  return uris.map(filePathOf).filter((p): p is string => p !== undefined);
}
