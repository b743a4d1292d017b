/** What the editor is sent for a file's findings: every one, or — past the editor's per-file limit — the most severe and a notice. */
import { strict as assert } from 'node:assert';
import type { Finding, Severity } from '../../../server/src/model/model';
import { LineIndex } from '../../../server/src/model/positions';
import { toDiagnostics, type DiagnosticData } from '../../../server/src/lsp/diagnostics';

const TEXT = 'x\n'.repeat(100);
const lines = new LineIndex(TEXT);

function finding(i: number, severity: Severity): Finding {
  return { rule: 'unpinned-version', severity, message: `finding ${i}`, span: { start: i * 2, end: i * 2 + 1 }, package: `p${i}` };
}

describe('diagnostics sent to the editor', () => {
  it('sends every finding of a file under the limit, each pointing back to its finding', () => {
    const findings = [finding(0, 'warning'), finding(1, 'error'), finding(2, 'hint')];
    const diagnostics = toDiagnostics(findings, lines, 3, 5);
    assert.deepEqual(diagnostics.map((d) => d.message), ['finding 0', 'finding 1', 'finding 2']);
    assert.deepEqual(diagnostics.map((d) => (d.data as DiagnosticData).index), [0, 1, 2]);
    assert.deepEqual(diagnostics[1].range, { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } });
  });

  it('past the limit, keeps errors before warnings before information, in document order, and says how many are not shown', () => {
    // 10 findings: hints, warnings, information and errors mixed; room for 4 plus the notice.
    const severities: Severity[] = ['hint', 'warning', 'error', 'information', 'warning', 'hint', 'error', 'warning', 'information', 'warning'];
    const findings = severities.map((s, i) => finding(i, s));
    const diagnostics = toDiagnostics(findings, lines, 1, 5);
    assert.equal(diagnostics.length, 5);
    // Both errors and the first two warnings, in the order of the file.
    assert.deepEqual(diagnostics.slice(0, 4).map((d) => d.message), ['finding 1', 'finding 2', 'finding 4', 'finding 6']);
    assert.deepEqual(diagnostics.slice(0, 4).map((d) => (d.data as DiagnosticData).index), [1, 2, 4, 6]);
    const notice = diagnostics[4];
    assert.match(String(notice.message), /^6 more findings in this file are not shown: the editor shows at most 5 per file/);
    assert.equal(notice.data, undefined, 'the notice offers code actions of a finding');
    assert.equal(notice.code, undefined, 'the notice has a rule id');
  });

  it('fills the room with the next severity when the errors do not take it all', () => {
    const findings = [finding(0, 'information'), finding(1, 'hint'), finding(2, 'information'), finding(3, 'hint'), finding(4, 'error')];
    const diagnostics = toDiagnostics(findings, lines, 1, 4);
    assert.deepEqual(diagnostics.map((d) => String(d.message).split(':')[0]), ['finding 0', 'finding 2', 'finding 4', '2 more findings in this file are not shown']);
  });
});
