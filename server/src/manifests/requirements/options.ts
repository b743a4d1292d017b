/**
 * pip's requirements-file options (the table of SUPPORTED_OPTIONS) and reading them from shlex
 * words the way optparse does: abbreviations, attached and separate values, and where it stops.
 */
import type { Span } from '../../model/model';
import { problem, type LineContext, type LocatedValue } from './context';
import { shlexWords, type Word } from './shlex';
import { excerpt } from './text';

export type OptionDest =
  | 'index-url'
  | 'extra-index-url'
  | 'no-index'
  | 'constraint'
  | 'requirement'
  | 'editable'
  | 'find-links'
  | 'no-binary'
  | 'only-binary'
  | 'prefer-binary'
  | 'require-hashes'
  | 'pre'
  | 'trusted-host'
  | 'use-feature'
  | 'global-option'
  | 'hash'
  | 'config-settings';

interface OptionDef {
  dest: OptionDest;
  long: string[];
  short?: string;
  takesValue: boolean;
  /** pip's SUPPORTED_OPTIONS_REQ: only these have an effect on a requirement line. */
  perRequirement: boolean;
}

/** pip's SUPPORTED_OPTIONS and SUPPORTED_OPTIONS_REQ (req_file.py). */
const OPTIONS: OptionDef[] = [
  { dest: 'index-url', long: ['--index-url', '--pypi-url'], short: 'i', takesValue: true, perRequirement: false },
  { dest: 'extra-index-url', long: ['--extra-index-url'], takesValue: true, perRequirement: false },
  { dest: 'no-index', long: ['--no-index'], takesValue: false, perRequirement: false },
  { dest: 'constraint', long: ['--constraint'], short: 'c', takesValue: true, perRequirement: false },
  { dest: 'requirement', long: ['--requirement'], short: 'r', takesValue: true, perRequirement: false },
  { dest: 'editable', long: ['--editable'], short: 'e', takesValue: true, perRequirement: false },
  { dest: 'find-links', long: ['--find-links'], short: 'f', takesValue: true, perRequirement: false },
  { dest: 'no-binary', long: ['--no-binary'], takesValue: true, perRequirement: false },
  { dest: 'only-binary', long: ['--only-binary'], takesValue: true, perRequirement: false },
  { dest: 'prefer-binary', long: ['--prefer-binary'], takesValue: false, perRequirement: false },
  { dest: 'require-hashes', long: ['--require-hashes'], takesValue: false, perRequirement: false },
  { dest: 'pre', long: ['--pre'], takesValue: false, perRequirement: false },
  { dest: 'trusted-host', long: ['--trusted-host'], takesValue: true, perRequirement: false },
  { dest: 'use-feature', long: ['--use-feature'], takesValue: true, perRequirement: false },
  { dest: 'global-option', long: ['--global-option'], takesValue: true, perRequirement: true },
  { dest: 'hash', long: ['--hash'], takesValue: true, perRequirement: true },
  { dest: 'config-settings', long: ['--config-settings'], short: 'C', takesValue: true, perRequirement: true },
];

const LONG_OPTIONS = new Map<string, OptionDef>(OPTIONS.flatMap((def) => def.long.map((name) => [name, def] as const)));
const SHORT_OPTIONS = new Map<string, OptionDef>(
  OPTIONS.flatMap((def) => (def.short ? [[def.short, def] as const] : [])),
);

export interface OptionUse {
  def: OptionDef;
  /** The option as written, e.g. `--extra-index` (optparse accepts unambiguous abbreviations). */
  written: string;
  span: Span;
  value?: LocatedValue;
}

export interface ReadOptions {
  uses: OptionUse[];
  /** Words that are not options or option values: optparse collects them and pip drops them. */
  strays: Word[];
  /** Whether optparse would have failed on this line (so strays are not worth a second problem). */
  failed: boolean;
}

/** What a line without options reads: shared, since nearly every line is one. */
const NO_OPTIONS: ReadOptions = Object.freeze({ uses: Object.freeze([]) as unknown as OptionUse[], strays: Object.freeze([]) as unknown as Word[], failed: false });

export function readOptions(ctx: LineContext, start: number, end: number): ReadOptions {
  if (start >= end) return NO_OPTIONS;
  const result: ReadOptions = { uses: [], strays: [], failed: false };
  const words = shlexWords(ctx, start, end);
  if (!words) {
    result.failed = true;
    return result;
  }
  // optparse raises at the first bad option, so pip reads nothing after it either.
  for (let i = 0; i < words.length && !result.failed; i++) {
    const word = words[i];
    if (word.value === '--') {
      result.strays.push(...words.slice(i + 1));
      break;
    }
    if (word.value.length < 2 || !word.value.startsWith('-')) {
      result.strays.push(word);
      continue;
    }
    const consumed = word.value.startsWith('--')
      ? readLongOption(ctx, words, i, result)
      : readShortOption(ctx, words, i, result);
    i += consumed;
  }
  return result;
}

/** Reads `--name`, `--name=value` or `--name value`; returns how many extra words it consumed. */
function readLongOption(ctx: LineContext, words: Word[], index: number, result: ReadOptions): number {
  const word = words[index];
  const eq = word.value.indexOf('=');
  const written = eq >= 0 ? word.value.slice(0, eq) : word.value;
  const def = matchLongOption(ctx, written, word, result);
  if (!def) return 0;
  const optionSpan = ctx.line.span(word.start, word.start + Math.min(written.length, word.end - word.start));
  if (!def.takesValue) {
    if (eq >= 0) {
      result.failed = true;
      problem(ctx, `${written} does not take a value; pip stops with an error here.`, ctx.line.span(word.start, word.end));
    } else {
      result.uses.push({ def, written, span: optionSpan });
    }
    return 0;
  }
  if (eq >= 0) {
    result.uses.push({ def, written, span: optionSpan, value: attachedValue(ctx.line.text, word, eq + 1) });
    return 0;
  }
  return takeNextWord(ctx, words, index, { def, written, span: optionSpan }, result);
}

/** optparse's `_match_abbrev`: an exact name, or the only long option the text is a prefix of. */
function matchLongOption(ctx: LineContext, written: string, word: Word, result: ReadOptions): OptionDef | undefined {
  const exact = LONG_OPTIONS.get(written);
  if (exact) return exact;
  const candidates = [...LONG_OPTIONS.keys()].filter((name) => name.startsWith(written)).sort();
  if (candidates.length === 1) return LONG_OPTIONS.get(candidates[0]);
  result.failed = true;
  const span = ctx.line.span(word.start, word.end);
  const shown = excerpt(written, 0, written.length);
  if (candidates.length === 0) {
    problem(ctx, `Unknown option ${shown}: pip stops with "no such option".`, span);
  } else {
    problem(ctx, `Ambiguous option ${shown} (${candidates.join(', ')}): pip stops with an error.`, span);
  }
  return undefined;
}

/** Reads `-x value` or `-xvalue` (every short option pip accepts here takes a value). */
function readShortOption(ctx: LineContext, words: Word[], index: number, result: ReadOptions): number {
  const word = words[index];
  const written = word.value.slice(0, 2);
  const def = SHORT_OPTIONS.get(word.value.charAt(1));
  if (!def) {
    result.failed = true;
    problem(ctx, `Unknown option ${excerpt(written, 0, 2)}: pip stops with "no such option".`, ctx.line.span(word.start, word.end));
    return 0;
  }
  const optionSpan = ctx.line.span(word.start, Math.min(word.start + 2, word.end));
  if (word.value.length > 2) {
    result.uses.push({ def, written, span: optionSpan, value: attachedValue(ctx.line.text, word, 2) });
    return 0;
  }
  return takeNextWord(ctx, words, index, { def, written, span: optionSpan }, result);
}

/** optparse takes the next word as the value whatever it looks like (even `-x`). */
function takeNextWord(ctx: LineContext, words: Word[], index: number, use: OptionUse, result: ReadOptions): number {
  const next = words[index + 1];
  if (!next) {
    result.failed = true;
    problem(ctx, `${use.written} needs a value; pip stops with an error here.`, use.span);
    return 0;
  }
  result.uses.push({ ...use, value: wordValue(ctx.line.text, next) });
  return 1;
}

/** A whole word as a value: inside its quotes when the word is one quoted string. */
function wordValue(text: string, word: Word): LocatedValue {
  const [start, end] = unquotedExtent(text, word.start, word.end);
  return { text: word.value, start, end, exact: text.slice(start, end) === word.value };
}

/** The value attached to an option word (`--opt=value`, `-rvalue`), `offset` characters in. */
function attachedValue(text: string, word: Word, offset: number): LocatedValue {
  const value = word.value.slice(offset);
  // The raw word starts with the unquoted option name, so the raw value starts at the same place.
  const rawStart = Math.min(word.start + offset, word.end);
  const [start, end] = unquotedExtent(text, rawStart, word.end);
  return { text: value, start, end, exact: text.slice(start, end) === value };
}

function unquotedExtent(text: string, start: number, end: number): [number, number] {
  const first = text.charCodeAt(start);
  if (end - start >= 2 && (first === 34 || first === 39) && text.charCodeAt(end - 1) === first) {
    return [start + 1, end - 1];
  }
  return [start, end];
}
