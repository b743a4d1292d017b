/**
 * Logical lines: physical lines joined at trailing backslashes the way pip joins them, with a map
 * from positions in the joined text back to the original offsets, and pip's comment rule.
 */
import type { Span } from '../../core/model';
import { isSpace } from './text';

/** A line as pip sees it: physical lines joined at trailing backslashes, mapped back to the text. */
export class LogicalLine {
  constructor(
    readonly text: string,
    /** Logical position where each joined piece starts, ascending. */
    private readonly pieceStarts: number[],
    /** Original offset of each piece's first character. */
    private readonly pieceOrigins: number[],
  ) {}

  /** Which joined piece holds logical position `pos`. */
  pieceAt(pos: number): number {
    let low = 0;
    let high = this.pieceStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.pieceStarts[mid] <= pos) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  get pieceCount(): number {
    return this.pieceStarts.length;
  }

  pieceStart(index: number): number {
    return this.pieceStarts[index];
  }

  private originOf(pos: number): number {
    const piece = this.pieceAt(pos);
    return this.pieceOrigins[piece] + (pos - this.pieceStarts[piece]);
  }

  /**
   * The original span of logical [start, end). An end (and an empty span) is placed right after
   * the preceding character, so at a join it stays on the line where the token ends instead of
   * jumping past the removed backslash and line break.
   */
  span(start: number, end: number): Span {
    const endOffset = end > 0 ? this.originOf(end - 1) + 1 : this.originOf(0);
    if (end <= start) return { start: endOffset, end: endOffset };
    return { start: this.originOf(start), end: endOffset };
  }
}

/** pip's `COMMENT_RE.match(line)`: the physical line is only a comment (possibly indented). */
function isCommentLine(text: string, start: number, end: number): boolean {
  let pos = start;
  while (pos < end && isSpace(text.charCodeAt(pos))) pos++;
  return pos < end && text.charCodeAt(pos) === 35 /* # */;
}

/** Splits on `\n`, `\r\n` and lone `\r`, and joins continuations exactly like pip's `join_lines`. */
export function forEachLogicalLine(text: string, visit: (line: LogicalLine) => void): void {
  let pending: Array<[number, number]> = [];
  const flush = (pieces: Array<[number, number]>): void => {
    if (pieces.length === 1) {
      const [start, end] = pieces[0];
      visit(new LogicalLine(text.slice(start, end), [0], [start]));
      return;
    }
    const starts: number[] = [];
    const origins: number[] = [];
    const parts: string[] = [];
    let length = 0;
    for (const [start, end] of pieces) {
      starts.push(length);
      origins.push(start);
      parts.push(text.slice(start, end));
      length += end - start;
    }
    visit(new LogicalLine(parts.join(''), starts, origins));
  };

  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0; // pip decodes with the byte-order mark removed
  for (;;) {
    let end = pos;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    const comment = isCommentLine(text, pos, end);
    if (comment || end === pos || text.charCodeAt(end - 1) !== 92 /* \ */) {
      // A comment line ends a join; pip appends it, but its comment strip then removes it again.
      if (!comment) pending.push([pos, end]);
      if (pending.length > 0) flush(pending);
      else flush([[pos, end]]);
      pending = [];
    } else {
      // pip's `line.strip("\\")`: backslashes go from both ends of a continued line.
      let start = pos;
      let stop = end;
      while (start < stop && text.charCodeAt(start) === 92) start++;
      while (stop > start && text.charCodeAt(stop - 1) === 92) stop--;
      pending.push([start, stop]);
    }
    if (end >= text.length) break;
    pos = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  if (pending.length > 0) flush(pending);
}

/** Where pip's `(^|\s+)#.*$` starts: the whitespace before the first `#` that starts a comment. */
export function commentStart(text: string): { cut: number; hash: number } {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 35 /* # */) continue;
    if (i > 0 && !isSpace(text.charCodeAt(i - 1))) continue;
    let cut = i;
    while (cut > 0 && isSpace(text.charCodeAt(cut - 1))) cut--;
    return { cut, hash: i };
  }
  return { cut: text.length, hash: -1 };
}
