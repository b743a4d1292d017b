/**
 * When a resemblance is worth reporting. The figures were tuned on the labelled set
 * (test/unit/typosquat/labelled.ts) and on false alarms measured two ways (selfCheck.ts; the
 * benchmark prints both): raise a ratio and fewer legitimate names are flagged, lower it and more
 * squats are caught. With these values: 60 of the 65 labelled squats caught, none of the 45
 * legitimate near-names flagged; 0.04% of the npm list flagged (none of PyPI's or NuGet's); of
 * moderately popular names held out of the index, 1.5% flagged on npm (more than half of them
 * the weak, warning-only unknown-scope signal), 0.17% on PyPI, 0.09% on NuGet.
 */
import type { ResemblanceKind, Strength } from './types';

export interface Policy {
  /**
   * For a name in no list: how many times more popular than the list's least popular entry the
   * imitated package must be. The weaker the resemblance, the larger the gap asked, since a weak
   * resemblance between two obscure names is usually a coincidence, not an imitation.
   */
  unknownRatio: Record<Strength, number>;
  /**
   * For a name that is itself in a list: popular packages are close to each other all the time
   * (`preact`/`react`, `colors`/`color`), so only the strongest resemblances to a package
   * hundreds of times more popular count, and medium or weak ones never.
   */
  knownRatio: Partial<Record<Strength, number>>;
  /**
   * For a name in no list, a floor on the ratio by kind of resemblance, on top of the strength's:
   * a scope run into the name (`fastify-swagger`, `@fastify/swagger`) and reordered words
   * (`array-shuffle`, `shuffle-array`) are how many legitimate older packages were named.
   */
  unknownKindRatio: Partial<Record<ResemblanceKind, number>>;
  /** Shortest imitated name (skeleton length): short names are one edit from too many others. */
  minLength: Record<Strength, number>;
  /**
   * For a name that is no established package (the shipped set says it is unknown or taken
   * down): how many times the list's least popular entry the imitated package must weigh. Such
   * a name is, most likely, nothing, so any resemblance to any listed package is worth a look
   * (1 throughout); the kind floors below, the unknown-scope floor and the first-letter rule keep
   * the weakest readings to the names people actually mistype and squatters actually copy.
   */
  absentRatio: Record<Strength, number>;
  absentKindRatio: Partial<Record<ResemblanceKind, number>>;
  /**
   * For a name of no standing in a scope nobody popular publishes in (`@corp/utils`): how many
   * times the floor its bare name must weigh. A private registry's packages are named like
   * public ones and are in no public set, so only the bare names worth copying count.
   */
  absentUnknownScopeRatio: number;
  /** A changed first letter of a short name counts only against the few hundred most popular names. */
  firstLetterRatio: number;
  /** Skeleton length from which a name is long: a changed first letter is a slip there, and two slips are looked for. */
  longName: number;
  /** Shortest imitated skeleton for a name that is no established package. */
  absentMinLength: Record<Strength, number>;
  /**
   * For an established package outside the lists (bucketed weight): how many times more popular
   * the imitated one must be. Such findings are warnings: small packages are often named after
   * big ones, and some are squats that have not been taken down yet. `weak` applies to the
   * hand-written imitation affixes only (`node-`, `.js`, `py`), not to the learned vocabulary,
   * which is how legitimate small packages are named.
   */
  establishedRatio: Partial<Record<Strength, number>>;
  /**
   * Shortest name an affix may be added to or dropped from: shorter than `minLength`, because an
   * affix adds characters a typo does not (`d3.js` for `d3` is a known squat).
   */
  minAffixCore: number;
  /**
   * Shortest name any added word (not a known affix) may be added to, for a name of no standing:
   * shorter popular names (`is`, `ms`, `app`) are words of countless unrelated names.
   */
  minWordAffixCore: number;
}

export const POLICY: Policy = {
  unknownRatio: { 'very-strong': 1, strong: 10, medium: 30, weak: 50 },
  knownRatio: { 'very-strong': 100, strong: 1000 },
  unknownKindRatio: { scope: 100, reorder: 30 },
  minLength: { 'very-strong': 4, strong: 5, medium: 6, weak: 4 },
  minAffixCore: 2,
  minWordAffixCore: 6,
  // A name of no standing weighs nothing: any listed package is more popular, whatever its rank.
  absentRatio: { 'very-strong': 1, strong: 1, medium: 1, weak: 1 },
  absentKindRatio: { reorder: 3 },
  absentUnknownScopeRatio: 5,
  firstLetterRatio: 300,
  longName: 7,
  absentMinLength: { 'very-strong': 3, strong: 4, medium: 4, weak: 4 },
  establishedRatio: { 'very-strong': 100, strong: 3000, medium: 30_000, weak: 1000 },
};

/**
 * NuGet vendor IDs (Microsoft's, AWS's) come without a count. They are weighed as 100,000
 * downloads a day, a level the smaller framework packages exceed: enough for any look-alike of
 * them outside the lists to count, never enough to flag a listed package.
 */
export const VENDOR_WEIGHT = 100_000;

/** PyPI lists ranks only: weight = PYPI_SCALE / rank, so weight ratios are rank ratios. */
export const PYPI_SCALE = 1e9;

/** The smallest of the known ratios: a listed name less popular than top / this can be skipped. */
export const MIN_KNOWN_RATIO = Math.min(...Object.values(POLICY.knownRatio).filter((r): r is number => r !== undefined));

/** The smallest of the unknown ratios. */
export const MIN_UNKNOWN_RATIO = Math.min(...Object.values(POLICY.unknownRatio), ...Object.values(POLICY.absentRatio));

export const STRENGTH_ORDER: Record<Strength, number> = { 'very-strong': 3, strong: 2, medium: 1, weak: 0 };
