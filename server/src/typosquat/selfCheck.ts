/**
 * False-alarm measurements over the bundled lists, shared by the tests and the benchmark.
 *
 * - On the lists: every popular name checked as a dependency. A flag there means a popular
 *   package was reported against a far more popular one; the issue asks for this to be rare.
 * - Held out: the index built from the most popular part of a list only, and the rest checked as
 *   names the lists do not know. They are real, moderately popular packages, so this estimates
 *   how often a legitimate package outside the lists is flagged.
 */
import type { Ecosystem } from '../model/model';
import { EcosystemIndex } from './ecosystemIndex';
import type { PopularList } from './lists';
import type { NameCheck, NameIndex } from './types';

export interface FalseAlarms {
  ecosystem: Ecosystem;
  checked: number;
  flagged: NameCheck[];
  /** flagged / checked */
  rate: number;
}

function flaggedBy(check: NameCheck): boolean {
  return check.lookalike !== undefined || check.prefixImitation !== undefined;
}

/** Checks every name of one ecosystem's list against the index. */
export function listFalseAlarms(index: NameIndex, ecosystem: Ecosystem): FalseAlarms {
  const entries = index.entries(ecosystem);
  const flagged = entries.map((e) => index.check(ecosystem, e.name)).filter(flaggedBy);
  return { ecosystem, checked: entries.length, flagged, rate: entries.length ? flagged.length / entries.length : 0 };
}

/** The first `n` entries of a list, as a list. */
export function headOf(list: PopularList, n: number): PopularList {
  return { ecosystem: list.ecosystem, names: list.names.slice(0, n), weights: list.weights.slice(0, n), entry: (i) => list.entry(i) };
}

/** Indexes the `keep` most popular names of a list and checks the others as unknown names. */
export function holdoutFalseAlarms(list: PopularList, keep: number): FalseAlarms {
  const index = new EcosystemIndex(headOf(list, keep));
  const rest = list.names.slice(keep);
  const flagged = rest.map((name) => index.check(name)).filter(flaggedBy);
  return { ecosystem: list.ecosystem, checked: rest.length, flagged, rate: rest.length ? flagged.length / rest.length : 0 };
}
