/**
 * The popularity index of an ecosystem without a prebuilt table (the .vsix ships none; the build
 * writes them in dist/data) is built once, right after the first diagnostics that needed it were
 * published (typing never waits ~100 ms for it), in the worker thread, and kept in the storage
 * folder; then the open documents are checked again, now with the typosquat rule. An ecosystem
 * with a prebuilt table is ready at once (NameIndex.isReady) and never comes here.
 */
import type { Logger } from '../analysis/analyze';
import type { AnalysisServices } from '../analysis/services';
import type { Ecosystem } from '../model/model';

export class IndexWarmup {
  private readonly wanted = new Set<Ecosystem>();
  private readonly tried = new Set<Ecosystem>();

  constructor(
    private readonly services: Pick<AnalysisServices, 'names' | 'offThread'>,
    private readonly logger: Logger,
    private readonly onBuilt: () => void,
  ) {}

  /** An analysis ran without this ecosystem's index (DocumentAnalyses' `onIndexNeeded`). */
  want = (ecosystem: Ecosystem): void => {
    if (!this.tried.has(ecosystem)) this.wanted.add(ecosystem);
  };

  /** Builds what was wanted, after the current task (the publish that needed it) is done. */
  buildSoon(): void {
    if (this.wanted.size > 0) setImmediate(() => void this.build());
  }

  private async build(): Promise<void> {
    if (this.wanted.size === 0) return;
    const wanted = [...this.wanted];
    this.wanted.clear();
    for (const ecosystem of wanted) {
      this.tried.add(ecosystem);
      try {
        const names = this.services.names();
        if (names?.prepare) await names.prepare(ecosystem, (e, listText) => this.services.offThread.nameTable(e, listText));
        else names?.entries(ecosystem);
      } catch (err) {
        this.logger.error(`building the ${ecosystem} popularity index failed: ${(err as Error)?.stack ?? String(err)}`);
      }
    }
    this.onBuilt();
  }
}
