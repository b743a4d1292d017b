/**
 * pip has no lockfile of its own; what plays that part is a file of exact `==` pins: the
 * pip-compile / `uv pip compile` output `X.txt` beside an `X.in`, and the `-c` constraint files
 * a requirements file names. Their pins are the versions the pin quick fix offers.
 */
import { dirname, join, resolve } from 'node:path';
import type { Manifest } from '../../model/model';
import { normalizeName } from '../../model/names';
import { includeTarget, isInside, probeFile } from '../includes';
import { parseRequirements } from '../requirements';
import { pypiSpecs } from '../../specs/pypi';

type ReadFile = (path: string) => string | undefined;

function exactPins(text: string, into: Map<string, string>): void {
  for (const dep of parseRequirements(text).dependencies) {
    if (dep.source !== 'registry') continue;
    const info = pypiSpecs.describe(dep);
    const key = normalizeName('pypi', dep.name);
    if (info.exact && info.exactVersion && !into.has(key)) into.set(key, info.exactVersion);
  }
}

export function requirementsPins(manifestPath: string, manifest: Manifest, readFile: ReadFile, root?: string): { source: string; versions: Map<string, string> } | undefined {
  const versions = new Map<string, string>();
  const sources: string[] = [];
  const compiled = /\.in$/i.test(manifestPath) ? join(dirname(manifestPath), manifestPath.replace(/^.*[\\/]/, '').replace(/\.in$/i, '.txt')) : undefined;
  const candidates = [
    ...(compiled ? [compiled] : []),
    ...manifest.includes.filter((i) => i.kind === 'constraint').map((i) => includeTarget(manifestPath, i)).filter((p): p is string => p !== undefined),
  ];
  for (const path of candidates) {
    if (resolve(path) === resolve(manifestPath) || (root && !isInside(root, path)) || probeFile(path) !== 'file') continue;
    const text = readFile(path);
    if (text === undefined) continue;
    const before = versions.size;
    exactPins(text, versions);
    if (versions.size > before) sources.push(path.replace(/^.*[\\/]/, ''));
  }
  return versions.size > 0 ? { source: sources.join(', '), versions } : undefined;
}
