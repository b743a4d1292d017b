/** The `NameIndex` over the three ecosystems: one `EcosystemIndex` each, built from list texts. */
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

class Index implements NameIndex {
  readonly ecosystems: readonly Ecosystem[];

  constructor(private readonly byEcosystem: ReadonlyMap<Ecosystem, EcosystemIndex>) {
    this.ecosystems = [...byEcosystem.keys()];
  }

  check(ecosystem: Ecosystem, name: string): NameCheck {
    const index = this.byEcosystem.get(ecosystem);
    if (index) return index.check(name);
    const trimmed = name.trim();
    return { name: trimmed, nonAscii: nonAsciiChars(trimmed) };
  }

  lookup(ecosystem: Ecosystem, name: string): PopularPackage | undefined {
    return this.byEcosystem.get(ecosystem)?.lookup(name);
  }

  entries(ecosystem: Ecosystem): readonly PopularPackage[] {
    return this.byEcosystem.get(ecosystem)?.entries ?? [];
  }
}

export function createNameIndex(texts: ListTexts): NameIndex {
  const byEcosystem = new Map<Ecosystem, EcosystemIndex>();
  if (texts.npm !== undefined) byEcosystem.set('npm', new EcosystemIndex(parseNpmList(texts.npm)));
  if (texts.pypi !== undefined) byEcosystem.set('pypi', new EcosystemIndex(parsePypiList(texts.pypi)));
  if (texts.nuget !== undefined) {
    const prefixes = texts.nugetPrefixes === undefined ? [] : parsePrefixes(texts.nugetPrefixes);
    byEcosystem.set('nuget', new EcosystemIndex(parseNugetList(texts.nuget), prefixes));
  }
  return new Index(byEcosystem);
}
