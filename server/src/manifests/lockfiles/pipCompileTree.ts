/**
 * A requirements file compiled by pip-tools (`pip-compile`) or `uv pip compile` → the locked tree.
 *
 * The requirements themselves are read by the manifest parser (exact pins, hashes, URLs). The tree
 * is in the annotations the compilers write after each requirement, naming who asked for it:
 *
 *     requests==2.31.0                  urllib3==2.2.1
 *         # via                             # via requests
 *         #   -r requirements.in        certifi==2024.2.2  # via requests, httpx   (annotation-style=line)
 *         #   httpx
 *
 * `-r file` / `-c file` and `project (pyproject.toml)` mean the project itself asked: a direct
 * dependency. Any other entry is the parent package, so `urllib3 # via requests` is an edge
 * requests → urllib3.
 */
import type { Dependency } from '../../model/model';
import { normalizeName } from '../../model/names';
import { specsFor } from '../../specs';
import { addDirect, emptyGraph, type LockedPackage, type LockGraph } from '../../tree/model';
import { parseRequirements } from '../requirements';

/** Whether a requirements text carries compiler annotations (so it can be read as a tree). */
export function hasViaAnnotations(text: string): boolean {
  return /^[ \t]*#[ \t]*via\b|[ \t]#[ \t]*via[ \t]/m.test(text);
}

export function readPipCompileTree(text: string, source: string): LockGraph | undefined {
  const manifest = parseRequirements(text);
  const requirements = manifest.dependencies.filter((d) => d.section === 'requirement');
  if (requirements.length === 0) return undefined;
  const graph = emptyGraph('pypi', source, 'pip-compile output', 'pip-compile (or uv pip compile)');

  const idsByName = new Map<string, string[]>();
  for (const [index, dep] of requirements.entries()) {
    const pkg = packageOf(dep, index);
    graph.packages.set(pkg.id, pkg);
    const name = normalizeName('pypi', dep.name);
    idsByName.set(name, [...(idsByName.get(name) ?? []), pkg.id]);
    // Every package is installed from this file, so each is reachable by name as a "direct" one.
    addDirect(graph, '', name, pkg.id);
  }

  const parents = annotationsByRequirement(text, requirements);
  requirements.forEach((dep, index) => {
    const childId = idOf(dep, index);
    for (const parent of parents[index] ?? []) {
      if (isProjectItself(parent)) continue;
      for (const parentId of idsByName.get(normalizeName('pypi', parent.replace(/\[.*$/, ''))) ?? []) {
        const node = graph.packages.get(parentId) as LockedPackage;
        if (parentId !== childId && !node.dependencies.includes(childId)) node.dependencies.push(childId);
      }
    }
  });
  return graph;
}

function idOf(dep: Dependency, index: number): string {
  return `${normalizeName('pypi', dep.name)}#${index}`;
}

function packageOf(dep: Dependency, index: number): LockedPackage {
  const info = specsFor('pypi').describe(dep);
  const source = dep.source === 'registry' ? 'registry' : dep.source === 'git' ? 'git' : dep.source === 'url' ? 'url' : 'path';
  return {
    id: idOf(dep, index),
    name: dep.name,
    version: info.exactVersion ?? '',
    resolved: dep.location,
    integrity: dep.hashes && dep.hashes.length > 0 ? dep.hashes.join(' ') : undefined,
    source,
    dependencies: [],
  };
}

/** `-r requirements.in`, `-c constraints.txt`, `myproject (pyproject.toml)`, `myproject (setup.py)`. */
function isProjectItself(entry: string): boolean {
  return /^-[rc]\b|^--(?:requirement|constraint)\b/.test(entry) || /\((?:pyproject\.toml|setup\.py|setup\.cfg|[^)]*\.(?:in|txt|toml))\)\s*$/.test(entry);
}

/**
 * For each requirement (by index), the entries of its `# via` annotation: on its own line, in the
 * comment lines that follow it, or as a one-line list. A comment belongs to the last requirement
 * that starts before it.
 */
function annotationsByRequirement(text: string, requirements: Dependency[]): string[][] {
  const out: string[][] = requirements.map(() => []);
  let next = 0; // the first requirement starting after the current line
  let inBlock = false;
  let offset = 0;
  for (const line of text.split('\n')) {
    offset += line.length + 1;
    while (next < requirements.length && requirements[next].nameSpan.start < offset) next++;
    const owner = next - 1;
    const comment = commentOf(line);
    if (comment === undefined) {
      if (line.trim() !== '' && !/^\s*--hash/.test(line)) inBlock = false;
      continue;
    }
    if (owner < 0) continue; // the header, before any requirement
    const via = /^via\b(.*)$/.exec(comment);
    if (via) {
      const rest = via[1].trim();
      inBlock = rest === '';
      if (!inBlock) out[owner].push(...splitList(rest));
    } else if (inBlock && /^\s*#\s{2,}\S/.test(line)) {
      out[owner].push(comment);
    } else {
      inBlock = false;
    }
  }
  return out;
}

/** The text of a pip comment on this line (`#` at the start or after whitespace), trimmed. */
function commentOf(line: string): string | undefined {
  const m = /(?:^|\s)#(.*)$/.exec(line);
  return m ? m[1].trim() : undefined;
}

/** `a, b (pyproject.toml), -r x.in` → entries; commas inside parentheses stay. */
function splitList(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(list.slice(start).trim());
  return out.filter((e) => e !== '');
}
