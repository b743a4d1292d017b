/** Walks the paths given to `scan` and lists the manifests in them. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { manifestKindOf } from '../manifests';
import { withIncludedFiles } from './includedManifests';

/** Folders that hold installed or generated code, not the project's own manifests. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'bin', 'obj', '.venv', 'venv', '.tox', '.nox', '__pycache__', 'site-packages', '.mypy_cache', '.pytest_cache', 'bower_components', 'jspm_packages', '.yarn', '.pnpm-store']);

function isVirtualenv(dir: string): boolean {
  try {
    return statSync(join(dir, 'pyvenv.cfg')).isFile();
  } catch {
    return false;
  }
}

export class UnreadablePathError extends Error {}

/** Manifests under `paths` (files are taken as they are), sorted for stable output. */
export function findManifests(paths: string[], maxFiles = 100_000): string[] {
  const found = new Set<string>();
  const visit = (dir: string, depth: number): void => {
    if (depth > 40 || found.size >= maxFiles) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // an unreadable subfolder is skipped, not fatal
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !isVirtualenv(full)) visit(full, depth + 1);
      } else if (entry.isFile() && manifestKindOf(full)) {
        found.add(full);
      }
    }
  };
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      throw new UnreadablePathError(`cannot read ${p}: no such file or folder`);
    }
    if (stat.isDirectory()) visit(p, 0);
    else found.add(p);
  }
  const folders = paths.filter((p) => statSync(p).isDirectory());
  return [...withIncludedFiles(found, folders, maxFiles)].sort();
}
