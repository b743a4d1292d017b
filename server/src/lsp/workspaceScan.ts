/**
 * "Scan workspace": every manifest under the workspace folders (found as the CLI finds them),
 * checked by the server's own document analysis and published as diagnostics, so the results
 * show in the Problems panel without opening each file. Open documents are left to live checking.
 * Offline findings are published first; when registries are on (a trusted workspace, not the
 * offline setting), the file's registry facts are then gathered and its diagnostics published
 * again with registry findings (malicious, vulnerable, deprecated…), one file at a time so
 * memory stays bounded.
 */
import { pathToFileURL } from 'node:url';
import type { CancellationToken, Connection, TextDocuments, WorkDoneProgressReporter } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Logger } from '../analysis/analyze';
import type { ManifestKind } from '../model/model';
import type { Settings } from '../model/settings';
import { findManifests } from '../analysis/findManifests';
import { readText } from '../analysis/readText';
import type { NameIndex } from '../typosquat/types';
import { manifestKindOf } from '../manifests';
import { registryDependencies } from '../registries/facts/registryService';
import { publishAnalysis, type SendDiagnostics } from './publishAnalysis';
import { DocumentAnalyses, filePathOf } from './documentState';
import type { Enrichment } from './enrichment';
import type { ScanWorkspaceResult } from './protocol';
import type { SpecServices } from '../specs/types';

export interface WorkspaceScanContext {
  connection: Pick<Connection, 'sendDiagnostics'>;
  documents: Pick<TextDocuments<TextDocument>, 'all'>;
  settings(): Promise<Settings>;
  logger: Logger;
  /** The process's popularity index (analysis/services.ts). */
  names(): NameIndex | undefined;
  /** The process's spec semantics (analysis/services.ts). */
  specs?: SpecServices;
  /** The registry pass, when registries are on; undefined in an untrusted workspace. */
  registry?(): ScanRegistry | undefined;
}

export type ScanRegistry = Pick<Enrichment, 'check' | 'viewFor'>;

const LANGUAGE_OF: Record<ManifestKind, string> = { 'package.json': 'json', requirements: 'pip-requirements', msbuild: 'xml', 'pyproject.toml': 'toml', Pipfile: 'toml', 'pnpm-workspace.yaml': 'yaml' };

/** Progress is reported every this many files, not on each one, to keep the notification calm. */
const REPORT_EVERY = 10;

export async function scanWorkspace(ctx: WorkspaceScanContext, folderUris: readonly string[], progress: WorkDoneProgressReporter, token: CancellationToken): Promise<ScanWorkspaceResult> {
  const roots = folderUris.map(filePathOf).filter((p): p is string => p !== undefined);
  const openPaths = new Set(ctx.documents.all().map((d) => filePathOf(d.uri)));
  const settings = await ctx.settings();
  progress.begin('Manifest Guard: scanning the workspace', 0, 'looking for manifests…', true);
  const result: ScanWorkspaceResult = { files: 0, findings: 0, open: 0, unreadable: 0, cancelled: false };
  try {
    const paths = roots.flatMap((root) => {
      try {
        return findManifests([root]);
      } catch (err) {
        ctx.logger.error(`workspace scan: ${(err as Error).message}`);
        return [];
      }
    });
    // A fresh cache per scan: files on disk have no version, so nothing from an earlier scan may be reused.
    const analyses = new DocumentAnalyses(ctx.logger, ctx.names, undefined, ctx.specs);
    // Includes are followed within the manifest's own workspace folder, as for open documents.
    analyses.setWorkspaceRoots(roots);
    const registry = ctx.registry?.();
    if (registry) analyses.setRegistryView((target, current) => registry.viewFor(target, current));
    const send = (params: Parameters<SendDiagnostics>[0]) => ctx.connection.sendDiagnostics(params);
    const cancelled = new AbortController();
    token.onCancellationRequested(() => cancelled.abort());
    for (const [index, path] of paths.entries()) {
      if (token.isCancellationRequested) {
        result.cancelled = true;
        break;
      }
      if (index % REPORT_EVERY === 0) {
        progress.report(Math.round((index / paths.length) * 100), `${index}/${paths.length}: ${path.split(/[\\/]/).slice(-2).join('/')}`);
      }
      // Yield to the event loop between files so typing in open documents and cancellation are served.
      await new Promise((resolve) => setImmediate(resolve));
      result.files++;
      if (openPaths.has(path)) {
        result.open++; // already checked live, with its unsaved edits
        continue;
      }
      // A `-r`/`-c` target named like no manifest is a requirements file all the same.
      const kind = manifestKindOf(path) ?? (path.endsWith('.txt') ? 'requirements' : undefined);
      const text = kind ? readText(path, settings.maxFileSizeKB * 1024) : undefined;
      if (!kind || text === undefined) {
        result.unreadable++;
        continue;
      }
      const uri = pathToFileURL(path).href;
      const doc = TextDocument.create(uri, LANGUAGE_OF[kind], 0, text);
      let analysis = analyses.get(doc, settings);
      if (!analysis) continue;
      await publishAnalysis(send, analysis, undefined);
      // Offline, the facts already in memory (in the view above) are all there is: no second pass.
      if (registry && !settings.offline && registryDependencies(analysis.analysis.manifest).length > 0) {
        await registry.check({ manifest: analysis.analysis.manifest, locked: analysis.locked, tree: analysis.analysis.tree, path }, settings, cancelled.signal);
        if (!cancelled.signal.aborted) {
          analyses.recheck(uri); // the registry facts are in: the rules run again on the same parse
          analysis = analyses.get(doc, settings) ?? analysis;
          await publishAnalysis(send, analysis, undefined);
        }
      }
      result.findings += analysis.analysis.findings.length;
      analyses.forget(uri); // memory stays bounded by one file, however large the workspace
    }
  } finally {
    progress.done();
  }
  return result;
}
