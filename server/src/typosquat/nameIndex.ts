/** The `NameIndex` over the three ecosystems: one `EcosystemIndex` each, built from list texts. */
import { BoundedMemo, detached } from '../model/memo';
import { StringSet } from '../model/stringSet';
import type { Ecosystem } from '../model/model';
import { EcosystemIndex, tableOf } from './ecosystemIndex';
import type { EcosystemExtras } from './extras';
import { LIST_PARSERS, parsePrefixes } from './lists';
import { nonAsciiChars } from './nonAscii';
import { type NameCheck, type NameIndex, type NameTable, type PopularPackage, reportable } from './types';

/** The texts of the bundled list files; an ecosystem without a list is left out of the index. */
export interface ListTexts {
  npm?: string;
  pypi?: string;
  nuget?: string;
  nugetPrefixes?: string;
  /** The generated data beyond the lists (established names, stdlib, learned affixes), per ecosystem. */
  extras?: (ecosystem: Ecosystem) => EcosystemExtras;
  /** Tables built ahead of time (tableFile.ts), used instead of building one when they match the list. */
  prebuilt?: PrebuiltTables;
}

/** Where prebuilt tables come from: `has` says one may exist without reading it. */
export interface PrebuiltTables {
  has(ecosystem: Ecosystem): boolean;
  read(ecosystem: Ecosystem, listText: string): NameTable | undefined;
  /** Keeps a table built here or in the worker, so that the next start reads it (a cache on disk). */
  save?(ecosystem: Ecosystem, listText: string, table: NameTable): void;
}

/** Bounded so that a hostile file of a million distinct names cannot grow the memo without limit. */
const MAX_REMEMBERED_VERDICTS = 50_000;
const MAX_REMEMBERED_CHARS = 2_000_000;
const MAX_REMEMBERED_FINDINGS = 5_000;

/**
 * What was found for each name checked in one ecosystem: every keystroke re-checks every name of
 * the file, and names rarely change. Nearly every name is clean (nothing to report, listed or
 * not) and is remembered as a member of a `StringSet`, with no object per name for the garbage
 * collector to copy; the few names with something to report keep their whole verdict.
 */
class Verdicts {
  private readonly clean = new StringSet(MAX_REMEMBERED_VERDICTS, MAX_REMEMBERED_CHARS);
  private readonly flagged = new BoundedMemo<NameCheck>(MAX_REMEMBERED_FINDINGS);

  constructor(private readonly index: EcosystemIndex) {}

  check(name: string): NameCheck {
    if (this.clean.has(name)) {
      const trimmed = name.trim();
      const known = this.index.lookup(trimmed);
      return known ? { name: trimmed, nonAscii: [], known } : { name: trimmed, nonAscii: [] };
    }
    const flagged = this.flagged.peek(name);
    if (flagged) return flagged;
    // Checked as a copy, so the verdict refers to none of the document's text.
    const verdict = this.index.check(detached(name));
    if (!reportable(verdict)) this.clean.add(name);
    else this.flagged.remember(name, verdict);
    return verdict;
  }
}

class Index implements NameIndex {
  readonly ecosystems: readonly Ecosystem[];
  private readonly built = new Map<Ecosystem, EcosystemIndex>();
  private readonly verdicts = new Map<Ecosystem, Verdicts>();

  /** `builders` make each ecosystem's index on first use, so a pip-only user never builds npm's. */
  constructor(
    private readonly builders: ReadonlyMap<Ecosystem, Builder>,
    /** Remember verdicts per name (the server re-checks the same names on every keystroke). */
    private readonly remember: boolean,
  ) {
    this.ecosystems = [...builders.keys()];
  }

  /**
   * Ready when built, or built now from a prebuilt table of its list (milliseconds). A table that
   * does not match the list (a cache from an older version) leaves it to `prepare`, off the thread.
   */
  isReady(ecosystem: Ecosystem): boolean {
    const builder = this.builders.get(ecosystem);
    if (this.built.has(ecosystem) || !builder) return true;
    if (!builder.prebuilt) return false;
    const listText = builder.listText();
    const table = builder.readPrebuilt(listText);
    if (!table) {
      builder.prebuilt = false;
      return false;
    }
    this.built.set(ecosystem, builder.build(listText, table));
    return true;
  }

  /**
   * Builds an ecosystem's index ahead of use with its prebuilt table, else one from `tableFor` —
   * a worker thread in the language server, so the ~100–300 ms of building npm's never holds up
   * a keystroke — which is then saved for later starts. If that fails, the index is built here
   * after all (an error in the list is still reported).
   */
  async prepare(ecosystem: Ecosystem, tableFor: (ecosystem: Ecosystem, listText: string) => Promise<NameTable>): Promise<void> {
    const builder = this.builders.get(ecosystem);
    if (!builder || this.built.has(ecosystem)) return;
    const listText = builder.listText();
    // A prebuilt table of this very list is read in milliseconds: no worker needed.
    let table = builder.prebuilt ? builder.readPrebuilt(listText) : undefined;
    if (!table) {
      try {
        table = await tableFor(ecosystem, listText);
        builder.save(listText, table);
      } catch {
        table = undefined;
      }
    }
    if (!this.built.has(ecosystem)) this.built.set(ecosystem, builder.build(listText, table));
  }

  /** Builds every ecosystem's index now (its entries stay unbuilt until asked for). */
  buildAll(): void {
    for (const ecosystem of this.ecosystems) this.indexOf(ecosystem);
  }

  private indexOf(ecosystem: Ecosystem): EcosystemIndex | undefined {
    let index = this.built.get(ecosystem);
    if (!index) {
      const builder = this.builders.get(ecosystem);
      if (!builder) return undefined;
      index = builder.build(builder.listText());
      this.built.set(ecosystem, index);
    }
    return index;
  }

  check(ecosystem: Ecosystem, name: string): NameCheck {
    const index = this.indexOf(ecosystem);
    if (index) {
      if (!this.remember) return index.check(name);
      let verdicts = this.verdicts.get(ecosystem);
      if (!verdicts) this.verdicts.set(ecosystem, (verdicts = new Verdicts(index)));
      return verdicts.check(name);
    }
    const trimmed = name.trim();
    return { name: trimmed, nonAscii: nonAsciiChars(trimmed) };
  }

  lookup(ecosystem: Ecosystem, name: string): PopularPackage | undefined {
    return this.indexOf(ecosystem)?.lookup(name);
  }

  entries(ecosystem: Ecosystem): readonly PopularPackage[] {
    return this.indexOf(ecosystem)?.entries ?? [];
  }
}

/** Readers of the list files; one that returns undefined leaves its ecosystem out. */
export type ListReaders = { [K in Exclude<keyof ListTexts, 'extras' | 'prebuilt'>]-?: () => string | undefined } & Pick<ListTexts, 'extras' | 'prebuilt'>;

/** How to build one ecosystem's index: read its list, then index it with a table given or built here. */
interface Builder {
  /** A prebuilt table is at hand (it is still checked against the list when read). */
  prebuilt: boolean;
  listText(): string;
  readPrebuilt(listText: string): NameTable | undefined;
  save(listText: string, table: NameTable): void;
  build(listText: string, table?: NameTable): EcosystemIndex;
}

function builders(read: ListReaders, present: Ecosystem[]): Map<Ecosystem, Builder> {
  const out = new Map<Ecosystem, Builder>();
  for (const ecosystem of ['npm', 'pypi', 'nuget'] as const) {
    if (!present.includes(ecosystem)) continue;
    const builder: Builder = {
      prebuilt: read.prebuilt?.has(ecosystem) ?? false,
      listText: () => read[ecosystem]() ?? '',
      readPrebuilt: (listText) => read.prebuilt?.read(ecosystem, listText),
      save: (listText, table) => read.prebuilt?.save?.(ecosystem, listText, table),
      build: (listText, table) => {
        const prefixes = ecosystem === 'nuget' ? read.nugetPrefixes() : undefined;
        const list = LIST_PARSERS[ecosystem](listText);
        // A table already found not to match its list is not read again.
        let given = table ?? (builder.prebuilt ? read.prebuilt?.read(ecosystem, listText) : undefined);
        if (!given && read.prebuilt?.save) {
          given = tableOf(list);
          read.prebuilt.save(ecosystem, listText, given);
        }
        return new EcosystemIndex(list, prefixes === undefined ? [] : parsePrefixes(prefixes), given, read.extras?.(ecosystem));
      },
    };
    out.set(ecosystem, builder);
  }
  return out;
}

/**
 * An index whose ecosystems are read and built on first use: what the server and the CLI use,
 * since most projects touch one ecosystem. `present` says which lists exist, without reading them.
 */
export function createLazyNameIndex(read: ListReaders, present: string[]): NameIndex {
  return new Index(builders(read, present.filter((p): p is Ecosystem => p === 'npm' || p === 'pypi' || p === 'nuget')), true);
}

export function createNameIndex(texts: ListTexts): NameIndex {
  const present = (['npm', 'pypi', 'nuget'] as const).filter((k) => texts[k] !== undefined);
  const index = new Index(builders({ npm: () => texts.npm, pypi: () => texts.pypi, nuget: () => texts.nuget, nugetPrefixes: () => texts.nugetPrefixes, extras: texts.extras, prebuilt: texts.prebuilt }, [...present]), false);
  // Built at once, nothing remembered: callers of this form (tests, the benchmark) want the cost and any error now.
  index.buildAll();
  return index;
}
