/**
 * yarn.lock v1 (yarn classic) → the locked tree; the syntax is read by yarnClassicSyntax.ts.
 *
 * Entries are keyed by what was asked for: `"a@^1.0.0", a@^1.1.0:` is one package reached
 * through either descriptor, and an entry's `dependencies` name further descriptors. Nothing marks
 * the project's own dependencies, so a direct dependency is found from its `name@spec`.
 */
import { emptyGraph, unreadable, type LockedPackage, type LockGraph } from '../../tree/model';
import { sourceOfResolved } from '../../tree/sources';
import { asObject, asString, splitDescriptor, stringEntries, type Obj } from './untrusted';
import { parseYarnClassic } from './yarnClassicSyntax';

export function readYarnClassicTree(text: string, source: string): LockGraph {
  const graph = emptyGraph('npm', source, 'yarn lockfile v1', 'yarn install');
  const parsed = parseYarnClassic(text);
  if ('error' in parsed) return unreadable(graph, parsed.error);

  // The parser gives every descriptor of an entry the same object: that object is the package.
  const idOfEntry = new Map<Obj, string>();
  const idOfDescriptor = new Map<string, string>();
  for (const [descriptor, value] of Object.entries(asObject(parsed.object))) {
    if (typeof value !== 'object' || value === null) continue;
    const entry = value as Obj;
    let id = idOfEntry.get(entry);
    if (id === undefined) {
      id = descriptor;
      idOfEntry.set(entry, id);
      graph.packages.set(id, packageOf(id, descriptor, entry));
    }
    idOfDescriptor.set(descriptor, id);
  }
  for (const [entry, id] of idOfEntry) {
    const pkg = graph.packages.get(id) as LockedPackage;
    const targets = new Set<string>();
    for (const [name, range] of [...stringEntries(entry.dependencies), ...stringEntries(entry.optionalDependencies)]) {
      const target = idOfDescriptor.get(`${name}@${range}`);
      if (target !== undefined && target !== id) targets.add(target);
    }
    pkg.dependencies = [...targets];
  }
  graph.resolveSpec = (name, spec) => idOfDescriptor.get(`${name}@${spec}`);
  return graph;
}

function packageOf(id: string, descriptor: string, entry: Obj): LockedPackage {
  const { name, range } = splitDescriptor(descriptor);
  const resolved = asString(entry.resolved);
  return {
    id,
    name: realName(name, range),
    version: asString(entry.version) ?? '',
    resolved,
    integrity: asString(entry.integrity),
    // yarn v1 records no install scripts: the registry has to say.
    source: sourceOfResolved(resolved ?? (isRegistryRange(range) ? undefined : range), 'npm'),
    dependencies: [],
  };
}

/** `alias@npm:real@^1` installs `real`. */
function realName(name: string, range: string): string {
  return range.startsWith('npm:') ? splitDescriptor(range.slice(4)).name || name : name;
}

function isRegistryRange(range: string): boolean {
  return !/^(?:[a-z+]+:|\.{0,2}\/|[\w.-]+\/[\w.-]+(?:#.*)?$)/i.test(range) || range.startsWith('npm:');
}
