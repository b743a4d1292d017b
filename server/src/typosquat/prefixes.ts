/**
 * NuGet reserved ID prefixes. nuget.org lets only a prefix's owner publish IDs that start with it
 * (`Microsoft.`, `System.`, `AWSSDK.`…), so an ID that *almost* starts with one — `Microsfot.`,
 * `Microsoft-`, `Systen.` — was chosen to borrow the owner's trust: a strong signal even when the
 * rest of the ID matches no known package.
 */
import { type Coarse, code, coarseOf, describeAligned, mayDifferByOneTypo } from './describe';
import type { PrefixImitation, ReservedPrefix } from './types';

export function imitatedPrefix(name: string, reserved: readonly ReservedPrefix[]): PrefixImitation | undefined {
  const lower = name.toLowerCase();
  if (reserved.some((r) => lower.startsWith(r.prefix.toLowerCase()))) return undefined;
  const dot = name.indexOf('.');
  const segment = dot > 0 ? coarseOf(name.slice(0, dot)) : undefined;
  const words = coarseWords(reserved);
  for (const [k, r] of reserved.entries()) {
    const word = r.prefix.slice(0, -1);
    const next = name[word.length];
    // The prefix's word joined by another delimiter: Microsoft-Extensions-Logging.
    if (lower.startsWith(word.toLowerCase()) && (next === '-' || next === '_')) {
      return { reserved: r, written: name.slice(0, word.length + 1), description: `${code(next)} in place of ${code('.')}` };
    }
    if (!segment || !mayDifferByOneTypo(segment, words[k])) continue;
    const resemblance = describeAligned(name.slice(0, dot), word);
    // A medium typo (any one substituted or missing letter) counts only on long prefix words:
    // one letter from `Azure` or `Google` is a lot of other words.
    if (resemblance && (resemblance.strength !== 'medium' || word.length >= 6) && resemblance.strength !== 'weak') {
      return { reserved: r, written: name.slice(0, dot + 1), description: resemblance.description };
    }
  }
  return undefined;
}

const coarseCache = new WeakMap<readonly ReservedPrefix[], Coarse[]>();

/** The prefixes' words in coarse form, computed once per list: every unknown ID is compared with all of them. */
function coarseWords(reserved: readonly ReservedPrefix[]): Coarse[] {
  let words = coarseCache.get(reserved);
  if (!words) {
    words = reserved.map((r) => coarseOf(r.prefix.slice(0, -1)));
    coarseCache.set(reserved, words);
  }
  return words;
}
