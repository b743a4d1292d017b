/** Reads and analyses the manifests of a CLI run, following requirements includes once each. */
import { resolve } from 'node:path';
import { analyze, type Analysis } from '../analysis/analyze';
import { inputsFromDisk } from '../analysis/inputs';
import { LOCKFILE_MAX_BYTES, readText } from '../analysis/readText';
import type { LockedVersions, Manifest, ManifestKind } from '../model/model';
import type { Settings } from '../model/settings';
import { manifestKindOf } from '../manifests';
import { includeTarget, probeFile } from '../manifests/includes';
import { LockGraphCache } from '../tree/cache';
import type { RegistryView } from '../registries/types';
import type { NameIndex } from '../typosquat/types';
import type { SpecServices } from '../specs/types';
import { ProjectFileMemo } from '../manifests/projectContext';

export interface ScannedFile {
  path: string;
  kind: ManifestKind;
  text: string;
  analysis: Analysis;
}

const readSmall = (path: string): string | undefined => readText(path, LOCKFILE_MAX_BYTES);

export class UnreadableFileError extends Error {}

/** Registry facts for one manifest, by absolute path (cli/registryScan.ts gathers them first). */
export type RegistryViewFor = (path: string, manifest: Manifest, locked: LockedVersions | undefined) => RegistryView | undefined;

export interface ScanOptions {
  settings: Settings;
  logger: { error(m: string): void };
  /** The popularity index (absent: typosquat checks are off). */
  names?: NameIndex;
  /** The process's spec semantics (getAnalysisServices().specs); absent: specs are described uncached. */
  specs?: SpecServices;
  registry?: RegistryViewFor;
}

export function scanFiles(paths: string[], options: ScanOptions): ScannedFile[] {
  const { settings, logger, registry } = options;
  const out: ScannedFile[] = [];
  const seen = new Set<string>();
  const maxBytes = settings.maxFileSizeKB * 1024;
  const trees = new LockGraphCache(); // manifests of one workspace share its lockfile
  const parsedAround = new ProjectFileMemo(); // and the files around them

  const scanOne = (path: string, kind: ManifestKind, chain: string[], constraintsFile?: boolean): void => {
    const abs = resolve(path);
    if (seen.has(abs)) return;
    seen.add(abs);
    const text = readText(path, maxBytes);
    if (text === undefined) throw new UnreadableFileError(`cannot read ${path}`);
    const analysis = analyze({
      kind,
      text,
      settings,
      logger,
      ...inputsFromDisk({ path: abs, kind, text, read: readSmall, trees, parsedAround, includedFrom: chain, constraintsFile }),
      names: options.names,
      specs: options.specs,
      registry: registry ? (manifest, locked) => registry(abs, manifest, locked) : undefined,
    });
    out.push({ path, kind, text, analysis });
    for (const inc of analysis.manifest.includes) {
      const target = includeTarget(abs, inc);
      if (target && probeFile(target) === 'file' && ![...chain, abs].includes(target)) scanOne(target, 'requirements', [...chain, abs], inc.kind === 'constraint');
    }
  };

  for (const path of paths) {
    const kind = manifestKindOf(path) ?? (path.endsWith('.txt') ? 'requirements' : undefined);
    if (!kind) throw new UnreadableFileError(`${path} is not a manifest Manifest Guard reads (package.json, requirements*.txt, pyproject.toml, Pipfile, *.csproj, Directory.Packages.props…)`);
    scanOne(path, kind, []);
  }
  return out;
}
