/**
 * The real-project corpus (test/fixtures/typosquat-corpus/, sources in its README): manifests of
 * well-known open-source projects, whose dependencies are legitimate by construction. Scanned by
 * the corpus unit test and by the evaluation bench.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ManifestKind } from '../server/src/model/model';
import { scanManifest } from './typosquatAdapter';

export const CORPUS_DIR = join(__dirname, '..', '..', 'test', 'fixtures', 'typosquat-corpus');

const KIND_OF_FOLDER: Record<string, ManifestKind> = { npm: 'package.json', pypi: 'requirements', nuget: 'msbuild' };

export interface CorpusFlag {
  file: string;
  name: string;
  message: string;
}

export interface CorpusScan {
  files: number;
  dependencies: number;
  /** Dependencies per folder (`npm`, `pypi`, `nuget`): the corpus must really be read. */
  byFolder: Record<string, number>;
  flagged: CorpusFlag[];
}

export function scanCorpus(): CorpusScan {
  const scan: CorpusScan = { files: 0, dependencies: 0, byFolder: {}, flagged: [] };
  for (const [folder, kind] of Object.entries(KIND_OF_FOLDER)) {
    for (const file of readdirSync(join(CORPUS_DIR, folder)).sort()) {
      const { dependencies, findings } = scanManifest(kind, readFileSync(join(CORPUS_DIR, folder, file), 'utf8'));
      scan.files++;
      scan.dependencies += dependencies;
      scan.byFolder[folder] = (scan.byFolder[folder] ?? 0) + dependencies;
      for (const f of findings) scan.flagged.push({ file: `${folder}/${file}`, name: f.package ?? '?', message: f.message });
    }
  }
  return scan;
}

/** Findings per 1,000 dependencies. */
export function perThousand(scan: CorpusScan): number {
  return scan.dependencies === 0 ? 0 : (scan.flagged.length / scan.dependencies) * 1000;
}
