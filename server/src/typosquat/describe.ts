/**
 * Says how a name differs from a popular one, when the difference is a look-alike character, a
 * delimiter change and/or one typo, and rates how strongly that suggests imitation.
 */
import { QUOTED_MAX, shorten } from '../model/shorten';
import { scriptOf } from './confusables';
import { align, type Step, withinOneEdit } from './distance';
import { PAIRS, skeleton, type Unit, units } from './fold';
import { adjacentKeys } from './keyboard';
import { codePointLabel } from './nonAscii';
import type { Resemblance, Strength } from './types';

interface Typo {
  text: string;
  /** `none`: a change that makes another word rather than a slip (see `atWordStart`). */
  strength: Strength | 'none';
}

/** Describes `name` against `target`; undefined when they are the same or differ by more than one typo. */
export function describeEdit(name: string, target: string): Resemblance | undefined {
  return mayDifferByOneTypo(coarseOf(name), coarseOf(target)) ? describeAligned(name, target) : undefined;
}

/** `describeEdit` without the cheap rejection first: for callers that made it already, and for its test. */
export function describeAligned(name: string, target: string): Resemblance | undefined {
  // Character by character first, so `electorn` reads as a swap; then with `rn`/`vv` as one
  // unit, so `rnicrosoft` reads as a look-alike of `microsoft` rather than two typos.
  return describeUnits(units(name), units(target)) ?? describeUnits(units(name, true), units(target, true));
}

/**
 * A name's skeleton with `i` and `l` made one letter (uppercase `I` for `l` is a look-alike the
 * skeleton keeps apart), read plainly and with `rn`/`vv` as `m`/`w`. Mapping letters together
 * on both sides can only shorten a distance, so these lose nothing describable.
 */
export interface Coarse {
  plain: string;
  paired: string;
}

export function coarseOf(name: string): Coarse {
  const plain = skeleton(name).replace(/i/g, 'l');
  const paired = /rn|vv/i.test(name) ? skeleton(name.replace(/rn|vv/gi, (pair) => PAIRS[pair.toLowerCase()])).replace(/i/g, 'l') : plain;
  return { plain, paired };
}

/**
 * A necessary condition for a description, in O(length): delimiter changes and look-alikes vanish
 * from coarse skeletons, so names that differ by them and at most one typo have coarse skeletons
 * at most one edit apart. Most pairs asked about (an unknown NuGet ID's first segment against
 * each reserved prefix) fail it, and the alignment table, the costly part, is never built.
 */
export function mayDifferByOneTypo(a: Coarse, b: Coarse): boolean {
  return withinOneEdit(a.plain, b.plain) || withinOneEdit(a.paired, b.paired);
}

function describeUnits(a: Unit[], b: Unit[]): Resemblance | undefined {
  const steps = align(
    a.map((u) => u.folded),
    b.map((u) => u.folded),
  );
  const lookalikes: string[] = [];
  const delimiters: string[] = [];
  const typos: Typo[] = [];
  for (const step of steps) classify(step, a, b, lookalikes, delimiters, typos);

  if (typos.length > 1) return undefined;
  if (typos[0]?.strength === 'none') {
    // A changed first letter, alone: a weak resemblance the policy weighs against the very top only.
    if (lookalikes.length > 0 || delimiters.length > 0) return undefined;
    return { kind: 'typo', strength: 'weak', description: `${typos[0].text} at the start of a word`, firstLetter: true };
  }
  // A weak typo (a version digit) is no resemblance on top of anything else.
  if (typos[0]?.strength === 'weak' && (lookalikes.length > 0 || delimiters.length > 0)) return undefined;
  const description = listing(counted([...lookalikes, ...delimiters, ...typos.map((t) => t.text)]));
  if (typos.length === 0) {
    if (lookalikes.length > 0) return { kind: 'lookalike', strength: 'very-strong', description };
    if (delimiters.length > 0) return { kind: 'delimiter', strength: 'strong', description };
    return undefined; // the same name (case aside)
  }
  const typo = typos[0].strength as Strength;
  if (lookalikes.length > 0) return { kind: 'lookalike', strength: 'strong', description };
  // The only weak typo is a number added or dropped at the end: the issue's `3`/`2` affixes.
  if (typo === 'weak') return { kind: 'affix', strength: 'weak', description, versionDigit: true };
  if (delimiters.length === 0) return { kind: 'typo', strength: typo, description };
  // A typo on top of a delimiter change is two changes: a typical slip (a doubled or swapped
  // letter) still counts, a little weaker; an arbitrary letter more is a different name (d3.js, h3-js).
  return typo === 'strong' ? { kind: 'typo', strength: 'medium', description } : undefined;
}

function classify(step: Step, a: Unit[], b: Unit[], lookalikes: string[], delimiters: string[], typos: Typo[]): void {
  switch (step.op) {
    case 'same': {
      const ua = a[step.a];
      const ub = b[step.b];
      if (!ua.delimiter && ua.raw !== '' && ua.raw.toLowerCase() !== ub.raw.toLowerCase()) lookalikes.push(lookalike(ua.raw, ub.raw));
      return;
    }
    case 'substitute': {
      const ua = a[step.a];
      const ub = b[step.b];
      if (ua.delimiter && ub.delimiter) delimiters.push(`${char(ua.raw)} in place of ${char(ub.raw)}`);
      else if (ua.raw === 'I' && ub.folded === 'l') lookalikes.push(`an uppercase ${code('I')} in place of ${char(ub.raw)}`);
      else if (ua.folded === 'l' && ub.raw === 'I') lookalikes.push(`${char(ua.raw)} in place of an uppercase ${code('I')}`);
      // Another version number (v5, v6) is how related packages are named, not a slip.
      else if (isDigit(ua.folded) && isDigit(ub.folded)) typos.push({ text: `${char(ua.raw)} in place of ${char(ub.raw)}`, strength: 'medium' });
      else if (adjacentKeys(ua.folded, ub.folded)) typos.push({ text: `${char(ua.raw)} in place of ${char(ub.raw)} (a neighbouring key)`, strength: 'strong' });
      else typos.push({ text: `${char(ua.raw)} in place of ${char(ub.raw)}`, strength: atWordStart(a, step.a) });
      return;
    }
    case 'extra': {
      const ua = a[step.a];
      if (ua.delimiter) delimiters.push(`an added ${char(ua.raw)}`);
      else if (a[step.a - 1]?.folded === ua.folded || a[step.a + 1]?.folded === ua.folded) typos.push({ text: `a repeated ${char(ua.raw)}`, strength: 'strong' });
      // A number added at the end (punycode2, deepdiff6) is a version, not a slip: the weak signal
      // the issue lists among affixes.
      else if (isDigit(ua.folded) && step.a === a.length - 1) typos.push({ text: `an added ${char(ua.raw)}`, strength: 'weak' });
      else typos.push({ text: `an added ${char(ua.raw)}`, strength: atWordStart(a, step.a) });
      return;
    }
    case 'missing': {
      const ub = b[step.b];
      if (ub.delimiter) delimiters.push(`a missing ${char(ub.raw)}`);
      // Dropping one letter of a double (urllib3 → urlib3) is the commonest slip of all.
      else if (b[step.b - 1]?.folded === ub.folded || b[step.b + 1]?.folded === ub.folded) typos.push({ text: `a single ${char(ub.raw)} where it has two`, strength: 'strong' });
      else if (isDigit(ub.folded) && step.b === b.length - 1) typos.push({ text: `without its ${char(ub.raw)}`, strength: 'weak' });
      else typos.push({ text: `a missing ${char(ub.raw)}`, strength: atWordStart(b, step.b) });
      return;
    }
    case 'swap': {
      const written = a[step.a].raw + a[step.a + 1].raw;
      const meant = b[step.b].raw + b[step.b + 1].raw;
      typos.push({ text: `${char(written)} in place of ${char(meant)}`, strength: 'strong' });
      return;
    }
  }
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/**
 * An arbitrary change to the first letter of a word makes another word (`slack`, `black`;
 * `string`, `astring`; `ps-node`, `ts-node`) far more often than a slip does: slips seldom hit
 * the first letter typed. Such a change is no resemblance; elsewhere it is a medium one.
 */
function atWordStart(units: Unit[], index: number): Strength | 'none' {
  const before = units[index - 1];
  return !before || before.delimiter || before.raw === '/' ? 'none' : 'medium';
}

function lookalike(written: string, meant: string): string {
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(written);
  return ascii ? `${char(written)} in place of ${char(meant)}` : `${scriptOf(written)} ${char(written)} in place of ${char(meant)}`;
}

export function code(text: string): string {
  return `\`${shorten(text, QUOTED_MAX)}\``;
}

/** One character (or two) for a description: quoted, or its code point when it is invisible. */
function char(text: string): string {
  return /^[\p{Cf}\p{Zs}\p{Cc}]$/u.test(text) ? codePointLabel(text.codePointAt(0) ?? 0) : code(text);
}

/** Repeated items said once: ["x", "x"] → ["x (twice)"]. */
function counted(items: string[]): string[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].map(([item, n]) => (n === 1 ? item : n === 2 ? `${item} (twice)` : `${item} (${n} times)`));
}

/** "a", "a and b", "a, b and c". */
export function listing(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
