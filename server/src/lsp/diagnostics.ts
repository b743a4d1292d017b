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

/** Most severe first: the order in which findings keep their place when a file has too many to show. */
const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/**
 * VS Code shows at most 1,000 diagnostics per file and drops the rest (errors first, then
 * warnings, information, hints: extHostDiagnostics' per-file limit). Sending more only costs:
 * 100,000 findings made one ~30 MB message whose encoding held the server's thread for a quarter
 * of a second, and the client converted all of them to throw 99 % away. So a file shows the most
 * severe findings, in document order, and one notice saying how many more the CLI would list.
 */
export const EDITOR_DIAGNOSTICS_PER_FILE = 1000;

/** What a diagnostic carries back to the server in code-action requests (`Diagnostic.data`). */
export interface DiagnosticData {
  package?: string;
  /** Index of the finding in the analysis it came from, with that analysis' document version. */
  index: number;
  version: number;
}

/** The diagnostics the editor shows for these findings: all of them, or at most `limit` with the notice among them. */
export function toDiagnostics(findings: readonly Finding[], lines: LineIndex, version: number, limit = EDITOR_DIAGNOSTICS_PER_FILE): Diagnostic[] {
  if (findings.length <= limit) return findings.map((f, index) => toDiagnostic(f, index, lines, version));
  const shown = mostSevere(findings, limit - 1);
  const diagnostics = shown.map((index) => toDiagnostic(findings[index], index, lines, version));
  diagnostics.push(notShownNotice(findings.length - shown.length, limit));
  return diagnostics;
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

/** Indices of the `count` most severe findings (earlier ones first within a severity), in document order. */
function mostSevere(findings: readonly Finding[], count: number): number[] {
  const perSeverity = new Map<Severity, number>();
  for (const f of findings) perSeverity.set(f.severity, (perSeverity.get(f.severity) ?? 0) + 1);
  // Whole severities fit until one does not: of that one, its first `room` findings are shown.
  const quota = new Map<Severity, number>();
  let room = count;
  for (const severity of SEVERITY_ORDER) {
    const take = Math.min(room, perSeverity.get(severity) ?? 0);
    quota.set(severity, take);
    room -= take;
  }
  const shown: number[] = [];
  for (let i = 0; i < findings.length; i++) {
    const left = quota.get(findings[i].severity) ?? 0;
    if (left === 0) continue;
    quota.set(findings[i].severity, left - 1);
    shown.push(i);
  }
  return shown;
}

/** At the top of the file: how many findings are not shown, and where to see them all. */
function notShownNotice(hidden: number, limit: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message: `${hidden.toLocaleString('en-US')} more findings in this file are not shown: the editor shows at most ${limit.toLocaleString('en-US')} per file, the most severe first. \`manifest-guard scan <this file>\` lists them all.`,
  };
}
