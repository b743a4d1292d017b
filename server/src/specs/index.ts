import type { Ecosystem } from '../model/model';
import { npmSpecs } from './npm';
import { nugetSpecs } from './nuget';
import { pypiSpecs } from './pypi';
import type { SpecSemantics } from './types';

const BY_ECOSYSTEM: Record<Ecosystem, SpecSemantics> = {
  npm: npmSpecs,
  pypi: pypiSpecs,
  nuget: nugetSpecs,
};

export function specsFor(ecosystem: Ecosystem): SpecSemantics {
  return BY_ECOSYSTEM[ecosystem];
}
