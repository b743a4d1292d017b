/**
 * pip splits the options part of a line with `shlex.split`: these are its words, each with its
 * unquoted value and its raw extent in the line.
 */
import { problem, type LineContext } from './context';
import { isBlank, skipBlanks } from './text';

/** A shlex word: its unquoted value and its raw extent in the logical line. */
export interface Word {
  value: string;
  start: number;
  end: number;
}

/**
 * POSIX `shlex.split` (no comments): words split on blanks, `'…'` literal, `"…"` with backslash
 * escapes, a backslash outside quotes escapes the next character. Returns undefined (with a
 * problem) where shlex raises, as pip then stops.
 */
export function shlexWords(ctx: LineContext, start: number, end: number): Word[] | undefined {
  const text = ctx.line.text;
  const words: Word[] = [];
  let pos = start;
  while (pos < end) {
    pos = skipBlanks(text, pos, end);
    if (pos >= end) break;
    const wordStart = pos;
    const parts: string[] = [];
    while (pos < end && !isBlank(text.charCodeAt(pos))) {
      const c = text.charCodeAt(pos);
      if (c === 39 /* ' */ || c === 34 /* " */) {
        const close = readQuoted(text, pos, end, parts);
        if (close < 0) {
          problem(ctx, 'Unclosed quotation mark in the options; pip stops with "Could not split options".', ctx.line.span(pos, end));
          return undefined;
        }
        pos = close + 1;
      } else if (c === 92 /* \ */) {
        if (pos + 1 < end) parts.push(text.charAt(pos + 1));
        pos += 2;
      } else {
        let run = pos + 1;
        while (run < end && !isBlank(text.charCodeAt(run)) && !isQuoteOrBackslash(text.charCodeAt(run))) run++;
        parts.push(text.slice(pos, run));
        pos = run;
      }
    }
    words.push({ value: parts.join(''), start: wordStart, end: Math.min(pos, end) });
  }
  return words;
}

function isQuoteOrBackslash(c: number): boolean {
  return c === 39 || c === 34 || c === 92;
}

/** Appends a quoted section's content to `parts`; returns the closing quote's position or -1. */
function readQuoted(text: string, open: number, end: number, parts: string[]): number {
  const quote = text.charCodeAt(open);
  let pos = open + 1;
  let runStart = pos;
  while (pos < end) {
    const c = text.charCodeAt(pos);
    if (c === quote) {
      parts.push(text.slice(runStart, pos));
      return pos;
    }
    // In double quotes, POSIX shlex only lets a backslash escape `"` and `\`.
    if (quote === 34 && c === 92 && pos + 1 < end) {
      const next = text.charCodeAt(pos + 1);
      if (next === 34 || next === 92) {
        parts.push(text.slice(runStart, pos));
        runStart = pos + 1;
        pos += 2;
        continue;
      }
    }
    pos++;
  }
  return -1;
}
