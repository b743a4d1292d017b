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
import type { ProjectFileMemo } from '../manifests/projectContext';
import { parseRequirements } from '../manifests/requirements';

/** `requirements/tests.txt` includes `-c ../constraints/pins.txt`: two levels up covers the layouts seen. */
const LEVELS_UP = 2;
/** A folder of hundreds of requirements files is not searched whole on every keystroke. */
const MAX_FILES_PER_FOLDER = 50;

/**
 * `parsed`: the adapter's memo of files around a manifest. This runs on every re-parse of an open
 * requirements file, so a neighbour's `-c` targets are read from its text once, not per keystroke.
 */
export function reachedAsConstraints(path: string, read: (path: string) => string | undefined, root: string | undefined, parsed?: ProjectFileMemo): boolean {
  let dir = dirname(path);
  for (let level = 0; level <= LEVELS_UP; level++) {
    if (root && !isInside(root, dir)) return false;
    for (const candidate of requirementsFilesIn(dir)) {
      if (candidate === path) continue;
      const text = read(candidate);
      // Most requirements files have no `-c` line: those are not parsed at all.
      if (text === undefined || !/-c|--constraint/.test(text)) continue;
      const targets = () => constraintTargets(candidate, text);
      if ((parsed ? parsed.get(`constraints\0${candidate}\0${text}`, targets) : targets()).includes(path)) return true;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return false;
}

/** The files `candidate` names with `-c` (absolute paths). */
function constraintTargets(candidate: string, text: string): string[] {
  return parseRequirements(text)
    .includes.filter((inc) => inc.kind === 'constraint')
    .map((inc) => includeTarget(candidate, inc))
    .filter((target): target is string => target !== undefined);
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
