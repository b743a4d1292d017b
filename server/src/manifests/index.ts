import type { Manifest, ManifestKind } from '../model/model';
import type { Steps } from '../model/steps';
import { parseMsbuild } from './msbuild';
import { parsePackageJson, parsePackageJsonInSteps } from './packageJson';
import { parsePipfile } from './pipfile';
import { parsePnpmWorkspace } from './pnpmWorkspace';
import { parsePyproject } from './pyproject';
import { parseRequirements, parseRequirementsInSteps } from './requirements';

export { manifestKindOf } from './detect';

export function parseManifest(kind: ManifestKind, text: string): Manifest {
  switch (kind) {
    case 'package.json':
      return parsePackageJson(text);
    case 'requirements':
      return parseRequirements(text);
    case 'msbuild':
      return parseMsbuild(text);
    case 'pyproject.toml':
      return parsePyproject(text);
    case 'Pipfile':
      return parsePipfile(text);
    case 'pnpm-workspace.yaml':
      return parsePnpmWorkspace(text);
  }
}

/**
 * `parseManifest` a step at a time (see parseRequirementsInSteps): requirements files pause every
 * `linesPerStep` logical lines, package.json files about every `linesPerStep` dependency entries;
 * the other kinds are parsed in one step.
 */
export function* parseManifestInSteps(kind: ManifestKind, text: string, linesPerStep: number): Steps<Manifest> {
  if (kind === 'requirements') return yield* parseRequirementsInSteps(text, linesPerStep);
  if (kind === 'package.json') return yield* parsePackageJsonInSteps(text, linesPerStep);
  return parseManifest(kind, text);
}
