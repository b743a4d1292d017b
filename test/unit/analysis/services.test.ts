/**
 * getAnalysisServices builds what is process-wide, here the spec semantics and their memory, and
 * the adapters hand it down: the rules of an analysis, the language server's analyses and the
 * hover describe specs through the services they were given, never through a module's own.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../../server/src/analysis/analyze';
import { getAnalysisServices } from '../../../server/src/analysis/services';
import { DocumentAnalyses } from '../../../server/src/lsp/documentState';
import { hoverMarkdown } from '../../../server/src/lsp/hoverContent';
import type { Dependency } from '../../../server/src/model/model';
import { parseSettings } from '../../../server/src/model/settings';
import { createSpecServices } from '../../../server/src/specs';
import type { SpecServices } from '../../../server/src/specs/types';

const TEXT = '{"dependencies": {"left-pad": "1.x || >=2.5.0 <3"}}';

/** Services that record which names were described and call every spec pinned. */
function recordingSpecs(): { specs: SpecServices; described: string[] } {
  const real = createSpecServices();
  const described: string[] = [];
  const npm = { ...real.npm, describe: (dep: Dependency) => (described.push(dep.name), { ...real.npm.describe(dep), exact: true, meaning: 'pinned by the injected services' }) };
  return { specs: { ...real, npm }, described };
}

describe('analysis services: each call owns its process-wide state, handed down, not imported', () => {
  it('each call builds its own spec services', () => {
    const a = getAnalysisServices({ names: null });
    const b = getAnalysisServices({ names: null });
    assert.ok(a.specs.npm && a.specs.pypi && a.specs.nuget);
    assert.notEqual(a.specs, b.specs);
  });

  it('each call keeps its own shipped popularity index, loaded once', () => {
    const a = getAnalysisServices({ tableCacheDir: undefined });
    const b = getAnalysisServices();
    const index = a.names();
    assert.ok(index, 'the shipped lists are found');
    assert.equal(a.names(), index, 'one services object loads its index once');
    assert.notEqual(b.names(), index, "a second services object does not reach the first one's index");
  });

  it('the rules describe specs through the services of the analysis input', () => {
    const settings = parseSettings({});
    const plain = analyze({ kind: 'package.json', text: TEXT, settings });
    assert.ok(plain.findings.some((f) => f.rule === 'unpinned-version'), 'the range is unpinned for the real semantics');
    const { specs, described } = recordingSpecs();
    const injected = analyze({ kind: 'package.json', text: TEXT, settings, specs });
    assert.ok(described.includes('left-pad'));
    assert.ok(!injected.findings.some((f) => f.rule === 'unpinned-version'), 'the injected semantics call it pinned');
  });

  it("the language server's analyses and its hover use the services they are given", () => {
    const { specs, described } = recordingSpecs();
    const analyses = new DocumentAnalyses({ error: (m) => assert.fail(m) }, () => undefined, undefined, specs);
    const dir = mkdtempSync(join(tmpdir(), 'mg-specs-')); // an empty folder: no lockfile, no workspace around
    const uri = pathToFileURL(join(dir, 'package.json')).toString();
    const result = analyses.get(TextDocument.create(uri, 'json', 1, TEXT), parseSettings({}));
    rmSync(dir, { recursive: true, force: true });
    assert.ok(result);
    assert.ok(described.includes('left-pad'));
    assert.ok(!result.analysis.findings.some((f) => f.rule === 'unpinned-version'));
    const dep = result.analysis.manifest.dependencies[0];
    assert.match(hoverMarkdown(result.analysis, dep, undefined, undefined, specs), /pinned by the injected services/);
    assert.doesNotMatch(hoverMarkdown(result.analysis, dep), /pinned by the injected services/);
  });
});
