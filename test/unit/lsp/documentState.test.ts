import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
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

describe('server: registry facts arriving check the same parse again', () => {
  it('recheck runs the rules again on the parsed manifest; only forget (or a new version) parses again', () => {
    const analyses = new DocumentAnalyses({ error: () => undefined }, () => undefined);
    const settings = parseSettings({});
    const doc = TextDocument.create('untitled:requirements.txt', 'pip-requirements', 1, 'flask==3.0.0\n');
    const first = analyses.get(doc, settings);
    assert.ok(first);
    assert.equal(first.registry, undefined);

    // Facts arrive: the view provider answers now, and the same parse is checked again.
    let asked = 0;
    analyses.setRegistryView(() => {
      asked++;
      return { factsFor: () => ({ state: 'unchecked', reason: 'test' }), now: 0 };
    });
    assert.equal(analyses.get(doc, settings), first, 'nothing changed until told');
    analyses.recheck(doc.uri);
    const second = analyses.get(doc, settings);
    assert.ok(second && second !== first);
    assert.equal(asked, 1);
    assert.ok(second.registry, 'the new check saw the registry facts');
    assert.equal(second.analysis.manifest, first.analysis.manifest, 'the manifest was not parsed again');
    assert.equal(second.lines, first.lines);

    analyses.forget(doc.uri);
    assert.notEqual(analyses.get(doc, settings)?.analysis.manifest, first.analysis.manifest);
    const edited = TextDocument.create(doc.uri, doc.languageId, 2, 'flask==3.0.1\n');
    assert.equal(analyses.get(edited, settings)?.analysis.manifest.dependencies[0].spec, '==3.0.1');
  });
});

describe('server: a -c target opened on its own is a constraints file (issue 12)', () => {
  it('recognises the file as a constraints file because a requirements file nearby names it with -c, not by its name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-constraints-'));
    const tools = join(dir, 'tools');
    mkdirSync(tools);
    writeFileSync(join(dir, 'requirements.txt'), '-c tools/oldest_pins.txt\nrequests==2.32.3\n');
    writeFileSync(join(tools, 'oldest_pins.txt'), 'pubnub!=6.4.0\nurllib3<3\n');
    writeFileSync(join(tools, 'extra_reqs.txt'), 'pubnub!=6.4.0\n');
    const analyses = new DocumentAnalyses({ error: () => undefined }, () => undefined);
    analyses.setWorkspaceRoots([dir]);
    const unpinned = (name: string) =>
      analyses
        .get(TextDocument.create(pathToFileURL(join(tools, name)).toString(), 'pip-requirements', 1, 'pubnub!=6.4.0\nurllib3<3\n'), parseSettings({}))
        ?.analysis.findings.filter((f) => f.rule === 'unpinned-version')
        .map((f) => f.package);
    assert.deepEqual(unpinned('oldest_pins.txt'), [], 'a -c target installs nothing: no pins asked for');
    // The same lines in a file no one names with -c are requirements, and unpinned.
    assert.deepEqual(unpinned('extra_reqs.txt'), ['pubnub', 'urllib3']);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('server: a large document is checked in slices', () => {
  const settings = parseSettings({ maxFileSizeKB: 4096 });
  const large = (version: number) => TextDocument.create('untitled:large', 'pip-requirements', version, Array.from({ length: 20_000 }, (_, i) => `p${i}>=1.${version}`).join('\n'));

  it('serves other work while it checks, then holds the same analysis a whole check makes', async () => {
    const analyses = new DocumentAnalyses({ error: () => undefined }, () => undefined);
    let done = false;
    let served = 0;
    const other = () => {
      served++;
      if (!done) setImmediate(other);
    };
    setImmediate(other);
    const sliced = await analyses.getInSlices(large(1), settings, () => true);
    done = true;
    // Other work (a hover on another document) ran between the slices: 20,000 requirements make 10 slices per rule.
    assert.ok(served >= 5, `${served} turns of the event loop during the check`);
    assert.equal(analyses.peek('untitled:large'), sliced);
    const whole = new DocumentAnalyses({ error: () => undefined }, () => undefined).get(large(1), settings);
    assert.deepEqual(sliced?.analysis.findings, whole?.analysis.findings);
    assert.equal(sliced?.analysis.findings.length, 20_000);
  });

  it('answers hovers with the previous analysis while the new version is analysed in slices', async () => {
    const analyses = new DocumentAnalyses({ error: () => undefined }, () => undefined);
    const first = analyses.get(large(1), settings);
    const pending = analyses.getInSlices(large(2), settings, () => true);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(analyses.getOrPrevious(large(2), settings), first);
    const second = await pending;
    assert.equal(second?.version, 2);
    assert.equal(analyses.getOrPrevious(large(2), settings), second);
  });

  it('gives up, keeping the previous analysis, when the document moves on during the check', async () => {
    const analyses = new DocumentAnalyses({ error: () => undefined }, () => undefined);
    const first = analyses.get(large(1), settings);
    let asked = 0;
    assert.equal(await analyses.getInSlices(large(2), settings, () => ++asked < 3), undefined);
    assert.equal(analyses.peek('untitled:large'), first);
  });
});
