/**
 * NuGet packages.lock.json → the locked tree.
 *
 * `{"version": 1, "dependencies": {"net8.0": {"Id": {"type": "Direct", "requested": "[1.0.0, )",
 * "resolved": "1.0.0", "contentHash": "…", "dependencies": {"Other": "2.0.0"}}}}}`, one section per
 * target framework (and `net8.0/win-x64` per runtime). Types: Direct, Transitive,
 * CentralTransitive, and Project (a project reference: its packages are still installed).
 * A package is `id/version`, so frameworks that agree share one node.
 */
import { addDirect, emptyGraph, unreadable, type LockedPackage, type LockGraph } from '../../tree/model';
import { asObject, asString, parseJsonLenient, stringEntries } from './untrusted';

export function readNugetLockTree(text: string, source: string): LockGraph | undefined {
  const parsed = parseJsonLenient(text);
  if (parsed === undefined) return unreadable(emptyGraph('nuget', source, 'NuGet lock file', 'dotnet restore --force-evaluate'), 'is not valid JSON');
  const lock = asObject(parsed);
  const frameworks = asObject(lock.dependencies);
  if (Object.keys(frameworks).length === 0) return undefined;
  const graph = emptyGraph('nuget', source, `NuGet lock file v${asString(lock.version) ?? '?'}`, 'dotnet restore --force-evaluate');

  for (const section of Object.values(frameworks)) {
    const entries = asObject(section);
    const idIn = (name: string): string | undefined => {
      const entry = entries[name] === undefined ? findCaseInsensitive(entries, name) : asObject(entries[name]);
      return entry ? nodeId(name, entry) : undefined;
    };
    for (const [name, value] of Object.entries(entries)) {
      const entry = asObject(value);
      const id = nodeId(name, entry);
      let pkg = graph.packages.get(id);
      if (!pkg) {
        pkg = packageOf(id, name, entry);
        graph.packages.set(id, pkg);
      }
      for (const [dependency] of stringEntries(entry.dependencies)) {
        const target = idIn(dependency);
        if (target !== undefined && target !== id && !pkg.dependencies.includes(target)) pkg.dependencies.push(target);
      }
      const type = asString(entry.type);
      if (type === 'Direct' || type === 'Project') addDirect(graph, '', name.toLowerCase(), id);
    }
  }
  if (!graph.importers.has('')) graph.importers.set('', { dependencies: new Map() });
  return graph;
}

function nodeId(name: string, entry: Record<string, unknown>): string {
  return asString(entry.type) === 'Project' ? `project:${name.toLowerCase()}` : `${name.toLowerCase()}/${asString(entry.resolved) ?? ''}`;
}

function findCaseInsensitive(entries: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const lower = name.toLowerCase();
  const key = Object.keys(entries).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : asObject(entries[key]);
}

function packageOf(id: string, name: string, entry: Record<string, unknown>): LockedPackage {
  const project = asString(entry.type) === 'Project';
  return {
    id,
    name,
    version: asString(entry.resolved) ?? '',
    integrity: asString(entry.contentHash),
    // A PackageReference restore runs no package scripts; build-time targets are another matter (not recorded).
    source: project ? 'workspace' : 'registry',
    dependencies: [],
  };
}
