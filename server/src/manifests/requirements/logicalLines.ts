/**
 * Logical lines: physical lines joined at trailing backslashes the way pip joins them, with a map
 * from positions in the joined text back to the original offsets, and pip's comment rule.
 */
import type { Span } from '../../model/model';
import { isSpace } from './text';

/** Where the pieces of a joined line start, in the joined text and in the original one. */
interface Joins {
  /** Logical position where each joined piece starts, ascending (the first is 0). */
  starts: number[];
  /** Original offset of each piece's first character. */
  origins: number[];
}

/**
 * A line as pip sees it: physical lines joined at trailing backslashes, mapped back to the text.
 * Nearly every line is a single physical line: it carries only its offset, so reading a large
 * file allocates no position tables.
 */
export class LogicalLine {
  constructor(
    readonly text: string,
    /** Original offset of the line's first character. */
    private readonly origin: number,
    private readonly joins?: Joins,
  ) {}

  /** Which joined piece holds logical position `pos`. */
  pieceAt(pos: number): number {
    const starts = this.joins?.starts;
    if (!starts) return 0;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= pos) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  get pieceCount(): number {
    return this.joins ? this.joins.starts.length : 1;
  }

  pieceStart(index: number): number {
    return this.joins ? this.joins.starts[index] : 0;
  }

  private originOf(pos: number): number {
    if (!this.joins) return this.origin + pos;
    const piece = this.pieceAt(pos);
    return this.joins.origins[piece] + (pos - this.joins.starts[piece]);
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
  for (const line of logicalLines(text)) visit(line);
}

/** `forEachLogicalLine` as a sequence, so a reader can stop between lines (and resume). */
export function* logicalLines(text: string): Generator<LogicalLine, void, undefined> {
  /** The pieces of a line being continued with `\`, as [start, end) offsets. */
  let pending: Array<[number, number]> | undefined;
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
      if (pending) {
        if (!comment) pending.push([pos, end]);
        yield joined(text, pending);
        pending = undefined;
      } else {
        yield new LogicalLine(text.slice(pos, end), pos);
      }
    } else {
      // pip's `line.strip("\\")`: backslashes go from both ends of a continued line.
      let start = pos;
      let stop = end;
      while (start < stop && text.charCodeAt(start) === 92) start++;
      while (stop > start && text.charCodeAt(stop - 1) === 92) stop--;
      (pending ??= []).push([start, stop]);
    }
    if (end >= text.length) break;
    pos = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  if (pending) yield joined(text, pending);
}

/** The pieces of a continued line as one logical line. */
function joined(text: string, pending: ReadonlyArray<[number, number]>): LogicalLine {
  const joins: Joins = { starts: [], origins: [] };
  const parts: string[] = [];
  let length = 0;
  for (const [start, end] of pending) {
    joins.starts.push(length);
    joins.origins.push(start);
    parts.push(text.slice(start, end));
    length += end - start;
  }
  return new LogicalLine(parts.join(''), joins.origins[0], joins);
}

/**
 * Where pip's `(^|\s+)#.*$` comment starts: the first `#` at the start of the line or after
 * whitespace, or -1. (The whitespace before it goes with the comment; callers trim it anyway.)
 */
export function commentHash(text: string): number {
  // indexOf is native and fast: nearly every line has no `#` at all.
  for (let i = text.indexOf('#'); i !== -1; i = text.indexOf('#', i + 1)) {
    if (i === 0 || isSpace(text.charCodeAt(i - 1))) return i;
  }
  return -1;
}
