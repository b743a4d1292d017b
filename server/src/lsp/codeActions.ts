/** The core's fixes → LSP code actions, each carrying its edit (no server-side command round trip). */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { Analysis } from '../analysis/analyze';
import type { Finding, Fix } from '../model/model';
import { type LineIndex } from '../model/positions';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function toEdits(fix: Fix, lines: LineIndex): TextEdit[] {
  return fix.edits.map((e) => ({ range: lines.rangeOf(e.span), newText: e.newText }));
}

/** Matches an editor diagnostic back to the finding it was made from (same rule, same place). */
export function diagnosticFor(finding: Finding, diagnostics: readonly Diagnostic[], lines: LineIndex): Diagnostic | undefined {
  const range = lines.rangeOf(finding.span);
  return diagnostics.find(
    (d) =>
      d.source === DIAGNOSTIC_SOURCE &&
      d.code === finding.rule &&
      d.range.start.line === range.start.line &&
      d.range.start.character === range.start.character &&
      d.range.end.line === range.end.line &&
      d.range.end.character === range.end.character,
  );
}

export function codeActionsFor(uri: string, analysis: Analysis, lines: LineIndex, span: { start: number; end: number }, contextDiagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const finding of analysis.findings) {
    if (!finding.fixes?.length || !overlaps(finding.span, span)) continue;
    const diagnostic = diagnosticFor(finding, contextDiagnostics, lines);
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
