/**
 * The lockfile rules: the whole locked tree checked offline, each finding on the direct dependency
 * that brings the package in, under the same rule id as for a direct dependency.
 */
import { lockfileMismatch } from './lockfileMismatch';
import { installScriptLocked } from './installScriptLocked';
import { insecureSourceLocked } from './insecureSourceLocked';
import { missingIntegrity } from './missingIntegrity';
import { nonRegistrySourceLocked } from './nonRegistrySourceLocked';
import { typosquatLocked } from './typosquatLocked';
import type { Rule } from './types';

export const LOCKFILE_RULES: readonly Rule[] = [lockfileMismatch, installScriptLocked, insecureSourceLocked, missingIntegrity, nonRegistrySourceLocked, typosquatLocked];
