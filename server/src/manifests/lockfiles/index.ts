/**
 * Finds the lockfile beside a manifest and answers "which exact version is installed?".
 * File access is injected (`readFile`), so the CLI, the server and tests share this code.
 */
import type { Dependency, Manifest, ManifestKind } from '../../model/model';
import { normalizeName } from '../../model/names';
import type { LockedVersions } from '../../model/model';
import { readNpmLockTopLevel } from './npm';
import { readNugetPackagesLock, readProjectAssets } from './nuget';
import { requirementsPins } from './requirementsPins';

export type ReadFile = (path: string) => string | undefined;

function dirOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i === -1 ? '.' : path.slice(0, i);
}

function fromMap(source: string, versions: Map<string, string>): LockedVersions | undefined {
  if (versions.size === 0) return undefined;
  return { source, versionOf: (dep: Dependency) => versions.get(normalizeName(dep.ecosystem, dep.name)) };
}

/** The lockfiles that may sit beside a manifest of this kind, most authoritative first. */
export function lockfileCandidates(manifestPath: string, kind: ManifestKind): string[] {
  const dir = dirOf(manifestPath);
  switch (kind) {
    case 'package.json':
      return [`${dir}/npm-shrinkwrap.json`, `${dir}/package-lock.json`];
    case 'msbuild':
      return [`${dir}/packages.lock.json`, `${dir}/obj/project.assets.json`];
    case 'requirements':
    case 'pyproject.toml':
    case 'Pipfile':
    case 'pnpm-workspace.yaml':
      // Their lockfiles are read as whole trees (lockTree.ts), which also answer the versions.
      return [];
  }
}

/** `root`: constraint files outside it (a `-c` pointing anywhere on disk) are not read. */
export function readLockedVersions(manifestPath: string, kind: ManifestKind, readFile: ReadFile, manifest?: Manifest, root?: string): LockedVersions | undefined {
  if (kind === 'requirements') {
    const pins = manifest ? requirementsPins(manifestPath, manifest, readFile, root) : undefined;
    return pins ? fromMap(pins.source, pins.versions) : undefined;
  }
  for (const candidate of lockfileCandidates(manifestPath, kind)) {
    const text = readFile(candidate);
    if (text === undefined) continue;
    const name = candidate.slice(candidate.lastIndexOf('/') + 1);
    const map = name === 'project.assets.json' ? readProjectAssets(text) : name === 'packages.lock.json' ? readNugetPackagesLock(text) : readNpmLockTopLevel(text);
    const locked = fromMap(name === 'project.assets.json' ? 'obj/project.assets.json' : name, map);
    if (locked) return locked;
  }
  return undefined;
}
