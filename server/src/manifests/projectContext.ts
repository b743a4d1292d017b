/**
 * Reads what surrounds a manifest into a `ProjectContext`: pnpm-workspace.yaml (catalogs,
 * overrides) above a package.json, Directory.Build.props / Directory.Packages.props above an
 * MSBuild file, whether a requirements file is a constraints file, and the platform. File access
 * is injected (`readFile`), so the CLI, the server and tests share this code.
 */
import { parseSyml } from '@yarnpkg/parsers';
import { basename, dirname, join, relative } from 'node:path';
import type { ManifestKind } from '../model/model';
import type { NamedValues, ProjectContext } from '../model/project';
import { isInside } from './includes';
import { parseMsbuild } from './msbuild';
import { overridesEverywhere } from '../model/overrides';
import { parsePackageJson } from './packageJson';
import { asObject, asString } from './lockfiles/untrusted';

export type ReadFile = (path: string) => string | undefined;

/** How many folders up pnpm-workspace.yaml and props files are looked for (monorepos nest a few deep). */
const MAX_UP = 8;

const PROPS_FILES = ['Directory.Packages.props', 'Directory.Build.props'];

export interface ProjectContextOptions {
  /** Files above this folder are not read (the workspace folder); default: up to MAX_UP levels. */
  root?: string;
  /** The operating system to judge platform-only packages for; default: this process's. */
  platform?: string;
  /** The file was reached as a `-c` target (the CLI knows; a folder scan sees only the name). */
  constraintsFile?: boolean;
  /** Parses of the files around, kept by the caller across analyses (none: each is parsed afresh). */
  parsed?: ProjectFileMemo;
}

export function readProjectContext(manifestPath: string, kind: ManifestKind, readFile: ReadFile, options: ProjectContextOptions = {}): ProjectContext {
  const project: ProjectContext = { platform: options.platform ?? process.platform };
  if (kind === 'requirements') {
    if (options.constraintsFile || /constraints[^/\\]*\.txt$/i.test(basename(manifestPath))) project.constraintsFile = true;
  } else if (kind === 'package.json') {
    const found = firstAbove(manifestPath, ['pnpm-workspace.yaml'], readFile, options.root)[0];
    if (found) Object.assign(project, readPnpmWorkspace(found.text, relativeName(manifestPath, found.path), options.parsed));
    const rootOverrides = workspaceRootOverrides(manifestPath, readFile, options.root, options.parsed);
    if (rootOverrides) {
      const merged = new Map([...rootOverrides.values, ...(project.workspaceOverrides?.values ?? [])]);
      project.workspaceOverrides = { source: [rootOverrides.source, project.workspaceOverrides?.source].filter(Boolean).join(', '), values: merged };
    }
  } else if (kind === 'msbuild') {
    project.msbuildProperties = readPropsAbove(manifestPath, readFile, options.root, options.parsed);
  }
  return project;
}

/** Files of these names in the manifest's folder and above, nearest first (the manifest itself excluded). */
function firstAbove(manifestPath: string, names: string[], readFile: ReadFile, root: string | undefined): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  let dir = dirname(manifestPath);
  for (let level = 0; level < MAX_UP; level++) {
    if (root && !isInside(root, dir)) break;
    for (const name of names) {
      const path = join(dir, name);
      if (path === manifestPath) continue;
      const text = readFile(path);
      if (text !== undefined) out.push({ path, text });
    }
    if (out.length > 0 && names.length === 1) break;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return out;
}

function relativeName(manifestPath: string, path: string): string {
  return relative(dirname(manifestPath), path).replace(/\\/g, '/') || basename(path);
}

/**
 * The language server asks on every keystroke; the files around rarely change, and the file cache
 * hands back the same text while they do not: parse each text once (a few entries, by content).
 * Owned by whoever reads manifests repeatedly (the server's DocumentAnalyses, one CLI scan) and
 * passed in as `ProjectContextOptions.parsed`, so no parse is shared by import.
 */
export class ProjectFileMemo {
  private readonly entries = new Map<string, unknown>();
  private bytes = 0;

  /**
   * `limit` entries and about `maxBytes`: an entry counts as four bytes a character of its key,
   * which holds the file's text (two a character), and as much again for its parse.
   */
  constructor(
    private readonly limit = 16,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  get<T>(key: string, compute: () => T): T {
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const value = compute();
    const size = 4 * key.length;
    // A file over the whole budget is parsed, not kept.
    if (size > this.maxBytes) return value;
    while (this.entries.size > 0 && (this.entries.size >= this.limit || this.bytes + size > this.maxBytes)) this.drop(this.entries.keys().next().value as string);
    this.entries.set(key, value);
    this.bytes += size;
    return value;
  }

  private drop(key: string): void {
    this.entries.delete(key);
    this.bytes -= 4 * key.length;
  }
}

function memoized<T>(memo: ProjectFileMemo | undefined, key: string, compute: () => T): T {
  return memo ? memo.get(key, compute) : compute();
}

/** `catalog:` (the default catalog), `catalogs: { name: {…} }` and `overrides:` of pnpm-workspace.yaml. */
export function readPnpmWorkspace(text: string, source: string, memo?: ProjectFileMemo): Pick<ProjectContext, 'catalogs' | 'workspaceOverrides'> {
  return memoized(memo, `pnpm\0${source}\0${text}`, () => parsePnpmWorkspace(text, source));
}

function parsePnpmWorkspace(text: string, source: string): Pick<ProjectContext, 'catalogs' | 'workspaceOverrides'> {
  let doc;
  try {
    doc = asObject(parseSyml(text));
  } catch {
    return {}; // a broken workspace file leaves catalog specs unresolved, which the hover says
  }
  const catalogs = new Map<string, Map<string, string>>();
  const readCatalog = (node: unknown): Map<string, string> => {
    const out = new Map<string, string>();
    for (const [name, range] of Object.entries(asObject(node))) {
      const value = asString(range);
      if (value !== undefined) out.set(name, value);
    }
    return out;
  };
  if (doc.catalog !== undefined) catalogs.set('default', readCatalog(doc.catalog));
  for (const [name, node] of Object.entries(asObject(doc.catalogs))) {
    // `catalogs.default` is the same catalog as `catalog:`; pnpm refuses both, we merge.
    catalogs.set(name, new Map([...(catalogs.get(name) ?? []), ...readCatalog(node)]));
  }
  const overrides = readCatalog(doc.overrides);
  // `vite: 'catalog:'` overrides with the catalog's range.
  for (const [selector, spec] of overrides) {
    const catalog = /^catalog:/i.test(spec) ? catalogs.get(spec.slice('catalog:'.length).trim() || 'default') : undefined;
    const range = catalog?.get(selector.replace(/(.)@.*$/, '$1'));
    if (range !== undefined) overrides.set(selector, range);
  }
  return {
    ...(catalogs.size > 0 ? { catalogs: { source, values: catalogs } } : {}),
    ...(overrides.size > 0 ? { workspaceOverrides: { source, values: overrides } } : {}),
  };
}

/**
 * The overrides of the workspace root's package.json (the nearest package.json above that declares
 * `workspaces`, or sits beside pnpm-workspace.yaml): yarn and npm honour `resolutions`/`overrides`
 * only there, for every workspace, so a workspace package's lockfile agreement depends on them.
 */
function workspaceRootOverrides(manifestPath: string, readFile: ReadFile, root: string | undefined, memo: ProjectFileMemo | undefined): NamedValues<string> | undefined {
  let dir = dirname(manifestPath);
  for (let level = 0; level < MAX_UP; level++) {
    const parent = dirname(dir);
    if (parent === dir || (root && !isInside(root, parent))) return undefined;
    dir = parent;
    const path = join(dir, 'package.json');
    const text = readFile(path);
    if (text === undefined) continue;
    if (!/"workspaces"\s*:/.test(text) && readFile(join(dir, 'pnpm-workspace.yaml')) === undefined) continue;
    const values = memoized(memo, `root\0${text}`, () => overridesEverywhere(parsePackageJson(text)));
    return values.size > 0 ? { source: relativeName(manifestPath, path), values } : undefined;
  }
  return undefined;
}

/** Properties of every Directory.*.props up the tree, the nearest file's value winning. */
function readPropsAbove(manifestPath: string, readFile: ReadFile, root: string | undefined, memo: ProjectFileMemo | undefined): ProjectContext['msbuildProperties'] {
  const properties: NonNullable<ProjectContext['msbuildProperties']> = new Map();
  for (const file of firstAbove(manifestPath, PROPS_FILES, readFile, root)) {
    const source = relativeName(manifestPath, file.path);
    const own = memoized(memo, `props\0${file.text}`, () => parseMsbuild(file.text).properties);
    for (const [name, value] of own ?? []) if (!properties.has(name)) properties.set(name, { value, source });
  }
  return properties.size > 0 ? properties : undefined;
}
