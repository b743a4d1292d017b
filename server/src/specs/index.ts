import type { Dependency, Ecosystem } from '../core/model';
import { npmSpecs } from './npm';
import { nugetSpecs } from './nuget';
import { pypiSpecs } from './pypi';
import type { SpecInfo, SpecSemantics } from './types';

/**
 * What a registry spec means depends only on its text, and while the user types, every
 * keystroke re-analyses a file whose specs are all unchanged but one: remember the answers.
 * Bounded, so a hostile file of a million distinct specs cannot grow it without limit.
 */
const MAX_MEMO = 20_000;

function memoized(semantics: SpecSemantics): SpecSemantics {
  const memo = new Map<string, SpecInfo>();
  const describe = (dep: Dependency): SpecInfo => {
    if (dep.spec === undefined || (dep.source !== 'registry' && dep.source !== 'alias')) return semantics.describe(dep);
    const key = `${dep.source}\u0000${dep.spec}`;
    let info = memo.get(key);
    if (!info) {
      info = semantics.describe(dep);
      if (memo.size >= MAX_MEMO) memo.clear();
      memo.set(key, info);
    }
    return info;
  };
  return { ...semantics, describe };
}

const BY_ECOSYSTEM: Record<Ecosystem, SpecSemantics> = {
  npm: memoized(npmSpecs),
  pypi: memoized(pypiSpecs),
  nuget: memoized(nugetSpecs),
};

export function specsFor(ecosystem: Ecosystem): SpecSemantics {
  return BY_ECOSYSTEM[ecosystem];
}
