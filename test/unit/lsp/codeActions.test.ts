/** Code actions find the diagnostic they fix through Diagnostic.data, never by rule and range alone. */
import { strict as assert } from 'node:assert';
import type { Analysis } from '../../../server/src/analysis/analyze';
import type { Finding } from '../../../server/src/model/model';
import { LineIndex } from '../../../server/src/model/positions';
import { codeActionsFor } from '../../../server/src/lsp/codeActions';
import { toDiagnostics } from '../../../server/src/lsp/diagnostics';
import { ignoreActionsFor } from '../../../server/src/lsp/ignoreAction';

const URI = 'file:///p/package.json';
const TEXT = '{"dependencies": {"tsx": "4.7.0"}}';
const NAME = { start: TEXT.indexOf('tsx'), end: TEXT.indexOf('tsx') + 3 };

/** Two findings of one rule on one range (two locked packages below the same direct dependency). */
function twoOnOneRange(): Analysis {
  const finding = (pkg: string): Finding => ({
    rule: 'install-script',
    severity: 'warning',
    span: NAME,
    package: pkg,
    message: `${pkg}, a dependency of tsx, runs an install script`,
    fixes: [{ title: `Fix ${pkg}`, kind: 'replace-name', edits: [{ span: NAME, newText: pkg }] }],
  });
  return {
    manifest: { kind: 'package.json', ecosystem: 'npm', dependencies: [], scripts: [], sources: [], includes: [], problems: [] },
    findings: [finding('esbuild'), finding('fsevents')],
  };
}

describe('code actions and their diagnostics', () => {
  const lines = new LineIndex(TEXT);

  it('attach to each fix the diagnostic of its own finding, even when two share rule and range', () => {
    const analysis = twoOnOneRange();
    const diagnostics = toDiagnostics(analysis.findings, lines, 7);
    // The editor may send them in any order.
    const context = [diagnostics[1], diagnostics[0]];
    const actions = codeActionsFor(URI, analysis, 7, lines, NAME, context);
    assert.deepEqual(
      actions.map((a) => [a.title, a.diagnostics?.map((d) => d.message)]),
      [
        ['Fix esbuild', [analysis.findings[0].message]],
        ['Fix fsevents', [analysis.findings[1].message]],
      ],
    );
    const ignores = ignoreActionsFor(analysis, 7, lines, NAME, context);
    assert.deepEqual(
      ignores.map((a) => [a.title, a.diagnostics?.map((d) => d.message)]),
      [
        ['Ignore esbuild for this rule (install-script)', [analysis.findings[0].message]],
        ['Ignore fsevents for this rule (install-script)', [analysis.findings[1].message]],
      ],
    );
  });

  it('attach no diagnostic from another document version', () => {
    const analysis = twoOnOneRange();
    const stale = toDiagnostics(analysis.findings, lines, 6);
    const actions = codeActionsFor(URI, analysis, 7, lines, NAME, stale);
    assert.deepEqual(actions.map((a) => a.diagnostics), [undefined, undefined]);
  });
});
