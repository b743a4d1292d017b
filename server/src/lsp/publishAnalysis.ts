/**
 * The one way findings reach the editor: convert and send, unless the caller says the result is no
 * longer wanted. Live documents (publisher.ts) and the workspace scan both use it.
 */
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { toDiagnostics } from './diagnostics';
import type { DocumentAnalysis } from './documentState';

export type SendDiagnostics = (params: PublishDiagnosticsParams) => Promise<void>;

/**
 * `version` is the document version the analysis was made for, or undefined for files that are not
 * open (the workspace scan). Resolves true when the diagnostics were sent.
 */
export async function publishAnalysis(send: SendDiagnostics, result: Pick<DocumentAnalysis, 'uri' | 'analysis' | 'lines'>, version: number | undefined, stillWanted: () => boolean = () => true): Promise<boolean> {
  if (!stillWanted()) return false;
  // At most the editor's per-file limit is converted: a small, bounded task, so no slicing.
  const diagnostics = toDiagnostics(result.analysis.findings, result.lines, version ?? 0);
  await send(version === undefined ? { uri: result.uri, diagnostics } : { uri: result.uri, version, diagnostics });
  return true;
}
