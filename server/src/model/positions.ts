/**
 * Offset ↔ line/character conversion. The core works in offsets; LSP and the CLI's JSON want
 * 0-based lines and UTF-16 characters. Line breaks are `\n`, `\r\n` and a lone `\r`, as in LSP.
 */
import type { Span } from './model';

export interface Position {
  line: number;
  character: number;
}
export interface LineRange {
  start: Position;
  end: Position;
}

export class LineIndex {
  /** Offsets at which each line starts. */
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  rangeOf(span: Span): LineRange {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}

export function spanContains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}
