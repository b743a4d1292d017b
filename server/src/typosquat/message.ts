/**
 * Words for what the index found: the finding's message, and a two-line detail that shows the
 * checked name and the imitated package side by side (for hovers).
 */
import type { Ecosystem } from '../model/model';
import { code } from './describe';
import { codePointLabel, MAX_NON_ASCII_REPORTED } from './nonAscii';
import type { Lookalike, NameCheck, NonAsciiChar, PopularPackage, PrefixImitation } from './types';

const REGISTRY: Record<Ecosystem, string> = { npm: 'npm', pypi: 'PyPI', nuget: 'NuGet' };

/** 59853222 → "60M", 1381598 → "1.4M", 53212 → "53K", 950 → "950". */
export function compactCount(n: number): string {
  const units: Array<[number, string]> = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, suffix] of units) {
    if (n >= size) {
      const v = n / size;
      return `${v >= 10 ? Math.round(v) : Math.round(v * 10) / 10}${suffix}`;
    }
  }
  return String(Math.round(n));
}

/** "60M downloads a month", "#3 of PyPI's most downloaded", "published by Microsoft". */
export function popularityText(p: PopularPackage): string {
  switch (p.popularity.kind) {
    case 'downloads-a-month':
      return `${compactCount(p.popularity.count)} downloads a month`;
    case 'downloads-a-day':
      return `${compactCount(p.popularity.count)} downloads a day`;
    case 'rank':
      return `#${p.popularity.rank.toLocaleString('en-US')} of PyPI's most downloaded projects`;
    case 'vendor':
      return `published by ${p.popularity.owner}`;
  }
}

/** "which has 60M downloads a month" / "which is #3 of…" / "which Microsoft publishes". */
function whichClause(p: PopularPackage): string {
  switch (p.popularity.kind) {
    case 'downloads-a-month':
    case 'downloads-a-day':
      return `which has ${popularityText(p)}`;
    case 'rank':
      return `which is ${popularityText(p)}`;
    case 'vendor':
      return `which ${p.popularity.owner} publishes`;
  }
}

/** How popular the checked name is, next to the target's figure. */
function standing(check: NameCheck, lookalike: Lookalike): string {
  if (!check.known) return 'this one is not in the top lists';
  const ratio = lookalike.ratio >= 10 ? Math.round(lookalike.ratio).toLocaleString('en-US') : lookalike.ratio.toFixed(1);
  return `this one is ${ratio}× less popular (${popularityText(check.known)})`;
}

export function lookalikeMessage(check: NameCheck, lookalike: Lookalike): string {
  const { target, resemblance } = lookalike;
  const message = `${code(check.name)} looks like ${code(target.name)} (${resemblance.description}), ${whichClause(target)}; ${standing(check, lookalike)}.`;
  // A look-alike description already names its non-ASCII characters; other kinds do not.
  if (check.nonAscii.length === 0 || resemblance.kind === 'lookalike') return message;
  return `${message} It also has ${nonAsciiList(check.nonAscii)}.`;
}

export function prefixMessage(check: NameCheck, imitation: PrefixImitation): string {
  const { prefix, owner } = imitation.reserved;
  return `${code(check.name)} imitates the reserved ${code(prefix)} prefix (${imitation.description}): only ${owner} can publish IDs that start with ${code(prefix)}, and this one does not.`;
}

function nonAsciiList(chars: readonly NonAsciiChar[]): string {
  const among = chars.length >= MAX_NON_ASCII_REPORTED ? ', among others' : '';
  return `non-ASCII characters${among}: ${chars.map(charText).join('; ')}`;
}

function charText(c: NonAsciiChar): string {
  if (c.script === 'invisible') return `an invisible character (${codePointLabel(c.codePoint)})`;
  return `${c.script} ${code(c.char)} (${codePointLabel(c.codePoint)})${c.looksLike ? `, which looks like ${code(c.looksLike)}` : ''}`;
}

export function nonAsciiMessage(check: NameCheck, ecosystem: Ecosystem): string {
  const chars = check.nonAscii;
  const what = chars.length === 1 ? `a non-ASCII character: ${charText(chars[0])}` : nonAsciiList(chars);
  const rule =
    ecosystem === 'nuget'
      ? 'Real NuGet IDs are ASCII almost without exception; a look-alike character is a classic way to pass for a known package.'
      : `${REGISTRY[ecosystem]} names are ASCII-only, so this name is not what it looks like.`;
  return `${code(check.name)} has ${what}. ${rule}`;
}

/** Two lines for hovers: the checked name and the imitated package, with their popularity. */
export function sideBySide(check: NameCheck, lookalike: Lookalike, ecosystem: Ecosystem): string {
  const mine = check.known ? popularityText(check.known) : `not among the popular ${REGISTRY[ecosystem]} packages`;
  return `${check.name}: ${mine}\n${lookalike.target.name}: ${popularityText(lookalike.target)}`;
}
