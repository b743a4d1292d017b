/**
 * yarn.lock of yarn 2+ ("Berry", `__metadata:` first) → the locked tree. The file is YAML; it is
 * read with `@yarnpkg/parsers`' parseSyml, Yarn's own reader for it.
 *
 * Keys list descriptors (`"a@npm:^1.0.0, a@npm:^1.1.0":`), `resolution` names the exact package
 * (`a@npm:1.1.0`, `b@https://github.com/u/b.git#commit=…`, `app@workspace:.`), `checksum` is
 * the integrity, and each workspace is an entry of its own whose dependencies are its direct ones.
 */
import { parseSyml } from '@yarnpkg/parsers';
import { normalizeName } from '../../model/names';
import { addDirect, emptyGraph, unparsable, type LockedPackage, type LockedSource, type LockGraph } from '../../tree/model';
import { sourceOfResolved } from '../../tree/sources';
import { asObject, asString, splitDescriptor, stringEntries, type Obj } from './untrusted';

export function readYarnBerryTree(text: string, source: string): LockGraph {
  const graph = emptyGraph('npm', source, 'yarn lockfile (Berry)', 'yarn install');
  let parsed: Obj;
  try {
    parsed = asObject(parseSyml(text));
  } catch (err) {
    return unparsable(graph, err);
  }
  const metadataVersion = asString(asObject(parsed.__metadata).version);
  if (metadataVersion) graph.format = `yarn lockfile (Berry, v${metadataVersion})`;

  const idOfDescriptor = new Map<string, string>();
  const entries: Array<[string, Obj]> = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (key === '__metadata') continue;
    const entry = asObject(value);
    const resolution = asString(entry.resolution) ?? key.split(',')[0].trim();
    entries.push([resolution, entry]);
    if (!graph.packages.has(resolution)) graph.packages.set(resolution, packageOf(resolution, entry));
    const workspace = workspaceFolder(resolution);
    if (workspace !== undefined && !graph.importers.has(workspace)) graph.importers.set(workspace, { dependencies: new Map() });
    for (const descriptor of key.split(',')) idOfDescriptor.set(descriptor.trim(), resolution);
  }

  // A plain range is stored under the npm: protocol; a relative one (portal:, file:, link:) is bound
  // to the package that asked for it with `::locator=<its resolution, URI-encoded>`.
  const lookup = (name: string, range: string, from?: string): string | undefined =>
    idOfDescriptor.get(`${name}@${range}`) ??
    (/^[a-z]+:/i.test(range) ? undefined : idOfDescriptor.get(`${name}@npm:${range}`)) ??
    (from === undefined ? undefined : idOfDescriptor.get(`${name}@${range}::locator=${encodeURIComponent(from)}`));

  for (const [id, entry] of entries) {
    const pkg = graph.packages.get(id) as LockedPackage;
    const targets = new Set<string>(pkg.dependencies);
    for (const [name, range] of [...stringEntries(entry.dependencies), ...stringEntries(entry.optionalDependencies)]) {
      const target = lookup(name, range, id);
      if (target === undefined || target === id) continue;
      targets.add(target);
      const workspace = workspaceFolder(id);
      if (workspace !== undefined) addDirect(graph, workspace, normalizeName('npm', name), target);
    }
    pkg.dependencies = [...targets];
  }
  const rootWorkspace = [...graph.packages.keys()].find((id) => workspaceFolder(id) === '');
  graph.resolveSpec = (name, spec) => lookup(name, spec, rootWorkspace);
  return graph;
}

/** `app@workspace:.` → '', `lib@workspace:packages/lib` → `packages/lib`. */
function workspaceFolder(resolution: string): string | undefined {
  const { range } = splitDescriptor(resolution);
  if (!range.startsWith('workspace:')) return undefined;
  const folder = range.slice('workspace:'.length).replace(/^\.\/?/, '').replace(/\/$/, '');
  return folder;
}

function packageOf(resolution: string, entry: Obj): LockedPackage {
  const { name, range } = splitDescriptor(resolution);
  const location = range;
  return {
    id: resolution,
    name,
    version: asString(entry.version) ?? '',
    resolved: location.startsWith('npm:') ? undefined : location,
    integrity: asString(entry.checksum),
    // Berry records no install scripts. (The `node-gyp: npm:latest` it adds to some packages is no
    // tell: it is added when any script mentions node-gyp, test scripts included.) The registry has to say.
    source: sourceOfProtocol(location),
    optional: asString(entry.conditions) !== undefined || undefined,
    dependencies: [],
  };
}

/** The protocol of a resolution's locator: `npm:`, `workspace:`, `patch:<inner>`, a git URL… */
function sourceOfProtocol(location: string): LockedSource {
  if (location.startsWith('npm:')) return 'registry';
  if (location.startsWith('workspace:')) return 'workspace';
  if (location.startsWith('patch:')) {
    // `patch:a@npm%3A1.0.0#…`: a registry package with a patch applied by the project (or yarn itself).
    const inner = splitDescriptor(safeDecode(location.slice('patch:'.length).split('#')[0])).range;
    return inner ? sourceOfProtocol(inner) : 'registry';
  }
  if (/^(?:file|link|portal|exec):/.test(location)) return 'path';
  if (/\.git(?:#|$)|#commit=|^git[+@:]|^(?:github|gitlab|bitbucket):/i.test(location)) return 'git';
  return sourceOfResolved(location, 'npm');
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
