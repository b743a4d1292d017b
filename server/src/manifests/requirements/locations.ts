/**
 * Classifying a location the way pip does: URL schemes (pip's `is_url`), VCS URLs, archive file
 * extensions (`is_archive_file`) and path-like text (`_looks_like_path`).
 */
import type { SourceKind } from '../../model/model';
import { indexOfIn } from './text';

/** The URL schemes for which pip's `is_url` is true (its own list plus every VCS scheme). */
const VCS_SCHEMES = new Set([
  'git', 'git+http', 'git+https', 'git+ssh', 'git+git', 'git+file',
  'hg+file', 'hg+http', 'hg+https', 'hg+ssh', 'hg+static-http',
  'svn', 'svn+ssh', 'svn+http', 'svn+https', 'svn+svn', 'svn+file',
  'bzr+http', 'bzr+https', 'bzr+ssh', 'bzr+sftp', 'bzr+ftp', 'bzr+lp', 'bzr+file',
]);
const URL_SCHEMES = new Set(['http', 'https', 'file', 'ftp', ...VCS_SCHEMES]);

/** pip's `is_archive_file` extensions. */
const ARCHIVE_EXTENSIONS = ['.tar.bz2', '.tar.lzma', '.tar.gz', '.tar.xz', '.tar.lz', '.zip', '.whl', '.tbz', '.txz', '.tlz', '.tar', '.tgz'];

/** pip's `get_url_scheme`: the text before the first `:`, lowercased. */
export function schemeOf(value: string): string | undefined {
  const colon = value.indexOf(':');
  return colon < 0 ? undefined : value.slice(0, colon).toLowerCase();
}

export function isPipUrl(value: string): boolean {
  const scheme = schemeOf(value);
  return scheme !== undefined && URL_SCHEMES.has(scheme);
}

/** `isPipUrl(text.slice(start, end))` without copying the (possibly long) line. */
export function startsWithPipUrl(text: string, start: number, end: number): boolean {
  const colon = indexOfIn(text, ':', start, end);
  return colon >= 0 && URL_SCHEMES.has(text.slice(start, colon).toLowerCase());
}

export function isVcsUrl(value: string): boolean {
  const scheme = schemeOf(value);
  if (scheme === undefined) return false;
  return VCS_SCHEMES.has(scheme) || /^(git|hg|svn|bzr)\+/.test(scheme);
}

export function archiveExtension(value: string): string | undefined {
  return archiveExtensionAt(value, 0, value.length);
}

/** The archive extension `text[start, end)` ends with (case-insensitive), read in place: every requirement line asks. */
export function archiveExtensionAt(text: string, start: number, end: number): string | undefined {
  // Most requirements end in a version digit no extension ends with: one test rules them out.
  if (end <= start || !LAST_CHARS.has(text.charCodeAt(end - 1) | 0x20)) return undefined;
  return ARCHIVE_EXTENSIONS.find((ext) => end - start > ext.length && endsWithIgnoringCase(text, end, ext));
}

/** The last characters of the archive extensions, lowercase (`| 0x20` lowercases a letter, keeps a digit). */
const LAST_CHARS = new Set(ARCHIVE_EXTENSIONS.map((ext) => ext.charCodeAt(ext.length - 1)));

/** Whether the text before `end` is `suffix`, ignoring ASCII case (`suffix` is lowercase). */
function endsWithIgnoringCase(text: string, end: number, suffix: string): boolean {
  for (let i = 1; i <= suffix.length; i++) {
    const c = text.charCodeAt(end - i);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== suffix.charCodeAt(suffix.length - i)) return false;
  }
  return true;
}

/** pip's `_looks_like_path` (either separator, as the file may be used on Windows too). */
export function looksLikePath(value: string): boolean {
  return looksLikePathAt(value, 0, value.length);
}

export function looksLikePathAt(text: string, start: number, end: number): boolean {
  if (start < end && text.charCodeAt(start) === 46 /* . */) return true;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 47 /* / */ || c === 92 /* \ */) return true;
  }
  return false;
}

export function sourceOfUrl(url: string): SourceKind {
  if (isVcsUrl(url)) return 'git';
  const scheme = schemeOf(url);
  if (scheme === 'file' || (scheme === undefined && looksLikePath(url))) return 'path';
  return 'url';
}
