/** Reads and analyses the manifests of a CLI run, following requirements includes once each. */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze, type Analysis } from '../core/analyze';
import type { Manifest, ManifestKind } from '../core/model';
import type { Settings } from '../core/settings';
import { manifestKindOf } from '../manifests';
import { includeProblems, includeTarget, probeFile } from '../manifests/includes';
import { readLockedVersions } from '../manifests/lockfiles';
import { readLockTree } from '../manifests/lockfiles/lockTree';
import { LockGraphCache } from '../tree/cache';
import { treeVersionsFor } from '../tree/lockedVersions';
import type { RegistryView } from '../registries/types';
import type { LockedVersions } from '../rules/types';
import { shippedNameIndex } from '../typosquat/load';
import { decodeText } from '../core/decodeText';

export interface ScannedFile {
  path: string;
  kind: ManifestKind;
  text: string;
  analysis: Analysis;
}

/** A manifest's text, or a placeholder past `maxBytes` (shared with the server's workspace scan). */
export function readText(path: string, maxBytes: number): string | undefined {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return undefined;
    // Do not read what we will not analyse: a placeholder of the right size triggers the size finding.
    if (stat.size > maxBytes) return ' '.repeat(maxBytes + 1);
    return decodeText(readFileSync(path));
  } catch {
    return undefined;
  }
}

const readSmall = (path: string): string | undefined => readText(path, 64 * 1024 * 1024);

export class UnreadableFileError extends Error {}

/** Registry facts for one manifest, by absolute path (cli/registryScan.ts gathers them first). */
export type RegistryViewFor = (path: string, manifest: Manifest, locked: LockedVersions | undefined) => RegistryView | undefined;

export function scanFiles(paths: string[], settings: Settings, logger: { error(m: string): void }, registry?: RegistryViewFor): ScannedFile[] {
  const out: ScannedFile[] = [];
  const seen = new Set<string>();
  const maxBytes = settings.maxFileSizeKB * 1024;
  const trees = new LockGraphCache(); // manifests of one workspace share its lockfile

  const scanOne = (path: string, kind: ManifestKind, chain: string[]): void => {
    const abs = resolve(path);
    if (seen.has(abs)) return;
    seen.add(abs);
    const text = readText(path, maxBytes);
    if (text === undefined) throw new UnreadableFileError(`cannot read ${path}`);
    const tree = readLockTree(abs, kind, readSmall, { cache: trees, manifestText: text });
    const analysis = analyze({
      kind,
      text,
      settings,
      logger,
      locked: (manifest) => treeVersionsFor(kind, tree) ?? readLockedVersions(abs, kind, readSmall, manifest),
      tree,
      names: shippedNameIndex((m) => logger.error(m)),
      registry: registry ? (manifest, locked) => registry(abs, manifest, locked) : undefined,
      afterParse: (manifest) => {
        const problems = includeProblems(manifest, abs, probeFile);
        for (const inc of manifest.includes) {
          const target = includeTarget(abs, inc);
          if (target && [...chain, abs].includes(target)) problems.push({ span: inc.span, message: `${inc.target} includes this file back (a cycle): pip would recurse until it fails.` });
        }
        return problems;
      },
    });
    out.push({ path, kind, text, analysis });
    for (const inc of analysis.manifest.includes) {
      const target = includeTarget(abs, inc);
      if (target && probeFile(target) === 'file' && ![...chain, abs].includes(target)) scanOne(target, 'requirements', [...chain, abs]);
    }
  };

  for (const path of paths) {
    const kind = manifestKindOf(path) ?? (path.endsWith('.txt') ? 'requirements' : undefined);
    if (!kind) throw new UnreadableFileError(`${path} is not a manifest Manifest Guard reads (package.json, requirements*.txt, pyproject.toml, Pipfile, *.csproj, Directory.Packages.props…)`);
    scanOne(path, kind, []);
  }
  return out;
}
