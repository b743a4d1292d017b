import type { Span } from '../../server/src/model/model';

export function slice(text: string, span: Span | undefined): string | undefined {
  return span ? text.slice(span.start, span.end) : undefined;
}

/** The span of the `n`-th occurrence of `needle` in `text` (throws if absent, so tests fail loudly). */
export function spanOf(text: string, needle: string, n = 0): Span {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" not found ${n + 1} times`);
  }
  return { start: at, end: at + needle.length };
}
