/** Every offline rule, in the order their findings are listed. Registry rules live in registries/. */
import { dependencyConfusion } from './dependencyConfusion';
import { insecureSource } from './insecureSource';
import { installScript } from './installScript';
import { nonRegistrySource } from './nonRegistrySource';
import { parseError } from './parseError';
import type { Rule } from './types';
import { unpinnedVersion } from './unpinnedVersion';

export const OFFLINE_RULES: readonly Rule[] = [parseError, installScript, insecureSource, dependencyConfusion, nonRegistrySource, unpinnedVersion];
