/**
 * Folding names to what they look like, so look-alikes compare equal.
 *
 * A name's *skeleton* is what a reader sees, minus the delimiters: lowercase, non-ASCII
 * look-alikes folded to ASCII (Cyrillic `а` → `a`), `0` → `o`, `1` → `l`, and `-` `_` `.` removed.
 * Two names with one skeleton differ only in delimiters or look-alike characters; an edit
 * distance of one between skeletons is a typo.
 *
 * Look-alikes that change the length (`rn` for `m`, `vv` for `w`) and uppercase `I` for `l` (a
 * real letter in NuGet and PyPI names) are not folded: folding them would turn a plain swap
 * (`electorn`) into two edits. The index queries those readings as extra variants instead
 * (finders.ts, `readingCandidates`), and `units(name, true)` pairs them up for descriptions.
 */
import { confusableOf } from './confusables';

const DELIMITERS = /[-_.\s]/;

/** One visible unit of a name: usually a character, or a two-character look-alike (`rn`, `vv`). */
export interface Unit {
  /** The text as written. */
  raw: string;
  /** What it folds to: one lowercase character, or the delimiter itself for delimiters. */
  folded: string;
  /** UTF-16 offset of `raw` in the name. */
  start: number;
  delimiter: boolean;
}

const ASCII_FOLD: Record<string, string> = { '0': 'o', '1': 'l' };
/** Two-letter look-alikes of one letter. */
export const PAIRS: Readonly<Record<string, string>> = { rn: 'm', vv: 'w' };

/** The skeleton of a name (see the file comment). */
export function skeleton(name: string): string {
  // Fast path: printable ASCII, which is nearly every name checked.
  if (/^[\x21-\x7e]*$/.test(name)) {
    const lower = name.toLowerCase();
    return /[-_.01]/.test(lower) ? lower.replace(/[-_.]+/g, '').replace(/0/g, 'o').replace(/1/g, 'l') : lower;
  }
  let out = '';
  for (const u of units(name)) if (!u.delimiter) out += u.folded;
  return out;
}

/**
 * The units of a name, delimiters included, in order. With `pairs`, `rn` and `vv` are single
 * units folded to `m` and `w`.
 */
export function units(name: string, pairs = false): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  while (i < name.length) {
    const c = name.charCodeAt(i);
    if (pairs && i + 1 < name.length) {
      const pair = name.slice(i, i + 2).toLowerCase();
      const single = PAIRS[pair];
      if (single) {
        out.push({ raw: name.slice(i, i + 2), folded: single, start: i, delimiter: false });
        i += 2;
        continue;
      }
    }
    if (c > 0x20 && c < 0x7f) {
      // Printable ASCII, nearly every character: no lookups beyond case and 0/1.
      const delimiter = c === 0x2d || c === 0x5f || c === 0x2e;
      const raw = name[i];
      const lower = c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 0x20) : raw;
      out.push({ raw, folded: delimiter ? raw : (ASCII_FOLD[lower] ?? lower), start: i, delimiter });
      i++;
      continue;
    }
    const char = String.fromCodePoint(name.codePointAt(i) ?? c);
    out.push(...unitsOf(char, i));
    i += char.length;
  }
  return out;
}

function unitsOf(char: string, start: number): Unit[] {
  if (DELIMITERS.test(char)) return [{ raw: char, folded: char, start, delimiter: true }];
  if (char.charCodeAt(0) < 0x80) {
    const lower = char.toLowerCase();
    return [{ raw: char, folded: ASCII_FOLD[lower] ?? lower, start, delimiter: false }];
  }
  const folded = confusableOf(char);
  if (folded === '-') return [{ raw: char, folded: char, start, delimiter: true }];
  if (!folded) return [{ raw: char, folded: char.toLowerCase(), start, delimiter: false }];
  // A fold to several letters (ﬁ → fi) gives one unit a letter, so units align letter by letter;
  // the character itself is the raw text of the first, the others have none.
  return [...folded].map((letter, k) => ({ raw: k === 0 ? char : '', folded: ASCII_FOLD[letter] ?? letter, start, delimiter: false }));
}

/**
 * The name with each non-ASCII look-alike replaced by the ASCII it imitates, keeping case and
 * delimiters (`Serilog.Sinks.Cоnsole` with a Cyrillic `о` → `Serilog.Sinks.Console`): the name
 * it passes for. Undefined when some character has no ASCII look-alike.
 */
export function asciiFold(name: string): string | undefined {
  let out = '';
  for (const u of units(name)) {
    // eslint-disable-next-line no-control-regex
    if (/^[\x21-\x7e]+$/.test(u.raw)) out += u.raw;
    else if (u.delimiter) out += '-';
    else if (/^[a-z0-9]$/.test(u.folded)) out += u.raw.toLowerCase() !== u.raw ? u.folded.toUpperCase() : u.folded;
    else return undefined;
  }
  return out;
}
