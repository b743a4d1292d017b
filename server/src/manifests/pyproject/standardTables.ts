/**
 * The tables of pyproject.toml whose entries are PEP 508 strings: `[project] dependencies` and
 * `optional-dependencies` (PEP 621), `[build-system] requires` (PEP 518: build dependencies run
 * code at install time, so they are checked like runtime ones), `[dependency-groups]` (PEP 735,
 * with `{include-group = "…"}`), the legacy `[tool.uv] dev-dependencies` and
 * `[tool.pdm.dev-dependencies]`, and Hatch
 * environments' `dependencies` / `extra-dependencies` lists.
 */
import type { Manifest } from '../../model/model';
import { itemsOf, stringAt, tableAt, type TomlNode, type TomlTable } from '../toml/locatedToml';
import { readPep508String } from '../toml/pep508String';

export function readStandardTables(root: TomlTable, out: Manifest): void {
  const project = tableAt(root, 'project');
  const name = stringAt(project, 'name');
  if (name) out.packageName = name.value;
  // PEP 621: a name and a version (or a version the build backend fills in) is what gets
  // published; an application that is never built into a wheel has no reason to say either.
  const dynamic = itemsOf(project?.entries.get('dynamic')?.node).some((n) => n.kind === 'string' && n.value === 'version');
  if (name && (stringAt(project, 'version') || dynamic)) out.library = true;
  readList(project?.entries.get('dependencies')?.node, 'project.dependencies', out);
  for (const [extra, entry] of tableAt(project, 'optional-dependencies')?.entries ?? []) {
    readList(entry.node, `project.optional-dependencies.${extra}`, out);
  }
  readList(tableAt(root, 'build-system')?.entries.get('requires')?.node, 'build-system.requires', out);
  readDependencyGroups(tableAt(root, 'dependency-groups'), out);
  readList(tableAt(root, 'tool', 'uv')?.entries.get('dev-dependencies')?.node, 'tool.uv.dev-dependencies', out);
  for (const [group, entry] of tableAt(root, 'tool', 'pdm', 'dev-dependencies')?.entries ?? []) {
    readList(entry.node, `tool.pdm.dev-dependencies.${group}`, out);
  }
  for (const [env, entry] of tableAt(root, 'tool', 'hatch', 'envs')?.entries ?? []) {
    for (const key of ['dependencies', 'extra-dependencies']) readList(tableAt(entry.node)?.entries.get(key)?.node, `tool.hatch.envs.${env}.${key}`, out);
  }
}

/** A list of PEP 508 strings; anything else in it is reported where it stands. */
function readList(node: TomlNode | undefined, section: string, out: Manifest): void {
  if (!node) return;
  if (node.kind !== 'array') {
    out.problems.push({ message: `${section} must be a list of requirement strings.`, span: node.span });
    return;
  }
  for (const item of node.items) {
    if (item.kind === 'string') {
      const dep = readPep508String(item, section, out);
      if (dep) out.dependencies.push(dep);
    } else {
      out.problems.push({ message: `Each entry of ${section} must be a requirement string such as "requests>=2.31".`, span: item.span });
    }
  }
}

/**
 * PEP 735: each group is a list of requirement strings and `{include-group = "other"}` tables.
 * An include of a group that does not exist, or one that leads back to the including group, is an
 * error every installer stops on.
 */
function readDependencyGroups(groups: TomlTable | undefined, out: Manifest): void {
  if (!groups) return;
  const normal = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');
  const byName = new Map([...groups.entries.keys()].map((k) => [normal(k), k]));
  const includes = new Map<string, string[]>();
  for (const [group, entry] of groups.entries) {
    if (entry.node.kind !== 'array') {
      out.problems.push({ message: `Dependency group ${group} must be a list.`, span: entry.node.span });
      continue;
    }
    const targets: string[] = [];
    for (const item of entry.node.items) {
      if (item.kind === 'string') {
        const dep = readPep508String(item, `dependency-groups.${group}`, out);
        if (dep) out.dependencies.push(dep);
        continue;
      }
      const include = item.kind === 'table' ? stringAt(item, 'include-group') : undefined;
      if (!include) {
        out.problems.push({ message: `Entries of a dependency group are requirement strings or {include-group = "NAME"} tables.`, span: item.span });
        continue;
      }
      const target = byName.get(normal(include.value));
      if (!target) out.problems.push({ message: `There is no dependency group named ${include.value} to include.`, span: include.span });
      else targets.push(target);
    }
    includes.set(group, targets);
  }
  for (const [group, entry] of groups.entries) {
    const cycle = cycleFrom(group, includes);
    if (cycle && entry.node.kind === 'array') {
      const span = itemsOf(entry.node).find((n) => n.kind === 'table' && stringAt(n, 'include-group') !== undefined)?.span ?? entry.keySpan;
      out.problems.push({ message: `Dependency group ${group} includes itself through ${cycle.join(' → ')}: installers refuse a cycle of include-group.`, span });
    }
  }
}

/** The include chain from `start` back to it, or undefined (each group's walk is bounded by the group count). */
function cycleFrom(start: string, includes: Map<string, string[]>): string[] | undefined {
  const parent = new Map<string, string>();
  const queue = [start];
  const seen = new Set<string>([start]);
  while (queue.length > 0) {
    const group = queue.shift() as string;
    for (const next of includes.get(group) ?? []) {
      if (next === start) {
        const chain = [group];
        for (let g = group; parent.has(g); ) chain.unshift((g = parent.get(g) as string));
        return [...chain, start];
      }
      if (seen.has(next)) continue;
      seen.add(next);
      parent.set(next, group);
      queue.push(next);
    }
  }
  return undefined;
}
