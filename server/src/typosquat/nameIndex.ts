/** The `NameIndex` over the three ecosystems: one `EcosystemIndex` each, built from list texts. */
import { BoundedMemo } from '../core/memo';
import type { Ecosystem } from '../core/model';
import { EcosystemIndex } from './ecosystemIndex';
import { parseNpmList, parseNugetList, parsePrefixes, parsePypiList } from './lists';
import { nonAsciiChars } from './nonAscii';
import type { NameCheck, NameIndex, PopularPackage } from './types';

/** The texts of the bundled list files; an ecosystem without a list is left out of the index. */
export interface ListTexts {
  npm?: string;
  pypi?: string;
  nuget?: string;
  nugetPrefixes?: string;
}

/** Bounded so that a hostile file of a million distinct names cannot grow the memo without limit. */
const MAX_REMEMBERED_VERDICTS = 50_000;

class Index implements NameIndex {
  readonly ecosystems: readonly Ecosystem[];
  private readonly built = new Map<Ecosystem, EcosystemIndex>();
  /** Per ecosystem, keyed by the name as written (no composite key to build and hash per check). */
  private readonly verdicts = new Map<Ecosystem, BoundedMemo<NameCheck>>();

  /** `builders` make each ecosystem's index on first use, so a pip-only user never builds npm's. */
  constructor(
    private readonly builders: ReadonlyMap<Ecosystem, () => EcosystemIndex>,
    /** Remember verdicts per name (the server re-checks the same names on every keystroke). */
    private readonly remember: boolean,
  ) {
    this.ecosystems = [...builders.keys()];
  }

  isReady(ecosystem: Ecosystem): boolean {
    return this.built.has(ecosystem) || !this.builders.has(ecosystem);
  }

  private indexOf(ecosystem: Ecosystem): EcosystemIndex | undefined {
    let index = this.built.get(ecosystem);
    if (!index) {
      const build = this.builders.get(ecosystem);
      if (!build) return undefined;
      index = build();
      this.built.set(ecosystem, index);
    }
    return index;
  }

  check(ecosystem: Ecosystem, name: string): NameCheck {
    const index = this.indexOf(ecosystem);
    if (index) {
      if (!this.remember) return index.check(name);
      // Every keystroke re-checks every name of the file, and names rarely change: remember verdicts.
      let remembered = this.verdicts.get(ecosystem);
      if (!remembered) this.verdicts.set(ecosystem, (remembered = new BoundedMemo(MAX_REMEMBERED_VERDICTS)));
      return remembered.get(name, (copy) => index.check(copy));
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
export type ListReaders = { [K in keyof ListTexts]-?: () => string | undefined };

function builders(read: ListReaders, present: (keyof ListTexts)[]): Map<Ecosystem, () => EcosystemIndex> {
  const out = new Map<Ecosystem, () => EcosystemIndex>();
  const text = (key: keyof ListTexts): string => read[key]() ?? '';
  if (present.includes('npm')) out.set('npm', () => new EcosystemIndex(parseNpmList(text('npm'))));
  if (present.includes('pypi')) out.set('pypi', () => new EcosystemIndex(parsePypiList(text('pypi'))));
  if (present.includes('nuget')) {
    out.set('nuget', () => {
      const prefixes = read.nugetPrefixes();
      return new EcosystemIndex(parseNugetList(text('nuget')), prefixes === undefined ? [] : parsePrefixes(prefixes));
    });
  }
  return out;
}

/**
 * An index whose ecosystems are read and built on first use: what the server and the CLI use,
 * since most projects touch one ecosystem. `present` says which lists exist, without reading them.
 */
export function createLazyNameIndex(read: ListReaders, present: (keyof ListTexts)[]): NameIndex {
  return new Index(builders(read, present), true);
}

export function createNameIndex(texts: ListTexts): NameIndex {
  const present = (['npm', 'pypi', 'nuget'] as const).filter((k) => texts[k] !== undefined);
  const index = new Index(builders({ npm: () => texts.npm, pypi: () => texts.pypi, nuget: () => texts.nuget, nugetPrefixes: () => texts.nugetPrefixes }, [...present]), false);
  // Built at once, nothing remembered: callers of this form (tests, the benchmark) want the cost and any error now.
  for (const ecosystem of index.ecosystems) index.entries(ecosystem);
  return index;
}
