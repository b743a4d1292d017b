/**
 * "Ignore NAME for this rule": a quick fix on every finding about a package that adds
 * `RULE:NAME` to the workspace allowlist. Settings belong to the editor, so the action carries a
 * command the client executes rather than an edit; the settings change then re-checks everything.
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { Analysis } from '../analysis/analyze';
import type { Span } from '../model/model';
import type { LineIndex } from '../model/positions';
import { diagnosticFor } from './codeActions';
import { ADD_TO_WORKSPACE_ALLOWLIST_COMMAND } from './protocol';

function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function allowlistEntry(rule: string, packageName: string): string {
  return `${rule}:${packageName}`;
}

export function ignoreActionsFor(analysis: Analysis, version: number, lines: LineIndex, span: Span, contextDiagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions = new Map<string, CodeAction>();
  for (const [index, finding] of analysis.findings.entries()) {
    if (!finding.package || !overlaps(finding.span, span)) continue;
    const entry = allowlistEntry(finding.rule, finding.package);
    if (actions.has(entry)) continue;
    const diagnostic = diagnosticFor(analysis, index, version, contextDiagnostics, lines);
    const title = `Ignore ${finding.package} for this rule (${finding.rule})`;
    actions.set(entry, {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: diagnostic ? [diagnostic] : undefined,
      command: { title, command: ADD_TO_WORKSPACE_ALLOWLIST_COMMAND, arguments: [entry] },
    });
  }
  return [...actions.values()];
}
