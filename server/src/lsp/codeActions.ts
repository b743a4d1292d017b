/** The core's fixes → LSP code actions, each carrying its edit (no server-side command round trip). */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { Analysis } from '../analysis/analyze';
import type { Fix } from '../model/model';
import { type LineIndex } from '../model/positions';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './diagnostics';

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function toEdits(fix: Fix, lines: LineIndex): TextEdit[] {
  return fix.edits.map((e) => ({ range: lines.rangeOf(e.span), newText: e.newText }));
}

function isDiagnosticData(value: unknown): value is DiagnosticData {
  const data = value as DiagnosticData | undefined;
  return typeof data === 'object' && data !== null && typeof data.index === 'number' && typeof data.version === 'number';
}

/**
 * The editor diagnostic made from `analysis.findings[index]`, found by the `Diagnostic.data` it
 * was sent with (the finding's index and the document version), so two findings of one rule on
 * one range never swap their fixes. Rule and range must agree too: a registry pass re-analyses
 * the same version, and a diagnostic from before it must not be taken for a newer finding.
 */
export function diagnosticFor(analysis: Analysis, index: number, version: number, diagnostics: readonly Diagnostic[], lines: LineIndex): Diagnostic | undefined {
  const finding = analysis.findings[index];
  if (!finding) return undefined;
  const range = lines.rangeOf(finding.span);
  return diagnostics.find(
    (d) =>
      d.source === DIAGNOSTIC_SOURCE &&
      isDiagnosticData(d.data) &&
      d.data.index === index &&
      d.data.version === version &&
      d.code === finding.rule &&
      d.range.start.line === range.start.line &&
      d.range.start.character === range.start.character &&
      d.range.end.line === range.end.line &&
      d.range.end.character === range.end.character,
  );
}

export function codeActionsFor(uri: string, analysis: Analysis, version: number, lines: LineIndex, span: { start: number; end: number }, contextDiagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const [index, finding] of analysis.findings.entries()) {
    if (!finding.fixes?.length || !overlaps(finding.span, span)) continue;
    const diagnostic = diagnosticFor(analysis, index, version, contextDiagnostics, lines);
    for (const fix of finding.fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: fix.preferred,
        diagnostics: diagnostic ? [diagnostic] : undefined,
        edit: { changes: { [uri]: toEdits(fix, lines) } },
      });
    }
  }
  return actions;
}
