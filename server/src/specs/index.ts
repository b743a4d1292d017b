import { BoundedMemo } from '../core/memo';
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
  // One memo per source, keyed by the spec itself: no composite key to build and hash per lookup.
  const memos = { registry: new BoundedMemo<SpecInfo>(MAX_MEMO), alias: new BoundedMemo<SpecInfo>(MAX_MEMO) };
  const describe = (dep: Dependency): SpecInfo => {
    if (dep.spec === undefined || (dep.source !== 'registry' && dep.source !== 'alias')) return semantics.describe(dep);
    // Described from the memo's own copy of the spec, so nothing remembered refers to the document.
    return memos[dep.source].get(dep.spec, (spec) => semantics.describe({ ...dep, spec }));
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
