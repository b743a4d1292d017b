/** "Pin all dependencies in this file": every pin fix of the document in one source action. */
import type { CodeAction, TextEdit } from 'vscode-languageserver';
import type { DocumentAnalysis } from './documentState';

export const PIN_ALL_KIND = 'source.pinAll.manifestGuard';

export function pinAllAction(uri: string, doc: DocumentAnalysis): CodeAction | undefined {
  const edits: TextEdit[] = [];
  for (const finding of doc.analysis.findings) {
    const pin = finding.fixes?.find((f) => f.kind === 'pin');
    if (!pin) continue;
    for (const e of pin.edits) edits.push({ range: doc.lines.rangeOf(e.span), newText: e.newText });
  }
  if (edits.length === 0) return undefined;
  return { title: `Pin all dependencies in this file (${edits.length})`, kind: PIN_ALL_KIND, edit: { changes: { [uri]: edits } } };
}
