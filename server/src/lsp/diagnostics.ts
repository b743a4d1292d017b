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
  return findings.map((f, index) => {
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
  });
}
