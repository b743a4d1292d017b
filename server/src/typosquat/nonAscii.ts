/**
 * Characters outside printable ASCII in a package name. npm and PyPI names are ASCII-only, and
 * nearly every NuGet ID is, so such a character is reported even when it imitates nothing known.
 */
import { confusableOf, scriptOf } from './confusables';
import type { NonAsciiChar } from './types';

/**
 * Enough distinct characters to show what is wrong: a hostile name can hold thousands, and
 * describing each one costs a few microseconds and a clause in the message.
 */
export const MAX_NON_ASCII_REPORTED = 8;

/** The distinct non-ASCII characters of `name`, first occurrences in order, at most MAX_NON_ASCII_REPORTED. */
export function nonAsciiChars(name: string): NonAsciiChar[] {
  const out: NonAsciiChar[] = [];
  // Nearly every name is printable ASCII: skipped a code unit at a time, making no string per character.
  let ascii = 0;
  while (ascii < name.length && name.charCodeAt(ascii) >= 0x20 && name.charCodeAt(ascii) <= 0x7e) ascii++;
  for (let i = ascii; i < name.length && out.length < MAX_NON_ASCII_REPORTED; ) {
    const codePoint = name.codePointAt(i) ?? 0;
    const char = String.fromCodePoint(codePoint);
    if ((codePoint < 0x20 || codePoint > 0x7e) && !out.some((c) => c.codePoint === codePoint)) {
      const looksLike = confusableOf(char);
      out.push({ char, codePoint, index: i, script: scriptOf(char), ...(looksLike ? { looksLike } : {}) });
    }
    i += char.length;
  }
  return out;
}

/** `U+03C5` */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
