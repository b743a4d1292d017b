/**
 * The lockfile rules: the whole locked tree checked offline, each finding on the direct dependency
 * that brings the package in, under the same rule id as for a direct dependency.
 */
import { lockfileMismatch } from './lockfileMismatch';
import { transitiveInstallScript } from './installScriptLocked';
import { transitiveInsecureSource } from './insecureSourceLocked';
import { transitiveIntegrity } from './missingIntegrity';
import { transitiveNonRegistrySource } from './nonRegistrySourceLocked';
import { transitiveTyposquat } from './typosquatLocked';
import type { Rule } from './types';

export const LOCKFILE_RULES: readonly Rule[] = [lockfileMismatch, transitiveInstallScript, transitiveInsecureSource, transitiveIntegrity, transitiveNonRegistrySource, transitiveTyposquat];
