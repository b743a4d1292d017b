/**
 * Finds the lockfile that installs a manifest and reads its whole tree. File access is injected
 * (`readFile`), so the CLI, the server and tests share this code; parsed trees are cached by path
 * and text (tree/cache.ts).
 *
 * Where the lockfile sits: beside package.json, or in a parent folder when the manifest is one of
 * that lockfile's workspaces (npm, pnpm, yarn Berry record their workspaces; yarn v1 does not, so
 * it counts only beside the manifest). Beside a .csproj: packages.lock.json, else
 * obj/project.assets.json. For requirements: the compiled `X.txt` beside an `X.in`, a pylock.toml,
 * or the file itself when a compiler wrote it (its `# via` annotations are the tree). Beside a
 * pyproject.toml: uv.lock, poetry.lock, pdm.lock or pylock.toml, else the uv.lock of a workspace
 * it is a member of; beside a Pipfile: Pipfile.lock.
 */
import { basename, dirname, join, relative, sep } from 'node:path';
import type { ManifestKind } from '../../model/model';
import { LockGraphCache } from '../../tree/cache';
import type { LockGraph, LockTree } from '../../tree/model';
import { readNpmTree } from './npmTree';
import { readNugetLockTree } from './nugetLockTree';
import { hasViaAnnotations, readPipCompileTree } from './pipCompileTree';
import { readPnpmTree } from './pnpmTree';
import { readProjectAssetsTree } from './projectAssetsTree';
import { readPdmLockTree } from './pdmLockTree';
import { readPipfileLockTree } from './pipfileLockTree';
import { readPoetryLockTree } from './poetryLockTree';
import { readPylockTree } from './pylockTree';
import { readUvLockTree } from './uvLockTree';
import { readYarnBerryTree } from './yarnBerryTree';
import { readYarnClassicTree } from './yarnClassicTree';

export type ReadFile = (path: string) => string | undefined;

export interface LockTreeOptions {
  /** Parsed trees by path; pass one that lives as long as the adapter so edits reuse them. */
  cache?: LockGraphCache;
  /** The manifest's current text: a compiled requirements file is its own tree. */
  manifestText?: string;
}

/** npm's own files first (npm-shrinkwrap.json wins over package-lock.json, as in npm). */
const NODE_LOCKFILES = ['npm-shrinkwrap.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock'];
/** How far up a workspace lockfile is looked for (monorepos nest packages a few levels deep). */
const MAX_WORKSPACE_DEPTH = 6;

export function readLockTree(manifestPath: string, kind: ManifestKind, readFile: ReadFile, options: LockTreeOptions = {}): LockTree | undefined {
  const cache = options.cache ?? new LockGraphCache();
  switch (kind) {
    case 'package.json':
      return nodeLockTree(manifestPath, readFile, cache);
    case 'msbuild':
      return firstTree([join(dirname(manifestPath), 'packages.lock.json'), join(dirname(manifestPath), 'obj', 'project.assets.json')], readFile, cache);
    case 'requirements':
      return requirementsLockTree(manifestPath, readFile, cache, options.manifestText);
    case 'pyproject.toml':
      return pyprojectLockTree(manifestPath, readFile, cache);
    case 'Pipfile':
      return firstTree([join(dirname(manifestPath), 'Pipfile.lock')], readFile, cache);
    case 'pnpm-workspace.yaml':
      // The workspace's lockfile sits beside it; its recorded overrides say which were resolved.
      return firstTree([join(dirname(manifestPath), 'pnpm-lock.yaml')], readFile, cache);
  }
}

function nodeLockTree(manifestPath: string, readFile: ReadFile, cache: LockGraphCache): LockTree | undefined {
  const manifestDir = dirname(manifestPath);
  let dir = manifestDir;
  for (let level = 0; level <= MAX_WORKSPACE_DEPTH; level++) {
    let foundAny = false;
    for (const name of NODE_LOCKFILES) {
      const path = join(dir, name);
      const text = readFile(path);
      if (text === undefined) continue;
      foundAny = true;
      const graph = cache.get(path, text, (t) => parseLockfile(path, t));
      if (!graph) continue;
      const importer = relative(dir, manifestDir).split(sep).join('/');
      // Beside the manifest any lockfile counts; further up only one that installs this folder.
      if (importer === '' || graph.importers.has(importer)) return { graph, importer };
    }
    // The nearest folder with a lockfile decides: a project nested in another is not its workspace.
    if (foundAny) return undefined;
    const parent = dirname(dir);
    if (parent === dir || basename(dir) === 'node_modules') return undefined;
    dir = parent;
  }
  return undefined;
}

function requirementsLockTree(manifestPath: string, readFile: ReadFile, cache: LockGraphCache, manifestText: string | undefined): LockTree | undefined {
  const dir = dirname(manifestPath);
  const compiled = /\.in$/i.test(manifestPath) ? join(dir, basename(manifestPath).replace(/\.in$/i, '.txt')) : undefined;
  const beside = firstTree([...(compiled ? [compiled] : []), join(dir, 'pylock.toml')], readFile, cache);
  if (beside) return beside;
  if (manifestText === undefined || !hasViaAnnotations(manifestText)) return undefined;
  const graph = cache.get(`${manifestPath}#itself`, manifestText, (t) => readPipCompileTree(t, basename(manifestPath)));
  if (!graph) return undefined;
  graph.isManifestItself = true;
  return { graph, importer: '' };
}

/** Which tool's lockfile installs a pyproject.toml: the first found beside it wins. */
const PYPROJECT_LOCKFILES = ['uv.lock', 'poetry.lock', 'pdm.lock', 'pylock.toml'];

/** Beside the manifest, else a uv workspace's uv.lock further up that lists this folder as a member. */
function pyprojectLockTree(manifestPath: string, readFile: ReadFile, cache: LockGraphCache): LockTree | undefined {
  const manifestDir = dirname(manifestPath);
  const beside = firstTree(PYPROJECT_LOCKFILES.map((name) => join(manifestDir, name)), readFile, cache);
  if (beside) return beside;
  let dir = dirname(manifestDir);
  for (let level = 1; level <= MAX_WORKSPACE_DEPTH && dir !== dirname(dir); level++, dir = dirname(dir)) {
    const path = join(dir, 'uv.lock');
    const text = readFile(path);
    if (text === undefined) continue;
    const graph = cache.get(path, text, (t) => parseLockfile(path, t));
    const importer = relative(dir, manifestDir).split(sep).join('/');
    return graph?.importers.has(importer) ? { graph, importer } : undefined;
  }
  return undefined;
}

function firstTree(paths: string[], readFile: ReadFile, cache: LockGraphCache): LockTree | undefined {
  for (const path of paths) {
    const text = readFile(path);
    if (text === undefined) continue;
    const graph = cache.get(path, text, (t) => parseLockfile(path, t));
    if (graph) return { graph, importer: '' };
  }
  return undefined;
}

/** The reader for a lockfile, by its name; undefined when the file says nothing usable. */
export function parseLockfile(path: string, text: string): LockGraph | undefined {
  try {
    return readerFor(path, text);
  } catch {
    // Readers are written not to throw; if one does, the manifest is still checked without its tree.
    return undefined;
  }
}

function readerFor(path: string, text: string): LockGraph | undefined {
  const name = basename(path);
  const lower = name.toLowerCase();
  if (lower === 'package-lock.json' || lower === 'npm-shrinkwrap.json') return readNpmTree(text, name);
  if (lower === 'yarn.lock') return /^__metadata:/m.test(text) ? readYarnBerryTree(text, name) : readYarnClassicTree(text, name);
  if (lower === 'pnpm-lock.yaml') return readPnpmTree(text, name);
  if (lower === 'packages.lock.json') return readNugetLockTree(text, name);
  if (lower === 'project.assets.json') return readProjectAssetsTree(text, 'obj/project.assets.json');
  if (/^pylock\.([^.]+\.)?toml$/.test(lower)) return readPylockTree(text, name);
  if (lower === 'uv.lock') return readUvLockTree(text, name);
  if (lower === 'poetry.lock') return readPoetryLockTree(text, name);
  if (lower === 'pdm.lock') return readPdmLockTree(text, name);
  if (lower === 'pipfile.lock') return readPipfileLockTree(text, name);
  if (lower.endsWith('.txt')) return readPipCompileTree(text, name);
  return undefined;
}
