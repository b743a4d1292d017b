import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseSettings } from '../../../server/src/model/settings';
import { DocumentAnalyses } from '../../../server/src/lsp/documentState';
import { fixtureText } from '../../helpers/lockFixtures';

describe('server: the lockfile tree across manifest edits', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mg-tree-'));
    writeFileSync(join(dir, 'package-lock.json'), fixtureText('npm-install-scripts/package-lock.json'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reuses the parsed tree while the lockfile is unchanged, and reads it again once it changes', () => {
    const analyses = new DocumentAnalyses({ error: () => undefined }, () => undefined);
    const settings = parseSettings({});
    const uri = pathToFileURL(join(dir, 'package.json')).toString();
    const text = fixtureText('npm-install-scripts/package.json');
    const at = (version: number, body = text) => analyses.get(TextDocument.create(uri, 'json', version, body), settings);

    const first = at(1)?.analysis.tree?.graph;
    assert.ok(first);
    for (let version = 2; version <= 5; version++) assert.equal(at(version, text.replace('"1.0.0"', `"1.0.${version}"`))?.analysis.tree?.graph, first);
    assert.ok(at(5)?.analysis.findings.some((f) => f.package === 'esbuild' && f.via?.join('>') === 'tsx>esbuild'));

    writeFileSync(join(dir, 'package-lock.json'), fixtureText('npm-install-scripts/package-lock.json').replace('"hasInstallScript": true,', ''));
    utimesSync(join(dir, 'package-lock.json'), new Date(), new Date(Date.now() + 5000)); // a new mtime even on coarse clocks
    const after = at(6);
    assert.notEqual(after?.analysis.tree?.graph, first);
    assert.ok(!after?.analysis.findings.some((f) => f.package === 'esbuild'));
  });
});
