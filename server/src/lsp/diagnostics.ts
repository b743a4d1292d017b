/** Findings → LSP diagnostics. The only place the core's offsets become LSP ranges for diagnostics. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../model/model';
import { type LineIndex } from '../model/positions';
import { ruleDocsUri } from './protocol';

export const DIAGNOSTIC_SOURCE = 'manifest-guard';

const TO_LSP: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries back to the server in code-action requests (`Diagnostic.data`). */
export interface DiagnosticData {
  package?: string;
  /** Index of the finding in the analysis it came from, with that analysis' document version. */
  index: number;
  version: number;
}

export function toDiagnostics(findings: readonly Finding[], lines: LineIndex, version: number): Diagnostic[] {
  return findings.map((f, index) => toDiagnostic(f, index, lines, version));
}

function toDiagnostic(f: Finding, index: number, lines: LineIndex, version: number): Diagnostic {
  const data: DiagnosticData = { package: f.package, index, version };
  return {
    range: lines.rangeOf(f.span),
    severity: TO_LSP[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.rule,
    codeDescription: { href: ruleDocsUri(f.rule) },
    message: f.message,
    data,
  };
}

/**
 * Findings converted per this many, the event loop served in between: converting 100,000 at once
 * would hold the server's thread for hundreds of milliseconds (hovers and edits wait meanwhile).
 */
export const CONVERSION_SLICE = 2000;

/**
 * `toDiagnostics` in slices, yielding between them. `stillWanted` is asked after every yield: when
 * the document moved on, the rest is not converted and the answer is undefined.
 */
export async function toDiagnosticsInSlices(findings: readonly Finding[], lines: LineIndex, version: number, stillWanted: () => boolean): Promise<Diagnostic[] | undefined> {
  const out: Diagnostic[] = new Array(findings.length);
  for (let start = 0; start < findings.length; start += CONVERSION_SLICE) {
    if (start > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      if (!stillWanted()) return undefined;
    }
    const end = Math.min(findings.length, start + CONVERSION_SLICE);
    for (let i = start; i < end; i++) out[i] = toDiagnostic(findings[i], i, lines, version);
  }
  return out;
}
