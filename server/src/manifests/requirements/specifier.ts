/**
 * The version spec after a requirement's name: where it is (so a pin fix can replace it or insert
 * one) and whether it follows PEP 508's `version_many` syntax.
 */
import type { Dependency } from '../../model/model';
import { problem, type LineContext } from './context';
import { excerpt, isArbitraryVersionChar, isVersionChar, skipBlanks, trimEnd } from './text';

const OPERATORS = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'];

/**
 * The version spec after the name (and extras): `spec`/`specSpan` as written, or an empty
 * `specSpan` where `==X` would go. A malformed spec is kept as written (so a pin fix can replace
 * it) and reported.
 */
export function readVersionSpec(ctx: LineContext, dep: Dependency, afterName: number, end: number): void {
  const text = ctx.line.text;
  const start = skipBlanks(text, afterName, end);
  if (start >= end) {
    dep.specSpan = ctx.line.span(afterName, afterName);
    return;
  }
  let specStart = start;
  let specEnd = end;
  if (text.charCodeAt(start) === 40 /* ( */) {
    if (text.charCodeAt(end - 1) === 41 /* ) */) {
      specStart = skipBlanks(text, start + 1, end - 1);
      specEnd = trimEnd(text, specStart, end - 1);
      if (specStart >= specEnd) {
        dep.specSpan = ctx.line.span(start + 1, start + 1); // `name ()`: any version
        return;
      }
    } else {
      problem(ctx, `Missing ')' after the version specifier.`);
      dep.spec = text.slice(start, end);
      dep.specSpan = ctx.line.span(start, end);
      return;
    }
  }
  dep.spec = text.slice(specStart, specEnd);
  dep.specSpan = ctx.line.span(specStart, specEnd);
  const error = specifierError(text, specStart, specEnd);
  if (error) problem(ctx, error);
}

/** Checks PEP 508 `version_many` syntax; PEP 440 validity of each version is `specs/pypi.ts`'s job. */
function specifierError(text: string, start: number, end: number): string | undefined {
  let pos = start;
  for (;;) {
    pos = skipBlanks(text, pos, end);
    const op = operatorAt(text, pos, end);
    if (!op) return missingOperator(text, pos, end);
    pos = skipBlanks(text, pos + op.length, end);
    const versionStart = pos;
    const accepts = op === '===' ? isArbitraryVersionChar : isVersionChar;
    while (pos < end && accepts(text.charCodeAt(pos))) pos++;
    if (pos === versionStart) return `Missing version after '${op}'.`;
    pos = skipBlanks(text, pos, end);
    if (pos >= end) return undefined;
    if (text.charCodeAt(pos) !== 44 /* , */) return unexpectedInSpec(text, pos, end);
    pos = skipBlanks(text, pos + 1, end);
    if (pos >= end) return undefined; // pip (packaging) accepts one trailing comma
    if (text.charCodeAt(pos) === 44) return `Empty version clause between commas.`;
  }
}

/** The version operator at `pos` (longest first), read without allocating: every spec clause asks. */
function operatorAt(text: string, pos: number, end: number): string | undefined {
  for (const op of OPERATORS) if (pos + op.length <= end && text.startsWith(op, pos)) return op;
  return undefined;
}

function missingOperator(text: string, pos: number, end: number): string {
  if (text.charCodeAt(pos) === 61 /* = */) return `'=' is not a version operator: use '=='.`;
  return `Expected a version operator (==, >=, <, ~=, !=, ===) but found ${excerpt(text, pos, end)}.`;
}

function unexpectedInSpec(text: string, pos: number, end: number): string {
  if (text.charCodeAt(pos) === 35 /* # */) {
    return `Unexpected '#': pip only treats '#' as a comment when whitespace comes before it.`;
  }
  return `Unexpected ${excerpt(text, pos, end)} in the version specifier.`;
}
