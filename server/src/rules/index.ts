/**
 * The rule lists, in the order their findings are listed. One file per rule id; a rule's twin for
 * the locked tree sits beside it as `<rule>Locked.ts` and reports under the same id.
 */
import { dependencyConfusion } from './dependencyConfusion';
import { dependencyConfusionIndexes } from './dependencyConfusionIndexes';
import { dependencyConfusionUnpinned } from './dependencyConfusionUnpinned';
import { deprecated } from './deprecated';
import { insecureSource } from './insecureSource';
import { installScript } from './installScript';
import { malicious } from './malicious';
import { newRelease } from './newRelease';
import { nonRegistrySource } from './nonRegistrySource';
import { parseError } from './parseError';
import { vulnerableLocked } from './vulnerableLocked';
import { maliciousLocked } from './maliciousLocked';
import { deprecatedLocked } from './deprecatedLocked';
import { newReleaseLocked } from './newReleaseLocked';
import { suspiciousRelease } from './suspiciousRelease';
import { suspiciousReleaseLocked } from './suspiciousReleaseLocked';
import { installScriptLockedRegistry } from './installScriptLockedRegistry';
import { LOCKFILE_RULES } from './lockfileRules';
import { yankedLocked } from './yankedLocked';
import type { Rule } from './types';
import { typosquat } from './typosquat';
import { unknownPackage } from './unknownPackage';
import { unpinnedVersion } from './unpinnedVersion';
import { vulnerable } from './vulnerable';
import { yanked } from './yanked';

export const OFFLINE_RULES: readonly Rule[] = [parseError, typosquat, installScript, insecureSource, dependencyConfusion, nonRegistrySource, unpinnedVersion, ...LOCKFILE_RULES];

/**
 * Rules that need registry facts (RuleContext.registry); they report nothing without them. The
 * registry half of `install-script` lives in the offline rule of the same id; that of
 * `dependency-confusion` (which of pip's indexes serve each requirement) in
 * dependencyConfusionIndexes.ts, and (private packages not tied to their index) in
 * dependencyConfusionUnpinned.ts. The locked tree's twins read the registry pass's advisories and
 * package documents for every locked version (lockedRegistryFacts.ts). `publisher-change` is
 * folded into `suspicious-release` (its id is an alias: see model/ruleIds.ts).
 */
export const ONLINE_RULES: readonly Rule[] = [malicious, maliciousLocked, vulnerable, vulnerableLocked, dependencyConfusionIndexes, dependencyConfusionUnpinned, unknownPackage, deprecated, deprecatedLocked, yanked, yankedLocked, installScriptLockedRegistry, newRelease, newReleaseLocked, suspiciousRelease, suspiciousReleaseLocked];
