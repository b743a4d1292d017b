/**
 * Name structure beyond characters: words, npm scopes, and the affixes squatters add to or drop
 * from popular names (`node-`, `-js`, `py`, `-python`, `3`).
 */
import type { Ecosystem } from '../model/model';

/** An npm name split into its scope (`@babel`, without the slash) and the rest. */
export function splitScope(name: string): { scope?: string; bare: string } {
  if (!name.startsWith('@')) return { bare: name };
  const slash = name.indexOf('/');
  return slash > 1 ? { scope: name.slice(0, slash), bare: name.slice(slash + 1) } : { bare: name };
}

/** The words of a (normalized, scope-less) name. */
export function words(bare: string): string[] {
  // Replacing then splitting on one character is several times faster than a regex split, and
  // this runs for every popular name at load.
  const parts = bare.replace(/[_.]/g, '-').split('-');
  return parts.includes('') ? parts.filter((w) => w !== '') : parts;
}

/**
 * A key equal for names made of the same words in any order (`dateutil-python`,
 * `python-dateutil`), or undefined for one-word names. Scoped names keep their scope.
 */
export function reorderKey(scope: string | undefined, bare: string): string | undefined {
  const ws = words(bare);
  if (ws.length < 2) return undefined;
  return `${scope ?? ''}/${ws.sort().join('-')}`;
}

export interface Affixes {
  /** Prefixes and suffixes as they appear in skeletons (lowercase, no delimiters). */
  prefixes: readonly string[];
  suffixes: readonly string[];
}

/**
 * Affixes squatters add or drop, in skeleton form. NuGet has none: IDs grow by dotted segments
 * (`Serilog.Sinks.Console`), so an added segment is the norm there, not a signal.
 */
export const AFFIXES: Record<Ecosystem, Affixes> = {
  npm: { prefixes: ['node', 'nodejs', 'js'], suffixes: ['js', 'node', 'nodejs', 'npm', '2', '3'] },
  pypi: { prefixes: ['python', 'python3', 'py', 'py3'], suffixes: ['python', 'python3', 'py', 'py3', '2', '3'] },
  nuget: { prefixes: [], suffixes: [] },
};

/** The hand-written affixes less the version digits: what an established package is held to. */
const withoutDigits = (a: Affixes): Affixes => ({ prefixes: a.prefixes.filter((w) => !/^\d+$/.test(w)), suffixes: a.suffixes.filter((w) => !/^\d+$/.test(w)) });
export const IMITATION_WORDS: Record<Ecosystem, Affixes> = { npm: withoutDigits(AFFIXES.npm), pypi: withoutDigits(AFFIXES.pypi), nuget: withoutDigits(AFFIXES.nuget) };
