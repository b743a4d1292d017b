/**
 * Whether a requirements file is some other requirements file's `-c` target, for a file opened on
 * its own in the editor: the CLI and the workspace scan know it from the file that includes it,
 * but `tools/oldest_pins.txt` opened alone has only its name, which says nothing. The files that
 * can include it are looked for where projects keep them: its own folder and a few above (inside
 * the workspace folder), requirements files by name only.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { includeTarget, isInside } from '../manifests/includes';
import { manifestKindOf } from '../manifests';
import { parseRequirements } from '../manifests/requirements';

/** `requirements/tests.txt` includes `-c ../constraints/pins.txt`: two levels up covers the layouts seen. */
const LEVELS_UP = 2;
/** A folder of hundreds of requirements files is not searched whole on every keystroke. */
const MAX_FILES_PER_FOLDER = 50;

export function reachedAsConstraints(path: string, read: (path: string) => string | undefined, root: string | undefined): boolean {
  let dir = dirname(path);
  for (let level = 0; level <= LEVELS_UP; level++) {
    if (root && !isInside(root, dir)) return false;
    for (const candidate of requirementsFilesIn(dir)) {
      if (candidate === path) continue;
      const text = read(candidate);
      // Most requirements files have no `-c` line: those are not parsed at all.
      if (text === undefined || !/-c|--constraint/.test(text)) continue;
      if (parseRequirements(text).includes.some((inc) => inc.kind === 'constraint' && includeTarget(candidate, inc) === path)) return true;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return false;
}

function requirementsFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => manifestKindOf(name) === 'requirements')
      .slice(0, MAX_FILES_PER_FOLDER)
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}
