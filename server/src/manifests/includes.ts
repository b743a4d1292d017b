/**
 * Following `-r`/`-c` includes of requirements files. pip itself has no cycle protection, so a
 * cycle is reported; a missing or out-of-reach file is reported on the include line.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Include, Manifest, ParseProblem } from '../model/model';
import { byteOrderMark } from '../model/decodeText';

export type FileProbe = (path: string) => 'file' | 'missing' | 'not-a-file' | 'binary' | 'too-large';

/** Largest include worth reading; requirements files are kilobytes. */
export const MAX_INCLUDE_BYTES = 4 * 1024 * 1024;

/** Looks at an include target without reading it whole: existence, size, and a NUL byte in its head. */
export const probeFile: FileProbe = (path) => {
  let fd: number | undefined;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return 'not-a-file';
    if (stat.size > MAX_INCLUDE_BYTES) return 'too-large';
    fd = openSync(path, 'r');
    const head = Buffer.alloc(Math.min(8192, stat.size));
    readSync(fd, head, 0, head.length, 0);
    // UTF-16 text is full of NUL bytes; its byte-order mark says it is text all the same.
    if (byteOrderMark(head)?.encoding.startsWith('utf16')) return 'file';
    return head.includes(0) ? 'binary' : 'file';
  } catch {
    return 'missing';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
};

/** The absolute path an include points at; URLs (pip accepts `-r https://…`) are not followed. */
export function includeTarget(fromPath: string, include: Include): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(include.target)) return undefined;
  return resolve(dirname(fromPath), include.target);
}

/** Whether `path` lies inside `root` (both absolute). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function includeProblems(manifest: Manifest, fromPath: string, probe: FileProbe, root?: string): ParseProblem[] {
  const problems: ParseProblem[] = [];
  for (const inc of manifest.includes) {
    const target = includeTarget(fromPath, inc);
    if (!target) {
      problems.push({ span: inc.span, message: `${inc.target} is fetched from the network when pip runs; Manifest Guard does not follow it, so its contents are unchecked.` });
      continue;
    }
    if (root) {
      if (!isInside(root, target)) {
        problems.push({ span: inc.span, message: `${inc.target} points outside the workspace; it is not followed.` });
        continue;
      }
    }
    if (target === resolve(fromPath)) {
      problems.push({ span: inc.span, message: `This file includes itself: pip would recurse until it fails.` });
      continue;
    }
    const kind = probe(target);
    if (kind === 'missing') problems.push({ span: inc.span, message: `${inc.target} does not exist: pip install -r would fail here.` });
    else if (kind === 'not-a-file') problems.push({ span: inc.span, message: `${inc.target} is not a regular file.` });
    else if (kind === 'binary') problems.push({ span: inc.span, message: `${inc.target} is a binary file, not a requirements file; it is not read.` });
    else if (kind === 'too-large') problems.push({ span: inc.span, message: `${inc.target} is larger than ${MAX_INCLUDE_BYTES / 1024 / 1024} MB; it is not read.` });
  }
  return problems;
}
