/**
 * Character classes and scanning helpers shared by the requirements parser: Python's notion of
 * whitespace, PEP 508 name and version characters, and allocation-free scans over a line.
 */
import { shorten } from '../../model/shorten';

/** Python's `str.isspace()`/`\s`, which pip's comment regex and `strip()` use. */
export function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c >= 0x1c && c <= 0x1f) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Word separators inside a line: pip splits on spaces, shlex on spaces and tabs. */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Characters of a PEP 508 name or extra (the ends must also be alphanumeric). */
function isNameChar(c: number): boolean {
  return isAlnum(c) || c === 45 /* - */ || c === 46 /* . */ || c === 95 /* _ */;
}

/** PEP 508 `version` characters. */
export function isVersionChar(c: number): boolean {
  return isNameChar(c) || c === 42 /* * */ || c === 43 /* + */ || c === 33 /* ! */;
}

/** `===` takes an arbitrary string: anything up to whitespace or the next clause. */
export function isArbitraryVersionChar(c: number): boolean {
  return !isBlank(c) && c !== 44 /* , */ && c !== 59 /* ; */ && c !== 41 /* ) */;
}

export function skipBlanks(text: string, pos: number, end: number): number {
  while (pos < end && isBlank(text.charCodeAt(pos))) pos++;
  return pos;
}

export function trimStart(text: string, start: number, end: number): number {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  return start;
}

export function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

/** A short, quoted excerpt for messages (lines can be a megabyte long). */
export function excerpt(text: string, start: number, end: number): string {
  // Sliced first: shortening a megabyte line would copy it whole.
  return `'${shorten(text.slice(start, Math.min(end, start + 42)), 41)}'`;
}

/** The end of a PEP 508 name starting at `start` (== start when there is none). */
export function readName(text: string, start: number, end: number): number {
  if (start >= end || !isAlnum(text.charCodeAt(start))) return start;
  let pos = start + 1;
  while (pos < end && isNameChar(text.charCodeAt(pos))) pos++;
  while (pos > start + 1 && !isAlnum(text.charCodeAt(pos - 1))) pos--; // names end alphanumeric
  return pos;
}

/**
 * The end of a name written with non-ASCII letters among ASCII ones (`reqυest`, `ѕix`), or `start`
 * when there is none there. pip rejects such a name, but it is a look-alike to report by name,
 * not a stray `υest` after a name `req`.
 */
export function readDisguisedName(text: string, start: number, end: number): number {
  let pos = start;
  let disguised = false;
  for (; pos < end; pos++) {
    const c = text.charCodeAt(pos);
    if (c >= 0x80 && !isSpace(c)) disguised = true;
    else if (!isNameChar(c)) break;
  }
  while (pos > start && !isAlnum(text.charCodeAt(pos - 1)) && text.charCodeAt(pos - 1) < 0x80) pos--;
  return disguised && pos > start ? pos : start;
}

export function indexOfIn(text: string, needle: string, start: number, end: number): number {
  const at = text.indexOf(needle, start);
  return at >= 0 && at + needle.length <= end ? at : -1;
}
