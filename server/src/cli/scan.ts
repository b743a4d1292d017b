/** Reads and analyses the manifests of a CLI run, following requirements includes once each. */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze, type Analysis } from '../core/analyze';
import type { ManifestKind } from '../core/model';
import type { Settings } from '../core/settings';
import { manifestKindOf } from '../manifests';
import { includeProblems, includeTarget, probeFile, type FileProbe } from '../manifests/includes';
import { readLockedVersions } from '../manifests/lockfiles';

export interface ScannedFile {
  path: string;
  kind: ManifestKind;
  text: string;
  analysis: Analysis;
}

const probe: FileProbe = probeFile;

function readText(path: string, maxBytes: number): string | undefined {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return undefined;
    // Do not read what we will not analyse: a placeholder of the right size triggers the size finding.
    if (stat.size > maxBytes) return ' '.repeat(maxBytes + 1);
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

const readSmall = (path: string): string | undefined => readText(path, 64 * 1024 * 1024);

export class UnreadableFileError extends Error {}

export function scanFiles(paths: string[], settings: Settings, logger: { error(m: string): void }): ScannedFile[] {
  const out: ScannedFile[] = [];
  const seen = new Set<string>();
  const maxBytes = settings.maxFileSizeKB * 1024;

  const scanOne = (path: string, kind: ManifestKind, chain: string[]): void => {
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
      locked: (manifest) => readLockedVersions(abs, kind, readSmall, manifest),
      afterParse: (manifest) => {
        const problems = includeProblems(manifest, abs, probe);
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
      if (target && probe(target) === 'file' && ![...chain, abs].includes(target)) scanOne(target, 'requirements', [...chain, abs]);
    }
  };

  for (const path of paths) {
    const kind = manifestKindOf(path) ?? (path.endsWith('.txt') ? 'requirements' : undefined);
    if (!kind) throw new UnreadableFileError(`${path} is not a manifest Manifest Guard reads (package.json, requirements*.txt, *.csproj, Directory.Packages.props…)`);
    scanOne(path, kind, []);
  }
  return out;
}
