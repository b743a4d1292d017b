/**
 * Requirements files that are manifests only because another one names them: `-r`/`-c` targets
 * such as `tools/oldest_constraints.txt` that no file-name pattern finds. A folder scan adds them
 * (inside the scanned folders only), so a workspace scan checks what `pip install -r` reads.
 */
import { join, relative, resolve } from 'node:path';
import { readText } from './readText';
import { includeTarget, isInside, MAX_INCLUDE_BYTES, probeFile } from '../manifests/includes';
import { manifestKindOf } from '../manifests';
import { parseRequirements } from '../manifests/requirements';

/** `found` plus the include targets they lead to, transitively; each file read once. */
export function withIncludedFiles(found: Iterable<string>, folders: string[], maxFiles: number): Set<string> {
  const all = new Set(found);
  const roots = folders.map((f) => resolve(f));
  const queue = [...all].filter((p) => manifestKindOf(p) === 'requirements');
  const seen = new Set(queue.map((p) => resolve(p)));
  while (queue.length > 0 && all.size < maxFiles) {
    const from = queue.shift() as string;
    const text = readText(from, MAX_INCLUDE_BYTES);
    if (text === undefined) continue;
    for (const include of parseRequirements(text).includes) {
      const target = includeTarget(resolve(from), include);
      if (!target || seen.has(target) || !roots.some((r) => isInside(r, target)) || probeFile(target) !== 'file') continue;
      seen.add(target);
      // Added under the spelling of the folder it was found in, so output paths stay relative.
      const known = [...all].find((p) => resolve(p) === target);
      const folder = roots.findIndex((r) => isInside(r, target));
      const spelled = known ?? join(folders[folder], relative(roots[folder], target));
      all.add(spelled);
      queue.push(spelled);
    }
  }
  return all;
}
