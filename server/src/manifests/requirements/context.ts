/**
 * What the line readers share: the line being read, where its problems go, and values located in
 * the line (so a sub-token such as an `#egg=` name gets its own span).
 */
import type { Manifest, Span } from '../../model/model';
import type { LogicalLine } from './logicalLines';

export interface LineContext {
  line: LogicalLine;
  out: Manifest;
  /** The line's content (comment and surrounding whitespace excluded), for whole-line problems. */
  contentStart: number;
  contentEnd: number;
}

export function problem(ctx: LineContext, message: string, span?: Span): void {
  ctx.out.problems.push({ message, span: span ?? ctx.line.span(ctx.contentStart, ctx.contentEnd) });
}

/** A value inside the line: its text and its logical extent (quotes excluded when it is quoted). */
export interface LocatedValue {
  text: string;
  start: number;
  end: number;
  /** Whether `text` is exactly the characters at [start, end), so sub-tokens can be located. */
  exact: boolean;
}

export function located(text: string, start: number, end: number): LocatedValue {
  return { text: text.slice(start, end), start, end, exact: true };
}

/** Where a located sub-token is: exact when the value text is the raw text, else the whole value. */
export function subExtent(value: LocatedValue, from: number, to: number): [number, number] {
  return value.exact ? [value.start + from, value.start + to] : [value.start, value.end];
}
