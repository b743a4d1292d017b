/**
 * pyproject.toml → Manifest: the standard tables (PEP 621, 518, 735), Poetry, uv, PDM and Hatch.
 * TOML is read by toml/locatedToml.ts, which keeps positions and recovers from broken lines; the
 * PEP 508 strings go through the requirements file reader, so they are read exactly alike.
 *
 * Most pyproject.toml files only configure tools (black, ruff, pytest): one scan of the text for
 * the words every dependency table has rules them out before anything is parsed.
 */
import type { Manifest } from '../../model/model';
import { parseLocatedToml } from '../toml/locatedToml';
import { readPoetry } from './poetry';
import { readStandardTables } from './standardTables';
import { readPdmSources, readUv } from './toolIndexes';

const DECLARES_DEPENDENCIES = /dependencies|requires|dependency-groups|tool\.(?:poetry|uv|pdm)|\[tool\.hatch/;

export function parsePyproject(text: string): Manifest {
  const manifest: Manifest = { kind: 'pyproject.toml', ecosystem: 'pypi', dependencies: [], scripts: [], sources: [], includes: [], problems: [] };
  const input = typeof text === 'string' ? text : '';
  if (!DECLARES_DEPENDENCIES.test(input)) return manifest;
  const { root, problems } = parseLocatedToml(input);
  manifest.problems.push(...problems);
  readStandardTables(root, manifest);
  readPoetry(root, manifest);
  readUv(root, manifest);
  readPdmSources(root, manifest);
  return manifest;
}
