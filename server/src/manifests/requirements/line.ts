/**
 * One logical line: strips its comment, splits it into the requirement part and the options part
 * (pip's `break_args_options`), and hands it to the reader for its kind.
 */
import type { Manifest, ParseProblem } from '../../model/model';
import type { LineContext } from './context';
import { editableLine, optionLine, requirementLine } from './lineKinds';
import { commentHash, type LogicalLine } from './logicalLines';
import { readOptions } from './options';
import { isBlank, trimEnd, trimStart } from './text';

export function parseLine(line: LogicalLine, out: Manifest): void {
  const text = line.text;
  const hash = commentHash(text);
  const cut = hash < 0 ? text.length : hash;
  const start = trimStart(text, 0, cut);
  const end = trimEnd(text, start, cut);
  reportSwallowedLines(line, hash, out.problems);
  if (start >= end) return;

  const ctx: LineContext = { line, out, contentStart: start, contentEnd: end };
  const optionsStart = findOptionsStart(text, start, end);
  const argsEnd = trimEnd(text, start, optionsStart);
  const options = readOptions(ctx, optionsStart, end);

  if (argsEnd > start) requirementLine(ctx, start, argsEnd, options);
  else if (options.uses.some((u) => u.def.dest === 'editable')) editableLine(ctx, options);
  else optionLine(ctx, options);
}

/** `foo  # note \` joins the next line into the comment, and pip then drops it with the comment. */
function reportSwallowedLines(line: LogicalLine, hash: number, problems: ParseProblem[]): void {
  if (hash < 0) return;
  const piece = line.pieceAt(hash);
  if (piece >= line.pieceCount - 1) return;
  const text = line.text;
  const start = trimStart(text, line.pieceStart(piece + 1), text.length);
  const end = trimEnd(text, start, text.length);
  if (start >= end) return;
  problems.push({
    message:
      'pip ignores this: the comment before it ends with a backslash, so pip joins this line into the comment.',
    span: line.span(start, end),
  });
}

/** pip's `break_args_options`: options start at the first word that starts with `-`. */
function findOptionsStart(text: string, start: number, end: number): number {
  // A `-` that starts a word: at the start, or after a blank (found natively with indexOf).
  for (let pos = text.indexOf('-', start); pos !== -1 && pos < end; pos = text.indexOf('-', pos + 1)) {
    if (pos === start || isBlank(text.charCodeAt(pos - 1))) return pos;
  }
  return end;
}
