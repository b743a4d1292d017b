/**
 * Registry answers on disk (the extension's global storage, the CLI's cache folder), one JSON file
 * per key, named by the key's SHA-256. Only parsed facts are stored — never request headers, so
 * never a token. A file that is unreadable, not JSON, of another format version or for another
 * key is deleted and treated as absent: a corrupt cache costs a request, never an error.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asObject, field } from '../json';
import type { CacheEntry } from './entry';

/** Bump when the shape of stored facts changes: older files are then discarded. */
const FORMAT = 3;
/** Files not written for this long are deleted (once per process, on the first write). */
const MAX_AGE_MS = 30 * 24 * 60 * 60_000;

export class DiskCache {
  private ready: Promise<void> | undefined;

  constructor(
    readonly dir: string,
    private readonly onError: (message: string) => void = () => undefined,
  ) {}

  async read(key: string): Promise<CacheEntry | undefined> {
    const path = this.pathOf(key);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
    const entry = decode(text, key);
    if (!entry) {
      this.onError(`discarded a corrupt cache file ${path}`);
      await unlink(path).catch(() => undefined);
    }
    return entry;
  }

  async write(entry: CacheEntry): Promise<void> {
    const path = this.pathOf(entry.key);
    // Write then rename, so a crash or a second process never leaves half a file behind.
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await (this.ready ??= mkdir(this.dir, { recursive: true }).then(() => void this.prune(MAX_AGE_MS)));
      await writeFile(tmp, JSON.stringify({ format: FORMAT, ...entry }));
      await rename(tmp, path);
    } catch (err) {
      this.ready = undefined;
      await unlink(tmp).catch(() => undefined);
      this.onError(`cannot write the registry cache in ${this.dir}: ${(err as Error).message}`);
    }
  }

  /** Deletes every cache file (the "clear cache" command); other files in the folder are left alone. */
  async clear(): Promise<void> {
    await this.prune(0);
  }

  /** Deletes cache files last written more than `maxAgeMs` ago, so the folder cannot grow forever. */
  private async prune(maxAgeMs: number): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const cutoff = Date.now() - maxAgeMs;
    for (const name of names) {
      if (!/^[0-9a-f]{64}\.json$/.test(name)) continue;
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => undefined);
      if (info && info.mtimeMs <= cutoff) await unlink(path).catch(() => undefined);
    }
  }

  private pathOf(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key).digest('hex')}.json`);
  }
}

function decode(text: string, key: string): CacheEntry | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const obj = asObject(raw);
  const answer = asObject(field(obj, 'answer'));
  const storedAt = field(obj, 'storedAt');
  const etag = field(obj, 'etag');
  if (field(obj, 'format') !== FORMAT || field(obj, 'key') !== key || typeof storedAt !== 'number' || !answer) return undefined;
  if (etag !== undefined && typeof etag !== 'string') return undefined;
  const found = field(answer, 'found');
  if (found === false) return { key, storedAt, etag, answer: { found: false } };
  if (found !== true || typeof field(answer, 'value') !== 'object' || field(answer, 'value') === null) return undefined;
  return { key, storedAt, etag, answer: { found: true, value: field(answer, 'value') } };
}
