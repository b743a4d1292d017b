/** Reading manifests and lockfiles from disk for the CLI and the workspace scan. */
import { readFileSync, statSync } from 'node:fs';
import { decodeText } from '../model/decodeText';

/** A manifest's text, or a placeholder past `maxBytes`; undefined when it cannot be read. */
export function readText(path: string, maxBytes: number): string | undefined {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return undefined;
    // Do not read what we will not analyse: a placeholder of the right size triggers the size finding.
    if (stat.size > maxBytes) return ' '.repeat(maxBytes + 1);
    return decodeText(readFileSync(path));
  } catch {
    return undefined;
  }
}

/** Lockfiles over 64 MB are not read: none that size is one we can use. */
export const LOCKFILE_MAX_BYTES = 64 * 1024 * 1024;
