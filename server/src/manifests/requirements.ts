/**
 * pip requirements files (`requirements.txt`, `constraints.txt`, pip-tools `.in` inputs), read the
 * way pip reads them (pip/_internal/req/req_file.py and req/constructors.py):
 *
 * 1. physical lines ending in `\` are joined with the next one (a comment line ends the join);
 * 2. comments are stripped with pip's regex `(^|\s+)#.*$`, so `#` only starts a comment at the
 *    start of a line or after whitespace (`…#egg=foo` and `…#sha256=…` in URLs survive);
 * 3. each line splits at its first word starting with `-`: before it is a requirement (PEP 508,
 *    a URL or a path), from it on are options, which pip runs through shlex and optparse.
 *
 * Where pip silently ignores something a reader would expect to take effect (an option on a
 * requirement line, words after an option, a comment whose trailing `\` swallows the next line),
 * a problem says so: in a supply-chain tool, "what pip actually does" is the point.
 *
 * The parser is pure, never throws, and is linear in the input: every scan is a single pass with
 * character tests, no backtracking regexes. All spans are offsets into the original text; a
 * `LogicalLine` maps positions in a joined line back to them.
 */
import type { Dependency, Manifest, ParseProblem, SourceKind, Span } from '../core/model';

/** PEP 503 normal form: the form in which two PyPI names are the same project. */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function parseRequirements(text: string): Manifest {
  const manifest: Manifest = {
    kind: 'requirements',
    ecosystem: 'pypi',
    dependencies: [],
    scripts: [],
    sources: [],
    includes: [],
    problems: [],
  };
  const input = typeof text === 'string' ? text : '';
  try {
    forEachLogicalLine(input, (line) => {
      // A bug on one line must not hide the rest of the file (or crash the language server).
      try {
        parseLine(line, manifest);
      } catch (err) {
        manifest.problems.push({ message: internalError(err), span: line.span(0, line.text.length) });
      }
    });
  } catch (err) {
    manifest.problems.push({ message: internalError(err), span: { start: 0, end: 0 } });
  }
  return manifest;
}

function internalError(err: unknown): string {
  return `Manifest Guard could not read this line (internal error: ${err instanceof Error ? err.message : String(err)}).`;
}

// ---------------------------------------------------------------------------------------------
// Characters

/** Python's `str.isspace()`/`\s`, which pip's comment regex and `strip()` use. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c >= 0x1c && c <= 0x1f) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Word separators inside a line: pip splits on spaces, shlex on spaces and tabs. */
function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Characters of a PEP 508 name or extra (the ends must also be alphanumeric). */
function isNameChar(c: number): boolean {
  return isAlnum(c) || c === 45 /* - */ || c === 46 /* . */ || c === 95 /* _ */;
}

/** PEP 508 `version` characters. */
function isVersionChar(c: number): boolean {
  return isNameChar(c) || c === 42 /* * */ || c === 43 /* + */ || c === 33 /* ! */;
}

/** `===` takes an arbitrary string: anything up to whitespace or the next clause. */
function isArbitraryVersionChar(c: number): boolean {
  return !isBlank(c) && c !== 44 /* , */ && c !== 59 /* ; */ && c !== 41 /* ) */;
}

function skipBlanks(text: string, pos: number, end: number): number {
  while (pos < end && isBlank(text.charCodeAt(pos))) pos++;
  return pos;
}

function trimStart(text: string, start: number, end: number): number {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  return start;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

/** A short, quoted excerpt for messages (lines can be a megabyte long). */
function excerpt(text: string, start: number, end: number): string {
  const max = 40;
  const body = end - start > max ? `${text.slice(start, start + max)}…` : text.slice(start, end);
  return `'${body}'`;
}

// ---------------------------------------------------------------------------------------------
// Logical lines

/** A line as pip sees it: physical lines joined at trailing backslashes, mapped back to the text. */
class LogicalLine {
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
function forEachLogicalLine(text: string, visit: (line: LogicalLine) => void): void {
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
function commentStart(text: string): { cut: number; hash: number } {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 35 /* # */) continue;
    if (i > 0 && !isSpace(text.charCodeAt(i - 1))) continue;
    let cut = i;
    while (cut > 0 && isSpace(text.charCodeAt(cut - 1))) cut--;
    return { cut, hash: i };
  }
  return { cut: text.length, hash: -1 };
}

// ---------------------------------------------------------------------------------------------
// One line

interface LineContext {
  line: LogicalLine;
  out: Manifest;
  /** The line's content (comment and surrounding whitespace excluded), for whole-line problems. */
  lineSpan: Span;
}

function problem(ctx: LineContext, message: string, span: Span = ctx.lineSpan): void {
  ctx.out.problems.push({ message, span });
}

function parseLine(line: LogicalLine, out: Manifest): void {
  const text = line.text;
  const comment = commentStart(text);
  const start = trimStart(text, 0, comment.cut);
  const end = trimEnd(text, start, comment.cut);
  reportSwallowedLines(line, comment.hash, out.problems);
  if (start >= end) return;

  const ctx: LineContext = { line, out, lineSpan: line.span(start, end) };
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
  let pos = start;
  while (pos < end) {
    pos = skipBlanks(text, pos, end);
    if (pos < end && text.charCodeAt(pos) === 45 /* - */) return pos;
    while (pos < end && !isBlank(text.charCodeAt(pos))) pos++;
  }
  return end;
}

// ---------------------------------------------------------------------------------------------
// Options: shlex words, then optparse

type OptionDest =
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

/** A shlex word: its unquoted value and its raw extent in the logical line. */
interface Word {
  value: string;
  start: number;
  end: number;
}

/** A value inside the line: its text and its logical extent (quotes excluded when it is quoted). */
interface LocatedValue {
  text: string;
  start: number;
  end: number;
  /** Whether `text` is exactly the characters at [start, end), so sub-tokens can be located. */
  exact: boolean;
}

interface OptionUse {
  def: OptionDef;
  /** The option as written, e.g. `--extra-index` (optparse accepts unambiguous abbreviations). */
  written: string;
  span: Span;
  value?: LocatedValue;
}

interface ReadOptions {
  uses: OptionUse[];
  /** Words that are not options or option values: optparse collects them and pip drops them. */
  strays: Word[];
  /** Whether optparse would have failed on this line (so strays are not worth a second problem). */
  failed: boolean;
}

function readOptions(ctx: LineContext, start: number, end: number): ReadOptions {
  const result: ReadOptions = { uses: [], strays: [], failed: false };
  if (start >= end) return result;
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

/**
 * POSIX `shlex.split` (no comments): words split on blanks, `'…'` literal, `"…"` with backslash
 * escapes, a backslash outside quotes escapes the next character. Returns undefined (with a
 * problem) where shlex raises, as pip then stops.
 */
function shlexWords(ctx: LineContext, start: number, end: number): Word[] | undefined {
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

// ---------------------------------------------------------------------------------------------
// Line kinds

const STRONG_HASHES = new Set(['sha256', 'sha384', 'sha512']);

function reportStrays(ctx: LineContext, options: ReadOptions, why: string): void {
  if (options.failed) return;
  for (const word of options.strays) {
    problem(ctx, `pip ignores ${excerpt(ctx.line.text, word.start, word.end)}: ${why}`, ctx.line.span(word.start, word.end));
  }
}

/** A requirement followed by per-requirement options (`--hash`, `--global-option`, `-C`). */
function requirementLine(ctx: LineContext, start: number, end: number, options: ReadOptions): void {
  const hashes: string[] = [];
  for (const use of options.uses) {
    if (!use.def.perRequirement) {
      problem(ctx, `${use.written} has no effect on a requirement line: pip ignores it. Put it on a line of its own.`, use.span);
    } else if (use.def.dest === 'hash' && use.value) {
      checkHash(ctx, use);
      hashes.push(use.value.text);
    }
  }
  reportStrays(ctx, options, 'the requirement ends at the first option, and pip drops words among the options.');
  const dep = parseRequirementText(ctx, start, end);
  if (!dep) return;
  if (hashes.length > 0) dep.hashes = hashes;
  ctx.out.dependencies.push(dep);
}

/** pip's `_handle_merge_hash`: `algo:digest`, with a strong algorithm. */
function checkHash(ctx: LineContext, use: OptionUse): void {
  const value = use.value;
  if (!value) return;
  const span = ctx.line.span(value.start, value.end);
  const colon = value.text.indexOf(':');
  if (colon < 0) {
    problem(ctx, `${use.written} needs a hash name and a value, like --hash=sha256:abcde…`, span);
  } else if (!STRONG_HASHES.has(value.text.slice(0, colon))) {
    problem(ctx, `pip only accepts sha256, sha384 and sha512 for ${use.written}.`, span);
  }
}

/** `-e path-or-vcs-url`: pip ignores every other option on the line. */
function editableLine(ctx: LineContext, options: ReadOptions): void {
  let first: OptionUse | undefined;
  for (const use of options.uses) {
    if (use.def.dest === 'editable' && !first) first = use;
    else if (use.def.dest === 'editable') problem(ctx, `pip installs only the first -e of a line; this one is ignored.`, use.span);
    else problem(ctx, `${use.written} has no effect on an editable requirement line: pip ignores it.`, use.span);
  }
  reportStrays(ctx, options, 'an editable line takes a single path or URL.');
  if (first?.value) ctx.out.dependencies.push(editableDependency(ctx, first.value));
}

/** A line of global options: includes, package sources, and switches. */
function optionLine(ctx: LineContext, options: ReadOptions): void {
  reportStrays(ctx, options, 'everything after the first option on a line is read as options, so this is not installed.');
  // pip follows only the first -r (or, when there is none, the first -c) and replaces the whole
  // line by the included file: every other option on such a line is dropped.
  const include =
    options.uses.find((u) => u.def.dest === 'requirement') ?? options.uses.find((u) => u.def.dest === 'constraint');
  if (include?.value) {
    const kind = include.def.dest === 'requirement' ? 'requirement' : 'constraint';
    const span = ctx.line.span(include.value.start, include.value.end);
    ctx.out.includes.push({ kind, target: include.value.text, span });
    for (const use of options.uses) {
      if (use !== include) problem(ctx, `pip ignores ${use.written} on a line that includes another file (${include.written}).`, use.span);
    }
    return;
  }
  for (const use of options.uses) {
    if (use.def.perRequirement) {
      problem(ctx, `${use.written} has no effect without a requirement on the same line: pip ignores it.`, use.span);
      continue;
    }
    const kind = sourceKind(use.def.dest);
    if (kind && use.value) ctx.out.sources.push({ kind, value: use.value.text, span: ctx.line.span(use.value.start, use.value.end) });
  }
}

function sourceKind(dest: OptionDest): 'index-url' | 'extra-index-url' | 'find-links' | 'trusted-host' | undefined {
  switch (dest) {
    case 'index-url':
    case 'extra-index-url':
    case 'find-links':
    case 'trusted-host':
      return dest;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// URLs, paths and archive names

/** The URL schemes for which pip's `is_url` is true (its own list plus every VCS scheme). */
const VCS_SCHEMES = new Set([
  'git', 'git+http', 'git+https', 'git+ssh', 'git+git', 'git+file',
  'hg+file', 'hg+http', 'hg+https', 'hg+ssh', 'hg+static-http',
  'svn', 'svn+ssh', 'svn+http', 'svn+https', 'svn+svn', 'svn+file',
  'bzr+http', 'bzr+https', 'bzr+ssh', 'bzr+sftp', 'bzr+ftp', 'bzr+lp', 'bzr+file',
]);
const URL_SCHEMES = new Set(['http', 'https', 'file', 'ftp', ...VCS_SCHEMES]);

/** pip's `is_archive_file` extensions. */
const ARCHIVE_EXTENSIONS = ['.tar.bz2', '.tar.lzma', '.tar.gz', '.tar.xz', '.tar.lz', '.zip', '.whl', '.tbz', '.txz', '.tlz', '.tar', '.tgz'];

/** pip's `get_url_scheme`: the text before the first `:`, lowercased. */
function schemeOf(value: string): string | undefined {
  const colon = value.indexOf(':');
  return colon < 0 ? undefined : value.slice(0, colon).toLowerCase();
}

function isPipUrl(value: string): boolean {
  const scheme = schemeOf(value);
  return scheme !== undefined && URL_SCHEMES.has(scheme);
}

/** `isPipUrl(text.slice(start, end))` without copying the (possibly long) line. */
function startsWithPipUrl(text: string, start: number, end: number): boolean {
  const colon = indexOfIn(text, ':', start, end);
  return colon >= 0 && URL_SCHEMES.has(text.slice(start, colon).toLowerCase());
}

function isVcsUrl(value: string): boolean {
  const scheme = schemeOf(value);
  if (scheme === undefined) return false;
  return VCS_SCHEMES.has(scheme) || /^(git|hg|svn|bzr)\+/.test(scheme);
}

function archiveExtension(value: string): string | undefined {
  const tail = value.slice(-10).toLowerCase(); // the longest extension, `.tar.lzma`, has 9 characters
  return ARCHIVE_EXTENSIONS.find((ext) => tail.endsWith(ext) && value.length > ext.length);
}

/** pip's `_looks_like_path` (either separator, as the file may be used on Windows too). */
function looksLikePath(value: string): boolean {
  return looksLikePathAt(value, 0, value.length);
}

function looksLikePathAt(text: string, start: number, end: number): boolean {
  if (start < end && text.charCodeAt(start) === 46 /* . */) return true;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 47 /* / */ || c === 92 /* \ */) return true;
  }
  return false;
}

/** Where a located sub-token is: exact when the value text is the raw text, else the whole value. */
function subExtent(value: LocatedValue, from: number, to: number): [number, number] {
  return value.exact ? [value.start + from, value.start + to] : [value.start, value.end];
}

interface NamedPart {
  name: string;
  extent: [number, number];
  extras?: string[];
}

/** `#egg=name[extras]` (pip searches `[#&]egg=` anywhere in the URL). */
function eggName(value: LocatedValue): NamedPart | undefined {
  const text = value.text;
  const hash = text.indexOf('#egg=');
  const amp = text.indexOf('&egg=');
  const at = hash < 0 ? amp : amp < 0 ? hash : Math.min(hash, amp);
  if (at < 0) return undefined;
  const start = at + 5;
  let end = text.indexOf('&', start);
  if (end < 0) end = text.length;
  const nameEnd = readName(text, start, end);
  if (nameEnd === start) return undefined;
  const part: NamedPart = { name: text.slice(start, nameEnd), extent: subExtent(value, start, nameEnd) };
  const extras = nameEnd < end && text.charCodeAt(nameEnd) === 91 /* [ */ ? splitExtras(text.slice(nameEnd + 1, end)) : [];
  if (extras.length > 0) part.extras = extras;
  return part;
}

/** The project name in a wheel or sdist file name at the end of a URL or path. */
function archiveName(value: LocatedValue): NamedPart | undefined {
  const text = value.text;
  let end = text.length;
  for (const stop of ['#', '?']) {
    const at = text.indexOf(stop);
    if (at >= 0 && at < end) end = at;
  }
  const start = Math.max(text.lastIndexOf('/', end - 1), text.lastIndexOf('\\', end - 1)) + 1;
  if (start >= end) return undefined;
  const fileName = text.slice(start, end);
  const ext = archiveExtension(fileName);
  let nameEnd = end;
  if (ext === '.whl') {
    // {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl: names cannot contain `-`.
    const dash = fileName.indexOf('-');
    if (dash > 0) nameEnd = start + dash;
  } else if (ext) {
    // {name}-{version}.tar.gz: the version is the part after the first `-` followed by a digit.
    const stem = fileName.slice(0, fileName.length - ext.length);
    for (let i = 1; i < stem.length - 1; i++) {
      const next = stem.charCodeAt(i + 1);
      if (stem.charCodeAt(i) === 45 && next >= 48 && next <= 57) {
        nameEnd = start + i;
        break;
      }
    }
  }
  return { name: text.slice(start, nameEnd), extent: subExtent(value, start, nameEnd) };
}

/** Where pip's `_strip_extras` regex `^(.+)(\[[^\]]+\])$` cuts a path, or -1. */
function trailingExtrasStart(text: string): number {
  const open = text.lastIndexOf('[');
  if (open <= 0 || open >= text.length - 2 || !text.endsWith(']')) return -1;
  return text.indexOf(']', open) === text.length - 1 ? open : -1;
}

/** pip's `_strip_extras`: a trailing `[extras]` on a path. */
function stripPathExtras(value: LocatedValue): { location: LocatedValue; extras?: string[] } {
  const text = value.text;
  const open = trailingExtrasStart(text);
  if (open < 0) return { location: value };
  const [start, end] = subExtent(value, 0, open);
  const location: LocatedValue = { text: text.slice(0, open), start, end: value.exact ? end : value.end, exact: value.exact };
  const extras = splitExtras(text.slice(open + 1, text.length - 1));
  return extras.length > 0 ? { location, extras } : { location };
}

function splitExtras(list: string): string[] {
  const close = list.indexOf(']');
  return (close >= 0 ? list.slice(0, close) : list)
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
}

/**
 * The dependency for a location (URL or path). Its name is the `#egg=` fragment, else (for
 * archives) the project name in the file name, else the location itself.
 */
function locationDependency(ctx: LineContext, value: LocatedValue, source: SourceKind, fileNamed: boolean): Dependency {
  const named = eggName(value) ?? (fileNamed ? archiveName(value) : undefined);
  const extent = named?.extent ?? [value.start, value.end];
  const dep: Dependency = {
    ecosystem: 'pypi',
    name: named?.name ?? value.text,
    nameSpan: ctx.line.span(extent[0], extent[1]),
    section: 'requirement',
    source,
    location: value.text,
  };
  if (named?.extras) dep.extras = named.extras;
  return dep;
}

function editableDependency(ctx: LineContext, value: LocatedValue): Dependency {
  if (isPipUrl(value.text) || /^(git|hg|svn|bzr):/i.test(value.text)) {
    const scheme = schemeOf(value.text);
    if (!isVcsUrl(value.text) && scheme !== 'file') {
      problem(ctx, `-e needs a local project path or a VCS URL (git+https://…); pip rejects ${excerpt(value.text, 0, value.text.length)}.`, ctx.line.span(value.start, value.end));
    }
    return locationDependency(ctx, value, 'editable', false);
  }
  const { location, extras } = stripPathExtras(value);
  const dep = locationDependency(ctx, location, 'editable', false);
  if (extras) dep.extras = extras;
  return dep;
}

// ---------------------------------------------------------------------------------------------
// Requirements (PEP 508, URL, path)

/** The end of a PEP 508 name starting at `start` (== start when there is none). */
function readName(text: string, start: number, end: number): number {
  if (start >= end || !isAlnum(text.charCodeAt(start))) return start;
  let pos = start + 1;
  while (pos < end && isNameChar(text.charCodeAt(pos))) pos++;
  while (pos > start + 1 && !isAlnum(text.charCodeAt(pos - 1))) pos--; // names end alphanumeric
  return pos;
}

function indexOfIn(text: string, needle: string, start: number, end: number): number {
  const at = text.indexOf(needle, start);
  return at >= 0 && at + needle.length <= end ? at : -1;
}

/** Parses the requirement part of a line (pip's `parse_req_from_line`). */
function parseRequirementText(ctx: LineContext, start: number, end: number): Dependency | undefined {
  const text = ctx.line.text;
  // pip: in a URL a `;` may be part of the URL, so there only `; ` starts the markers.
  const isUrl = startsWithPipUrl(text, start, end);
  const semicolon = isUrl ? indexOfIn(text, '; ', start, end) : indexOfIn(text, ';', start, end);
  const bodyEnd = trimEnd(text, start, semicolon >= 0 ? semicolon : end);
  const markerStart = semicolon >= 0 ? trimStart(text, semicolon + 1, end) : end;
  const markers = markerStart < end ? text.slice(markerStart, end) : undefined;

  const dep = isUrl
    ? urlDependency(ctx, located(text, start, bodyEnd))
    : parseNonUrlRequirement(ctx, start, bodyEnd);
  if (dep && markers !== undefined) dep.markers = markers;
  return dep;
}

function located(text: string, start: number, end: number): LocatedValue {
  return { text: text.slice(start, end), start, end, exact: true };
}

/** A bare URL line: a VCS checkout (named by `#egg=`), an archive URL or a `file:` location. */
function urlDependency(ctx: LineContext, url: LocatedValue): Dependency {
  const source = sourceOfUrl(url.text);
  return locationDependency(ctx, url, source, source !== 'git');
}

function sourceOfUrl(url: string): SourceKind {
  if (isVcsUrl(url)) return 'git';
  const scheme = schemeOf(url);
  if (scheme === 'file' || (scheme === undefined && looksLikePath(url))) return 'path';
  return 'url';
}

function parseNonUrlRequirement(ctx: LineContext, start: number, end: number): Dependency | undefined {
  const text = ctx.line.text;
  const nameEnd = readName(text, start, end);
  const extras = nameEnd > start ? readExtras(text, skipBlanks(text, nameEnd, end), end) : undefined;
  const afterExtras = extras && !('error' in extras) ? extras.end : nameEnd;
  const next = skipBlanks(text, afterExtras, end);

  if (nameEnd > start && next < end && text.charCodeAt(next) === 64 /* @ */ && !(extras && 'error' in extras)) {
    return urlRequirement(ctx, start, nameEnd, extras?.names, next + 1, end);
  }
  if (looksLikePathAt(text, start, end)) return pathRequirement(ctx, start, end);
  const body = text.slice(start, end);
  const extrasAt = trailingExtrasStart(body);
  if (archiveExtension(extrasAt < 0 ? body : body.slice(0, extrasAt))) {
    return pathRequirement(ctx, start, end);
  }
  if (nameEnd === start) {
    problem(ctx, `Expected a package name, a URL or a path at the start of the requirement, found ${excerpt(text, start, end)}.`);
    return undefined;
  }
  const dep: Dependency = {
    ecosystem: 'pypi',
    name: text.slice(start, nameEnd),
    nameSpan: ctx.line.span(start, nameEnd),
    section: 'requirement',
    source: 'registry',
  };
  if (extras && 'error' in extras) {
    // Without knowing where the extras end there is no safe place to insert a version.
    problem(ctx, extras.error);
    return dep;
  }
  if (extras && extras.names.length > 0) dep.extras = extras.names;
  readVersionSpec(ctx, dep, afterExtras, end);
  return dep;
}

type Extras = { names: string[]; end: number } | { error: string };

/** `[a, b]` at `pos` (undefined when there is no `[`). */
function readExtras(text: string, pos: number, end: number): Extras | undefined {
  if (pos >= end || text.charCodeAt(pos) !== 91 /* [ */) return undefined;
  const names: string[] = [];
  let cursor = skipBlanks(text, pos + 1, end);
  if (cursor < end && text.charCodeAt(cursor) === 93 /* ] */) return { names, end: cursor + 1 };
  for (;;) {
    const nameEnd = readName(text, cursor, end);
    if (nameEnd === cursor) return { error: `Expected an extra name in ${excerpt(text, pos, end)}.` };
    names.push(text.slice(cursor, nameEnd));
    cursor = skipBlanks(text, nameEnd, end);
    const c = cursor < end ? text.charCodeAt(cursor) : -1;
    if (c === 93 /* ] */) return { names, end: cursor + 1 };
    if (c !== 44 /* , */) return { error: cursor >= end ? `Missing ']' after the extras.` : `Unexpected ${excerpt(text, cursor, cursor + 1)} in the extras.` };
    cursor = skipBlanks(text, cursor + 1, end);
  }
}

/** `name [extras] @ url`: PEP 508 direct reference. */
function urlRequirement(
  ctx: LineContext,
  start: number,
  nameEnd: number,
  extras: string[] | undefined,
  afterAt: number,
  end: number,
): Dependency {
  const text = ctx.line.text;
  const urlStart = skipBlanks(text, afterAt, end);
  let urlEnd = urlStart;
  while (urlEnd < end && !isBlank(text.charCodeAt(urlEnd))) urlEnd++;
  const url = text.slice(urlStart, urlEnd);
  if (urlStart >= end) problem(ctx, `Missing URL after '@'.`);
  else if (urlEnd < end) problem(ctx, `Unexpected ${excerpt(text, skipBlanks(text, urlEnd, end), end)} after the URL.`);
  else if (schemeOf(url) === undefined && !looksLikePath(url)) {
    problem(ctx, `'@' must be followed by a URL (to pin a version, use '==' instead of '@').`);
  }
  const dep: Dependency = {
    ecosystem: 'pypi',
    name: text.slice(start, nameEnd),
    nameSpan: ctx.line.span(start, nameEnd),
    section: 'requirement',
    source: sourceOfUrl(url),
    location: url,
  };
  if (extras && extras.length > 0) dep.extras = extras;
  return dep;
}

/** A local directory or archive (pip checks the file system; a path-like text is enough here). */
function pathRequirement(ctx: LineContext, start: number, end: number): Dependency {
  const { location, extras } = stripPathExtras(located(ctx.line.text, start, end));
  // A directory's project name lives in its pyproject.toml/setup.py, so the path stands for it.
  const dep = locationDependency(ctx, location, 'path', archiveExtension(location.text) !== undefined);
  if (extras) dep.extras = extras;
  return dep;
}

const OPERATORS = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'];

/**
 * The version spec after the name (and extras): `spec`/`specSpan` as written, or an empty
 * `specSpan` where `==X` would go. A malformed spec is kept as written (so a pin fix can replace
 * it) and reported.
 */
function readVersionSpec(ctx: LineContext, dep: Dependency, afterName: number, end: number): void {
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
    const op = OPERATORS.find((o) => text.startsWith(o, pos) && pos + o.length <= end);
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
