/**
 * Spec semantics per ecosystem, and who owns their state.
 *
 * Describing a spec outside the common forms costs a grammar, tens of microseconds, and the
 * language server re-describes every spec of a file on each keystroke, so those descriptions are
 * remembered. That memory is state, and state is process-wide only through the factory: a
 * `SpecServices` is built by `createSpecServices()`, once per process by
 * analysis/services.ts (`getAnalysisServices().specs`), and handed down: the rules read it from
 * `RuleContext.specs` (filled from `AnalysisInput.specs`), the hover from its caller. Tests build
 * their own, so no test sees another's memory.
 *
 * Nothing in this folder keeps a cache at module level. `specsFor(ecosystem)` without services
 * answers the same meanings uncached, each computed afresh: that is what the cold call sites use
 * (registry resolution, remembered per package in registries/facts/resolve.ts; lockfile readers,
 * whose `==` pins take the plain path that is never remembered anyway; the tree's version sort).
 */
import { BoundedMemo } from '../model/memo';
import type { Ecosystem } from '../model/model';
import { createNpmSpecs, npmSpecs } from './npm';
import { nugetSpecs } from './nuget';
import { createPypiSpecs, pypiSpecs } from './pypi';
import type { SpecInfo, SpecSemantics, SpecServices } from './types';

/** Descriptions remembered per ecosystem: enough for the specs of a few large files. */
const REMEMBERED_DESCRIPTIONS = 5_000;

export function createSpecServices(): SpecServices {
  return {
    npm: createNpmSpecs(new BoundedMemo<SpecInfo>(REMEMBERED_DESCRIPTIONS)),
    pypi: createPypiSpecs(new BoundedMemo<SpecInfo>(REMEMBERED_DESCRIPTIONS)),
    nuget: nugetSpecs, // NuGet's ranges are parsed by hand and cheap: nothing to remember
  };
}

/** Stateless: the semantics that remember nothing. */
const UNCACHED: SpecServices = { npm: npmSpecs, pypi: pypiSpecs, nuget: nugetSpecs };

/** The semantics of `ecosystem`: those of `services` when the caller holds them, else uncached. */
export function specsFor(ecosystem: Ecosystem, services: SpecServices = UNCACHED): SpecSemantics {
  return services[ecosystem];
}
