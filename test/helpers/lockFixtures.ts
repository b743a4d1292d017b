/** Shared by the lockfile and tree tests: the fixture folder, and analysing a fixture's manifest with its tree. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type Analysis } from '../../server/src/analysis/analyze';
import type { ManifestKind } from '../../server/src/model/model';
import { parseSettings } from '../../server/src/model/settings';
import { readLockTree } from '../../server/src/manifests/lockfiles/lockTree';
import type { Rule } from '../../server/src/rules/types';
import type { LockedPackage, LockGraph, LockTree } from '../../server/src/tree/model';

/** Compiled tests run from out/test/helpers; the fixtures stay in the source tree. */
export const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'lockfiles');

export function fixturePath(relative: string): string {
  return join(FIXTURES, relative);
}

export function fixtureText(relative: string): string {
  return readFileSync(fixturePath(relative), 'utf8');
}

export const readFixtureFile = (path: string): string | undefined => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);

export function kindOf(relative: string): ManifestKind {
  if (relative.endsWith('package.json')) return 'package.json';
  if (relative.endsWith('pyproject.toml')) return 'pyproject.toml';
  if (relative.endsWith('Pipfile')) return 'Pipfile';
  if (/\.(cs|fs|vb)proj$/.test(relative)) return 'msbuild';
  return 'requirements';
}

export function treeOf(manifest: string): LockTree {
  const path = fixturePath(manifest);
  const tree = readLockTree(path, kindOf(manifest), readFixtureFile, { manifestText: readFixtureFile(path) });
  if (!tree) throw new Error(`no lockfile found for ${manifest}`);
  return tree;
}

export interface AnalyseOptions {
  settings?: Record<string, unknown>;
  extraRules?: readonly Rule[];
  /** Replaces the manifest text (to test a manifest that drifted from its lockfile). */
  text?: string;
  tree?: LockTree;
}

export function analyseFixture(manifest: string, options: AnalyseOptions = {}): Analysis & { text: string } {
  const text = options.text ?? fixtureText(manifest);
  const analysis = analyze({ kind: kindOf(manifest), text, settings: parseSettings(options.settings ?? {}), tree: options.tree ?? treeOf(manifest), extraRules: options.extraRules });
  return { ...analysis, text };
}

/** `name@version` → the sorted `name@version` of its dependencies: comparable across lockfile formats. */
export function edgeLabels(graph: LockGraph): Record<string, string[]> {
  const label = (id: string) => {
    const p = graph.packages.get(id);
    return p ? `${p.name}@${p.version}` : `?${id}`;
  };
  const out: Record<string, string[]> = {};
  for (const pkg of graph.packages.values()) if (pkg.source !== 'workspace') out[`${pkg.name}@${pkg.version}`] = pkg.dependencies.map(label).sort();
  return out;
}

/** The sorted names of a package's dependencies. */
export function childNames(graph: LockGraph, pkg: LockedPackage | undefined): string[] {
  return (pkg?.dependencies ?? []).map((id) => graph.packages.get(id)?.name ?? `?${id}`).sort();
}
