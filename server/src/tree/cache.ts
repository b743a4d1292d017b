/**
 * Parsed lockfiles by path. The adapters' file readers hand back the very same string while a file
 * is unchanged (the server's FileCache checks mtime and size), so comparing the text finds a hit in
 * constant time and editing a manifest never parses its lockfile again. A changed file (another
 * string) is parsed once more; equal text read anew (the CLI) is still a hit, after one compare.
 */
import type { LockGraph } from './model';

export class LockGraphCache {
  private readonly entries = new Map<string, { text: string; graph: LockGraph | undefined }>();

  /** How many times a lockfile was actually parsed: tests and the benchmark check that edits reuse them. */
  parses = 0;

  constructor(private readonly maxEntries = 64) {}

  get(path: string, text: string, parse: (text: string) => LockGraph | undefined): LockGraph | undefined {
    const hit = this.entries.get(path);
    if (hit && hit.text === text) return hit.graph;
    const graph = parse(text);
    this.parses++;
    if (this.entries.size >= this.maxEntries && !hit) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(path, { text, graph });
    return graph;
  }
}
