/** The rule lists, in the order their findings are listed. */
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
import { publisherChange } from './publisherChange';
import { transitiveMalicious, transitiveVulnerable } from './transitiveAdvisories';
import { transitiveDeprecated, transitiveNewRelease, transitivePublisherChange } from './transitiveRegistry';
import { transitiveRegistryInstallScript } from './transitiveRegistryInstallScript';
import { LOCKFILE_RULES } from './transitiveRules';
import { transitiveYanked } from './transitiveYanked';
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
 * dependencyConfusionUnpinned.ts. The lockfile tree's advisories (transitiveAdvisories.ts) and
 * package documents (transitiveRegistry.ts, transitiveYanked.ts, transitiveRegistryInstallScript.ts)
 * report under the same ids as the direct rules.
 */
export const ONLINE_RULES: readonly Rule[] = [malicious, transitiveMalicious, vulnerable, transitiveVulnerable, dependencyConfusionIndexes, dependencyConfusionUnpinned, unknownPackage, deprecated, transitiveDeprecated, yanked, transitiveYanked, transitiveRegistryInstallScript, newRelease, transitiveNewRelease, publisherChange, transitivePublisherChange];
