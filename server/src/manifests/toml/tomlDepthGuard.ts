/**
 * toml-eslint-parser slows down badly on deeply nested arrays and inline tables (a hostile line of
 * 100,000 `[` takes seconds). No manifest nests more than a few levels, so containers nested
 * deeper than MAX_TOML_DEPTH are blanked with spaces before parsing, brackets included: offsets
 * stay exact, and the user is told where. Strings (basic, literal, multi-line) and comments are
 * skipped so brackets inside them do not count.
 */
import { blankRanges, type DepthGuardResult } from '../jsonDepthGuard';

export const MAX_TOML_DEPTH = 64;

export function guardTomlDepth(text: string, maxDepth = MAX_TOML_DEPTH): DepthGuardResult {
  let depth = 0;
  let blankFrom = -1;
  let ranges: Array<[number, number]> | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */ || c === 39 /* ' */) {
      i = stringEnd(text, i, c);
    } else if (c === 35 /* # */) {
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 10) i++;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth++;
      if (depth === maxDepth + 1 && blankFrom === -1) blankFrom = i;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      if (depth === maxDepth + 1 && blankFrom !== -1) {
        (ranges ??= []).push([blankFrom, i + 1]);
        blankFrom = -1;
      }
      depth = Math.max(0, depth - 1);
    }
  }
  if (blankFrom !== -1) (ranges ??= []).push([blankFrom, text.length]);
  return blankRanges(text, ranges);
}

/** The index of the closing quote of the string opening at `start` (or the end of its line / the text). */
function stringEnd(text: string, start: number, quote: number): number {
  const triple = text.charCodeAt(start + 1) === quote && text.charCodeAt(start + 2) === quote;
  if (triple) {
    const close = text.indexOf(String.fromCharCode(quote).repeat(3), start + 3);
    return close < 0 ? text.length : close + 2;
  }
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */ && quote === 34) i++;
    else if (c === quote || c === 10) return i;
  }
  return text.length;
}
