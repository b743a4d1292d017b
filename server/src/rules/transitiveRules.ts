/**
 * The lockfile rules: the whole locked tree checked offline, each finding on the direct dependency
 * that brings the package in, under the same rule id as for a direct dependency.
 */
import { lockfileMismatch } from './lockfileMismatch';
import { transitiveInstallScript } from './transitiveInstallScript';
import { transitiveInsecureSource } from './transitiveInsecureSource';
import { transitiveIntegrity } from './transitiveIntegrity';
import { transitiveNonRegistrySource } from './transitiveNonRegistrySource';
import { transitiveTyposquat } from './transitiveTyposquat';
import type { Rule } from './types';

export const LOCKFILE_RULES: readonly Rule[] = [lockfileMismatch, transitiveInstallScript, transitiveInsecureSource, transitiveIntegrity, transitiveNonRegistrySource, transitiveTyposquat];
