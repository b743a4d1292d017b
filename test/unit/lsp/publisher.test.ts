/** The publishing path of open documents: when it analyses, what it may still send, and that it lets other work run. */
import { strict as assert } from 'node:assert';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../../../server/src/model/model';
import { LineIndex } from '../../../server/src/model/positions';
import { parseSettings, type Settings } from '../../../server/src/model/settings';
import { EDITOR_DIAGNOSTICS_PER_FILE } from '../../../server/src/lsp/diagnostics';
import type { DocumentAnalysis } from '../../../server/src/lsp/documentState';
import { CHEAP_ANALYSIS_MS, DiagnosticsPublisher } from '../../../server/src/lsp/publisher';

const URI = 'file:///w/package.json';
const tick = () => new Promise((resolve) => setTimeout(resolve, 0)).then(() => new Promise((resolve) => setImmediate(resolve)));

function findingsOf(count: number): Finding[] {
  return Array.from({ length: count }, (_, i) => ({ rule: 'unpinned-version', severity: 'warning' as const, message: `p${i} is unpinned`, span: { start: i, end: i + 1 }, package: `p${i}` }));
}

/** A publisher over fake documents whose analysis has `count` findings and took `analysisMs`. */
function setup(count: number, analysisMs = 1, settings: () => Promise<Settings> = async () => parseSettings({})) {
  const followUps: number[] = [];
  const docs = new Map<string, TextDocument>();
  const sent: PublishDiagnosticsParams[] = [];
  let analysed = 0;
  const publisher = new DiagnosticsPublisher({
    documents: { get: (uri: string) => docs.get(uri) },
    analyses: {
      getInSlices: async (doc: TextDocument) => {
        analysed++;
        const text = doc.getText();
        return { uri: doc.uri, version: doc.version, kind: 'package.json', analysis: { findings: findingsOf(count) }, lines: new LineIndex(text), analysisMs } as unknown as DocumentAnalysis;
      },
      recheck: () => undefined,
    },
    settings,
    send: async (p) => void sent.push(p),
    logger: { error: (m) => assert.fail(m) },
    afterPublish: (doc) => void followUps.push(doc.version),
  });
  const open = (version: number, text = 'x'.repeat(count + 10)) => {
    const doc = TextDocument.create(URI, 'json', version, text);
    docs.set(URI, doc);
    return doc;
  };
  return { publisher, docs, sent, open, followUps, analysed: () => analysed };
}

/**
 * Settings whose first read waits until released: the first publish is held in flight at a known
 * point while the test changes, re-publishes or closes the document (no reliance on which timer
 * the event loop runs first).
 */
function holdFirstSettingsRead() {
  let release!: () => void;
  let begun!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const started = new Promise<void>((resolve) => (begun = resolve));
  let reads = 0;
  const settings = async () => {
    if (reads++ === 0) {
      begun();
      await gate;
    }
    return parseSettings({});
  };
  return { held: { started, release }, settings };
}

describe('diagnostics publisher', () => {
  it('publishes a cheap document on the keystroke itself, with no debounce', async () => {
    const { publisher, sent, open } = setup(3);
    publisher.changed(open(1), undefined);
    await tick();
    await tick();
    assert.equal(sent.length, 1);
    assert.equal(sent[0].version, 1);
    assert.equal(sent[0].diagnostics.length, 3);
  });

  it('waits for a pause in typing when the last analysis was slow, and then analyses the latest version once', async () => {
    const { publisher, sent, open, analysed } = setup(3);
    const slow = { analysisMs: CHEAP_ANALYSIS_MS * 4 } as DocumentAnalysis;
    publisher.changed(open(2), slow);
    await tick();
    publisher.changed(open(3), slow);
    await tick();
    assert.equal(sent.length, 0, 'published in the middle of typing');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(sent.map((p) => p.version), [3]);
    assert.equal(analysed(), 1);
  });

  it('sends a large result as the editor shows it, and drops it when the document changed meanwhile', async () => {
    const { publisher, sent, open } = setup(EDITOR_DIAGNOSTICS_PER_FILE * 5);
    publisher.recheck(open(1));
    while (sent.length === 0) await tick();
    assert.equal(sent[0].diagnostics.length, EDITOR_DIAGNOSTICS_PER_FILE, 'more diagnostics sent than the editor shows');
    assert.match(String(sent[0].diagnostics.at(-1)!.message), /^4,001 more findings/);

    sent.length = 0;
    publisher.republish(URI, 1);
    await new Promise((resolve) => setImmediate(resolve));
    open(2); // the user typed while version 1 was being analysed again
    for (let i = 0; i < 20; i++) await tick();
    assert.deepEqual(sent, [], 'a result for a version that is no longer current was sent');
  });

  it('starts the registry pass once per version, also when a re-publish overtook the first publish', async () => {
    const { held, settings } = holdFirstSettingsRead();
    const { publisher, sent, open, followUps } = setup(3, 1, settings);
    publisher.recheck(open(1));
    await held.started;
    publisher.republish(URI, 1); // an index became ready while version 1 was being analysed
    held.release();
    while (sent.length === 0) await tick();
    for (let i = 0; i < 10; i++) await tick();
    assert.equal(sent.length, 1, 'the overtaken publish was sent too');
    assert.deepEqual(followUps, [1]);
    publisher.republish(URI, 1);
    for (let i = 0; i < 10; i++) await tick();
    assert.equal(sent.length, 2);
    assert.deepEqual(followUps, [1], 'a registry re-publish started another registry pass');
  });

  it('starts the registry pass again when the settings change, for the same version (offline turned off, another registry)', async () => {
    const { publisher, sent, open, followUps } = setup(3);
    const doc = open(1);
    publisher.changed(doc, undefined);
    for (let i = 0; i < 5; i++) await tick();
    assert.deepEqual(followUps, [1]);
    publisher.recheck(doc); // e.g. manifestGuard.offline went from true to false
    for (let i = 0; i < 5; i++) await tick();
    assert.equal(sent.length, 2);
    assert.deepEqual(followUps, [1, 1], 'the settings change did not restart the registry pass');
  });

  it('does not analyse a version that was replaced before its analysis started', async () => {
    const { held, settings } = holdFirstSettingsRead();
    const { publisher, sent, open, analysed } = setup(3, 1, settings);
    publisher.recheck(open(1));
    await held.started; // the publish of version 1 has begun
    publisher.changed(open(2), undefined);
    held.release();
    for (let i = 0; i < 5; i++) await tick();
    assert.deepEqual(sent.map((p) => p.version), [2]);
    assert.equal(analysed(), 1, 'version 1 was analysed although version 2 had arrived');
  });

  it('clears the diagnostics of a closed document and never sends a result for it afterwards', async () => {
    const { held, settings } = holdFirstSettingsRead();
    const { publisher, docs, sent, open } = setup(3, 1, settings);
    publisher.recheck(open(1));
    await held.started;
    docs.delete(URI);
    publisher.closed(URI);
    held.release();
    for (let i = 0; i < 20; i++) await tick();
    assert.deepEqual(sent, [{ uri: URI, diagnostics: [] }]);
  });

  it('publishes the current version when a re-publish of a version the document has left arrives meanwhile', async () => {
    const { held, settings } = holdFirstSettingsRead();
    const { publisher, sent, open } = setup(3, 1, settings);
    publisher.recheck(open(2)); // the user's edit is being published
    await held.started;
    publisher.republish(URI, 1); // the registry pass of version 1 ends now and asks for a re-publish
    held.release();
    for (let i = 0; i < 20; i++) await tick();
    assert.deepEqual(sent.map((p) => p.version), [2], 'the current version was never published');
  });
});
