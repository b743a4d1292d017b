/**
 * Reads small config files (.npmrc, NuGet.config) for every analysis without re-reading unchanged
 * ones: the text is kept per path and re-read only when size or modification time change. A
 * missing or unreadable file is `undefined`; anything over 1 MB is not a config file we read.
 */
import { readFileSync, statSync } from 'node:fs';
import { decodeText } from '../../model/decodeText';

const MAX_BYTES = 1024 * 1024;

export function cachedTextReader(): (path: string) => string | undefined {
  const entries = new Map<string, { mtimeMs: number; size: number; text: string | undefined }>();
  return (path) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      entries.delete(path);
      return undefined;
    }
    const known = entries.get(path);
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.text;
    let text: string | undefined;
    try {
      text = stat.isFile() && stat.size <= MAX_BYTES ? decodeText(readFileSync(path)) : undefined;
    } catch {
      text = undefined;
    }
    if (entries.size > 500) entries.clear();
    entries.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, text });
    return text;
  };
}
