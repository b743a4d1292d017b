/**
 * Gives memory back soon after a large document is dropped (closed, or cut to under half its
 * size), by running one compacting full collection shortly after the drop.
 *
 * Why a collection of our own: V8 compacts its heap and hands freed pages back to the system in
 * the collections of its memory reducer, which runs 8 s after the last full collection if little
 * was allocated since, else 8 s later again, and not at all once it has run and the heap has not
 * grown since. After a burst of work on large documents that falls anywhere: measured 10 s after
 * the hostile documents of bench/lspHostile closed, resident memory was back within 1.2× of idle
 * in most runs and at 1.8–1.9× in about one in three. A plain full collection just after the drop
 * frees the documents' objects but leaves the heap's pages half empty (116–134 MB, 1.4–1.6× idle,
 * until the reducer runs); a compacting one moves the survivors together and the emptied pages go
 * back at once (108–109 MB, 1.3×, whether the reducer runs later or not). It costs 20–30 ms, once
 * per burst of drops, at a moment nothing else is asked of the server.
 *
 * The collection is `gc`, present when the server runs with --expose-gc (SERVER_NODE_FLAGS);
 * without it this does nothing. Compaction is V8's `--compact-on-every-full-gc`, switched on for
 * that one collection only: V8 reads it when a full collection starts, and every other full
 * collection keeps V8's own heuristics (compacting all of them costs edit latency). Setting a flag
 * after start is allowed where the server runs: Node starts V8 with `--no-freeze-flags-after-init`
 * for `v8.setFlagsFromString`, and Electron's node mode (VS Code's server processes) initialises
 * through Node and keeps the flags unfrozen too.
 */
import { setFlagsFromString } from 'node:v8';

/** A document under this many characters costs too little to be worth a collection. */
export const LARGE_DOCUMENT_CHARS = 200_000;

/** How long after the last drop of a burst the collection runs: one collection for a burst of closes. */
export const RECLAIM_DELAY_MS = 200;

export class MemoryReclaim {
  /** The size of each open document last seen, so a shrink can be told from an edit. */
  private readonly sizes = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Collections run so far (reported by `manifestGuard/memoryUsage`). */
  collections = 0;

  constructor(
    /** Whether a document is being analysed: the collection waits until none is. */
    private readonly busy: () => boolean,
    private readonly collect: (() => void) | undefined = compactingCollection((globalThis as { gc?: () => void }).gc),
    private readonly delayMs = RECLAIM_DELAY_MS,
  ) {}

  /**
   * A document's text changed (or it opened) and is now `chars` long. A collection already waiting
   * waits again: it is for when the edits pause.
   */
  sized(uri: string, chars: number): void {
    const before = this.sizes.get(uri) ?? 0;
    this.sizes.set(uri, chars);
    if ((before >= LARGE_DOCUMENT_CHARS && chars < before / 2) || this.timer) this.soon();
  }

  /** A document closed: whatever was kept for it is now garbage. */
  closed(uri: string): void {
    const before = this.sizes.get(uri) ?? 0;
    this.sizes.delete(uri);
    if (before >= LARGE_DOCUMENT_CHARS) this.soon();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private soon(): void {
    if (!this.collect) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.collectWhenQuiet(), this.delayMs);
    // A pending collection never keeps the process alive.
    this.timer.unref?.();
  }

  /**
   * Never in the middle of an analysis (it would hold the thread 20–30 ms, more with a large heap
   * to compact): it waits until none runs. And not at all while a large document is still open:
   * memory is not expected back then, and compacting a heap that large costs more.
   */
  private collectWhenQuiet(): void {
    this.timer = undefined;
    for (const chars of this.sizes.values()) if (chars >= LARGE_DOCUMENT_CHARS) return;
    if (this.busy()) return this.soon();
    this.collect?.();
    this.collections++;
  }
}

/** One full collection that compacts the heap, from V8's `gc`; undefined without it. */
export function compactingCollection(gc: (() => void) | undefined): (() => void) | undefined {
  if (!gc) return undefined;
  return () => {
    setFlagsFromString('--compact-on-every-full-gc');
    try {
      gc();
    } finally {
      setFlagsFromString('--no-compact-on-every-full-gc');
    }
  };
}
