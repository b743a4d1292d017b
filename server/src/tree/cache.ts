/**
 * Parsed lockfiles by path. The adapters' file readers hand back the very same string while a file
 * is unchanged (the server's FileCache checks mtime and size), so comparing the text finds a hit in
 * constant time and editing a manifest never parses its lockfile again. A changed file (another
 * string) is parsed once more; equal text read anew (the CLI) is still a hit, after one compare.
 *
 * Bounded by count and by bytes: a parsed lockfile costs memory in proportion to its text, and a
 * few 50 MB lockfiles would otherwise stay for the server's lifetime.
 */
import type { LockGraph } from './model';

/** What an entry is taken to cost: its text (two bytes a character at worst) and a graph about twice that. */
const BYTES_PER_CHARACTER = 6;

export class LockGraphCache {
  private readonly entries = new Map<string, { text: string; graph: LockGraph | undefined }>();
  private bytes = 0;

  /** How many times a lockfile was actually parsed: tests and the benchmark check that edits reuse them. */
  parses = 0;

  constructor(
    private readonly maxEntries = 64,
    private readonly maxBytes = 128 * 1024 * 1024,
  ) {}

  get(path: string, text: string, parse: (text: string) => LockGraph | undefined): LockGraph | undefined {
    const hit = this.entries.get(path);
    if (hit && hit.text === text) return hit.graph;
    const graph = parse(text);
    this.parses++;
    this.drop(path);
    this.entries.set(path, { text, graph });
    this.bytes += text.length * BYTES_PER_CHARACTER;
    // Oldest first; the entry just parsed stays, whatever its size (it is in use).
    while (this.entries.size > 1 && (this.entries.size > this.maxEntries || this.bytes > this.maxBytes)) this.drop(this.entries.keys().next().value as string);
    return graph;
  }

  /** How many lockfiles are held (tests check that the bounds evict). */
  get size(): number {
    return this.entries.size;
  }

  private drop(path: string): void {
    const entry = this.entries.get(path);
    if (!entry) return;
    this.bytes -= entry.text.length * BYTES_PER_CHARACTER;
    this.entries.delete(path);
  }
}
