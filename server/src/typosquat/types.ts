/**
 * Contract between the typosquat index (built by typosquat/) and its users: the `typosquat` rule,
 * hovers and the CLI. Everything here is plain data; `NameIndex` is the only behaviour (and
 * `reportable`, which says whether a check found anything).
 */
import type { Ecosystem } from '../model/model';

/**
 * The raw deletion table of a list: (hash, value) pairs grouped by the top 16 bits of the hash
 * (the bucket), as HashMultimapBuilder leaves them. A pair keeps only the low 16 bits of its hash:
 * its bucket holds the rest, so 6 bytes a pair instead of 8 (npm's million pairs: 2 MB less).
 * Plain typed arrays, so a worker thread can build it and hand it over, and a file can hold it
 * (tableFile.ts); store.ts builds and reads it.
 */
export interface NameTable {
  /** offsets[b]..offsets[b + 1]: the pairs of bucket b (65,537 entries). */
  offsets: Int32Array;
  /** The low 16 bits of each pair's hash. */
  low: Uint16Array;
  values: Int32Array;
}

/** How a popularity list states a package's popularity. */
export type Popularity =
  | { kind: 'downloads-a-month'; count: number } // npm
  | { kind: 'downloads-a-day'; count: number } // NuGet
  | { kind: 'rank'; rank: number; of: number } // PyPI
  | { kind: 'vendor'; owner: string }; // NuGet vendor IDs the lists name without a count

/** One entry of a bundled popularity list. */
export interface PopularPackage {
  ecosystem: Ecosystem;
  /** The name as the registry spells it (case kept). */
  name: string;
  popularity: Popularity;
  /**
   * Popularity as one number, comparable within an ecosystem only (downloads, or 1e9 / rank for
   * PyPI, whose download counts follow rank closely enough for ratios).
   */
  weight: number;
}

/**
 * What kind of resemblance links a name to a popular one:
 * - `lookalike`: characters that render alike (Cyrillic `а`, `rn` for `m`, `0` for `o`, `I` for `l`)
 * - `delimiter`: `-`, `_`, `.` added, removed or swapped
 * - `typo`: one character omitted, repeated, inserted, substituted, or two swapped
 * - `reorder`: the same words in another order
 * - `affix`: a common prefix or suffix added or removed (`node-`, `-js`, `py`, `-python`, `3`)
 * - `scope`: npm scope games (a popular name in an unknown scope, a scope flattened into the name)
 */
export type ResemblanceKind = 'lookalike' | 'delimiter' | 'typo' | 'reorder' | 'affix' | 'scope';

/** How strongly a resemblance suggests imitation; weaker ones need a larger popularity gap. */
export type Strength = 'very-strong' | 'strong' | 'medium' | 'weak';

export interface Resemblance {
  kind: ResemblanceKind;
  strength: Strength;
  /** What differs, in words, for messages: "a missing `-`", "Greek `υ` in place of `u`". */
  description: string;
  /**
   * The slip changed a word's first letter (`reat` for `react`, `slack` for `black`): far more
   * often another word than a slip, so it counts only against the most popular names.
   */
  firstLetter?: boolean;
  /** A number added or dropped at the end (`dnspython3`, `deepdiff6`): how ports and majors are named. */
  versionDigit?: boolean;
}

/** A popular package that the checked name imitates. */
export interface Lookalike {
  target: PopularPackage;
  resemblance: Resemblance;
  /**
   * How many times more popular the target is. When the checked name is in no list this is a
   * lower bound (the name is less popular than the list's least popular entry); Infinity when
   * the name is no established package at all.
   */
  ratio: number;
  /**
   * `warning` for weak signals (an affix, an unknown scope, an established but small package
   * close to a huge one), said why in `why`; `error` for the rest.
   */
  severity: 'error' | 'warning';
  /** Why a weak signal is only a warning, for its message. */
  why?: string;
}

/** A nuget.org ID prefix reservation (`Microsoft.`): only its owner can publish under it. */
export interface ReservedPrefix {
  prefix: string;
  owner: string;
}

/** A NuGet ID whose first segment imitates a reserved prefix (`Microsfot.Extensions.Foo`). */
export interface PrefixImitation {
  reserved: ReservedPrefix;
  /** The imitating prefix as written, with its dot. */
  written: string;
  description: string;
}

/** A character outside printable ASCII in a package name. */
export interface NonAsciiChar {
  char: string;
  codePoint: number;
  /** UTF-16 offset of the character in the checked name. */
  index: number;
  /** Its script in words ("Greek", "Cyrillic", "fullwidth", "accented Latin", "invisible"…). */
  script: string;
  /** The ASCII text it renders like, when it is a known look-alike. */
  looksLike?: string;
}

export interface NameCheck {
  /** The name as checked (trimmed). */
  name: string;
  /** The list entry with exactly this name (in the ecosystem's normal form), if any. */
  known?: PopularPackage;
  /** The much more popular package this name imitates, if any. */
  lookalike?: Lookalike;
  /** NuGet: the reserved prefix this name imitates, when no popular package matched. */
  prefixImitation?: PrefixImitation;
  /** Non-ASCII characters: reported even when no popular package is imitated. */
  nonAscii: NonAsciiChar[];
  /**
   * When the ecosystem ships its established-package set and the name is not listed: whether
   * it is an established (smaller) package, with its bucketed weight, or no package at all.
   */
  standing?: { established: true; weight: number } | { established: false };
  /**
   * A name of no standing that wraps a well-known project the way packages of both npm and PyPI
   * do (`node-opencv`), with the registry's most used package of that project.
   */
  wraps?: { project: string; meant: string };
  /** PyPI: the standard-library module this requirement names (not a PyPI project of standing). */
  stdlibModule?: string;
  /** PyPI: the system tool this requirement names (`curl`), not a PyPI project of standing. */
  systemTool?: string;
  /**
   * The name with every look-alike character folded to the ASCII it imitates, when that differs
   * from the name and no popular package matched: the ID it passes for (`Serilog.Sinks.Cоnsole`).
   */
  asciiFold?: string;
}

/** Popular package names of each ecosystem, indexed for look-alike lookups. */
export interface NameIndex {
  readonly ecosystems: readonly Ecosystem[];
  /** Checks one dependency name (as written) against the ecosystem's popular names. */
  check(ecosystem: Ecosystem, name: string): NameCheck;
  /** The list entry with this name (in normal form), if any: for hovers. */
  lookup(ecosystem: Ecosystem, name: string): PopularPackage | undefined;
  /** Every entry of one ecosystem's list, most popular first (benchmarks, tests, self-checks). */
  entries(ecosystem: Ecosystem): readonly PopularPackage[];
  /**
   * Whether the ecosystem's index is built (or has no list), so that checking it costs no build.
   * Lists are indexed on first use; the language server asks first and builds off the typing path.
   */
  isReady(ecosystem: Ecosystem): boolean;
  /**
   * Builds an ecosystem's index ahead of use, its table computed by `tableFor` (the language
   * server passes a worker thread). Optional: hand-made indexes in tests need not have it.
   */
  prepare?(ecosystem: Ecosystem, tableFor: (ecosystem: Ecosystem, listText: string) => Promise<NameTable>): Promise<void>;
}

/** Whether a check found anything the typosquat rules report (the rest is remembered as clean). */
export function reportable(check: NameCheck): boolean {
  return check.lookalike !== undefined || check.prefixImitation !== undefined || check.stdlibModule !== undefined || check.systemTool !== undefined || check.wraps !== undefined || check.asciiFold !== undefined || check.nonAscii.length > 0;
}
