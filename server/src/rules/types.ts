/**
 * What a rule sees and returns. Rules are pure functions of the parsed manifest and facts the
 * adapters gathered beforehand (lockfile versions, later registry answers): no rule does I/O.
 */
import type { Dependency, Finding, LockedVersions, Manifest } from '../model/model';
import type { ProjectContext } from '../model/project';
import type { Settings } from '../model/settings';
import type { RuleId } from '../model/ruleIds';
import type { NameIndex } from '../typosquat/types';
import type { LockTree } from '../tree/model';
import type { RegistryView } from '../registries/types';
import type { SpecServices } from '../specs/types';

export interface RuleContext {
  manifest: Manifest;
  text: string;
  settings: Settings;
  locked?: LockedVersions;
  /** Popular package names of each ecosystem, for look-alike detection (absent: the rule is skipped). */
  names?: NameIndex;
  /** The whole locked tree from the lockfile that installs this manifest (absent: no lockfile found). */
  tree?: LockTree;
  /** Registry facts gathered beforehand by the adapter (absent: offline, untrusted, or not yet). */
  registry?: RegistryView;
  /** What the adapter read around the manifest (catalogs, MSBuild properties, platform…); absent: unknown. */
  project?: ProjectContext;
  /** The process's spec semantics and their memory (analysis/services.ts); absent: described uncached. */
  specs?: SpecServices;
}

/** A finding before settings are applied: its severity is filled from the rule's default. */
export type RawFinding = Omit<Finding, 'severity' | 'rule'> & { severity?: Finding['severity'] };

export interface Rule {
  id: RuleId;
  check(ctx: RuleContext): RawFinding[];
  /**
   * For a rule whose findings on one dependency depend on that dependency and the context only:
   * `check` over some of the manifest's dependencies. Findings over consecutive slices, put end to
   * end, are those of `check`, so a large manifest can be checked a slice at a time
   * (analysis/checkInSlices.ts). `ctx.manifest` stays the whole manifest.
   */
  checkDependencies?(ctx: RuleContext, dependencies: readonly Dependency[]): RawFinding[];
}
