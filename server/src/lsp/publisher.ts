/**
 * Live diagnostics of open documents: when to analyse (no fixed debounce when analysis is cheap),
 * which results may still be shown (the version guard), and publishing them (publishAnalysis).
 *
 * Everything kept here is keyed by an open document and dropped when it closes.
 */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Logger } from '../analysis/analyze';
import type { Settings } from '../model/settings';
import type { DocumentAnalyses, DocumentAnalysis } from './documentState';
import { publishAnalysis, type SendDiagnostics } from './publishAnalysis';

/**
 * A document whose last analysis took less than this is re-published at once on every edit
 * (squiggles follow the keystroke); a slower one waits for a pause in typing, so a burst of edits
 * costs one analysis, not one per keystroke.
 */
export const CHEAP_ANALYSIS_MS = 25;
/** The pause in typing a slow-to-analyse document waits for. */
export const TYPING_PAUSE_MS = 120;

export interface PublisherHost {
  documents: Pick<TextDocuments<TextDocument>, 'get'>;
  analyses: Pick<DocumentAnalyses, 'getInSlices' | 'recheck'>;
  settings(): Promise<Settings>;
  send: SendDiagnostics;
  logger: Logger;
  /** The status bar's count of running checks. */
  status?: { begin(): void; end(): void };
  /** After the first publish of a document version (a fresh one or a re-publish that overtook it): the registry pass and index warm-up start here. */
  afterPublish?(doc: TextDocument, result: DocumentAnalysis, settings: Settings): void;
}

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The last publish started per document: an older one still converting is not sent. */
  private readonly latest = new Map<string, number>();
  /** The version `afterPublish` last ran for, per document: once per version, whichever publish of it got out. */
  private readonly followedUp = new Map<string, number>();
  private sequence = 0;

  constructor(private readonly host: PublisherHost) {}

  /** The document's text changed (or it opened): publish now, or after a typing pause when its analysis is slow. */
  changed(doc: TextDocument, previous: DocumentAnalysis | undefined): void {
    const slow = previous !== undefined && previous.analysisMs >= CHEAP_ANALYSIS_MS;
    this.schedule(doc, slow ? TYPING_PAUSE_MS : 0);
  }

  /**
   * Something besides the text changed (settings, workspace folders): check again, now, and start
   * the registry pass again after the publish — the registry settings or offline mode may be what
   * changed, for the very version whose pass already ran.
   */
  recheck(doc: TextDocument): void {
    this.followedUp.delete(doc.uri);
    this.schedule(doc, 0);
  }

  /** Re-analyses `uri` with what is known now (registry facts, an index) and publishes, if it is still at `version`. */
  republish(uri: string, version: number): void {
    // Checked now, not only when the publish begins: a re-publish of a version the document has
    // left (a registry pass of it that ends late) would otherwise take the place of the current
    // version's publish in flight, and then publish nothing itself.
    if (this.host.documents.get(uri)?.version !== version) return;
    void this.publish(uri, version, true);
  }

  /** The document closed: nothing of it is kept, and its diagnostics are cleared. */
  closed(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.latest.delete(uri);
    this.followedUp.delete(uri);
    void this.host.send({ uri, diagnostics: [] });
  }

  private schedule(doc: TextDocument, delay: number): void {
    clearTimeout(this.timers.get(doc.uri));
    this.timers.set(
      doc.uri,
      setTimeout(() => {
        this.timers.delete(doc.uri);
        void this.publish(doc.uri, doc.version, false);
      }, delay),
    );
  }

  /** The one publishing path: analyse (or reuse), convert in slices, send, unless the document moved on. */
  private async publish(uri: string, version: number, again: boolean): Promise<void> {
    const ticket = ++this.sequence;
    this.latest.set(uri, ticket);
    const stillWanted = () => this.latest.get(uri) === ticket && this.host.documents.get(uri)?.version === version;
    this.host.status?.begin();
    try {
      const settings = await this.host.settings();
      // The analysis runs in a task of its own, after the messages already received: a hover is
      // answered first, and an edit that arrived meanwhile makes this analysis unnecessary.
      await new Promise((resolve) => setImmediate(resolve));
      // The document may have changed or closed meanwhile: never publish stale results.
      const doc = this.host.documents.get(uri);
      if (!doc || !stillWanted()) return;
      // Registry facts or an index arrived: the rules run again on the same parse.
      if (again) this.host.analyses.recheck(uri);
      // A large document is checked in slices: the server answers other requests in between.
      const result = await this.host.analyses.getInSlices(doc, settings, stillWanted);
      if (!result || !stillWanted()) return;
      const sent = await publishAnalysis(this.host.send, result, version, stillWanted);
      if (sent && this.followedUp.get(uri) !== version) {
        this.followedUp.set(uri, version);
        this.host.afterPublish?.(doc, result, settings);
      }
    } catch (err) {
      this.host.logger.error(`analysis of ${uri} failed: ${(err as Error)?.stack ?? String(err)}`);
    } finally {
      if (this.latest.get(uri) === ticket) this.latest.delete(uri);
      this.host.status?.end();
    }
  }
}
