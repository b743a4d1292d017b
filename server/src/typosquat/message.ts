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

/** How popular the checked name is, next to the target's figure, and why a weak signal only warns. */
function standing(check: NameCheck, lookalike: Lookalike, ecosystem: Ecosystem): string {
  const why = lookalike.why ? ` (a warning: ${lookalike.why})` : '';
  if (check.standing?.established === false) return `no established ${REGISTRY[ecosystem]} package has this name (never published, or taken down)${why}`;
  if (check.standing?.established) {
    const ratio = Math.round(lookalike.ratio).toLocaleString('en-US');
    return `this one is a much smaller ${REGISTRY[ecosystem]} package, about ${ratio}× less popular${why}`;
  }
  if (!check.known) return `this one is not in the top lists${why}`;
  const ratio = lookalike.ratio >= 10 ? Math.round(lookalike.ratio).toLocaleString('en-US') : lookalike.ratio.toFixed(1);
  return `this one is ${ratio}× less popular (${popularityText(check.known)})${why}`;
}

export function lookalikeMessage(check: NameCheck, lookalike: Lookalike): string {
  const { target, resemblance } = lookalike;
  const message = `${code(check.name)} looks like ${code(target.name)} (${resemblance.description}), ${whichClause(target)}; ${standing(check, lookalike, target.ecosystem)}.`;
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

/** A PyPI requirement that names a standard-library module. */
export function stdlibMessage(check: NameCheck): string {
  const module = code(check.stdlibModule ?? check.name);
  const onPypi = check.standing?.established
    ? 'PyPI has a small, unrelated project by that name'
    : 'no established PyPI project has that name, so whoever registers it decides what this installs';
  const what = check.name.toLowerCase() === check.stdlibModule ? `${code(check.name)} is` : `${code(check.name)} names ${module},`;
  return `${what} a module of Python's standard library that comes with Python and is never installed from PyPI; ${onPypi}. Remove the requirement unless you mean a specific backport.`;
}

/** A PyPI requirement that names a system tool. */
export function toolMessage(check: NameCheck): string {
  const onPypi = check.standing?.established ? 'PyPI has a small, unrelated project by that name' : 'no established PyPI project has that name, so whoever registers it decides what this installs';
  return `${code(check.name)} is a system program (install it with the system's package manager), not a Python package; ${onPypi}.`;
}

/** A name of no standing that wraps a well-known project as packages of several registries do. */
export function wrapsMessage(check: NameCheck, ecosystem: Ecosystem): string {
  const { project, meant } = check.wraps ?? { project: '', meant: '' };
  return `${code(check.name)} is named after ${code(project)}, a project that npm and PyPI packages wrap (the most used ${REGISTRY[ecosystem]} one is ${code(meant)}); no established ${REGISTRY[ecosystem]} package has this name (a warning: a new wrapper looks the same).`;
}

/** A name with look-alike characters whose ASCII fold is the ID it passes for. */
export function foldMessage(check: NameCheck): string {
  return `${code(check.name)} passes for ${code(check.asciiFold ?? '')}: it has ${nonAsciiList(check.nonAscii)}. A look-alike character is a classic way to pass for a known package.`;
}

/** What the typosquat rules report about one checked name: a message, whether it only warns, and the name to put instead. */
export interface Imitation {
  text: string;
  weak: boolean;
  replaceWith?: string;
}

/** The finding a check calls for, if any (the caller has already set aside names in the project's own scopes). */
export function imitationOfCheck(check: NameCheck, ecosystem: Ecosystem, lookalikeOk = true): Imitation | undefined {
  if (check.lookalike && lookalikeOk) return { text: lookalikeMessage(check, check.lookalike), weak: check.lookalike.severity === 'warning', replaceWith: check.lookalike.target.name };
  if (check.stdlibModule) return { text: stdlibMessage(check), weak: check.standing?.established === true };
  if (check.systemTool) return { text: toolMessage(check), weak: check.standing?.established === true };
  if (check.prefixImitation) return { text: prefixMessage(check, check.prefixImitation), weak: false };
  if (check.asciiFold) return { text: foldMessage(check), weak: false, replaceWith: check.asciiFold };
  if (check.wraps) return { text: wrapsMessage(check, ecosystem), weak: true, replaceWith: check.wraps.meant };
  if (check.nonAscii.length > 0) return { text: nonAsciiMessage(check, ecosystem), weak: false };
  return undefined;
}
