/**
 * The CLI's registry pass. Unlike the editor, the CLI may wait for the network: it scans once to
 * find and parse every manifest, gathers registry facts for all of them (requests shared and
 * limited across files), then scans again with the facts. Failures become "not checked" lines on
 * stderr, never a failed run.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Settings } from '../model/settings';
import type { AnalysisServices } from '../analysis/services';
import type { ManifestScope } from '../registries';
import { cachedTextReader } from '../registries/config/configFiles';
import type { LockedVersions, Manifest } from '../model/model';
import type { LockTree } from '../tree/model';
import { scanFiles, type ScannedFile } from './scan';

export interface RegistryScanResult {
  files: ScannedFile[];
  /** Dependencies the registries could not answer for, with the reason. */
  unchecked: Array<{ path: string; name: string; reason: string }>;
}

/** `--cache-dir`, else `$XDG_CACHE_HOME/manifest-guard`, else the platform's user cache folder. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'manifest-guard');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'manifest-guard', 'cache');
  return join(homedir(), '.cache', 'manifest-guard');
}

export async function scanWithRegistries(paths: string[], settings: Settings, logger: { error(m: string): void }, cacheDir: string, services: AnalysisServices): Promise<RegistryScanResult> {
  const registries = services.createRegistries({ cacheDir, maxConcurrentRequests: settings.maxConcurrentRequests });
  const names = services.names();
  const specs = services.specs;
  const readText = cachedTextReader();
  const scopeOf = (path: string, manifest: Manifest, locked: LockedVersions | undefined, tree?: LockTree): ManifestScope => ({
    manifest,
    locked,
    tree,
    minimumReleaseAgeDays: settings.minimumReleaseAgeDays,
    endpoints: registries.endpoints({ settings, manifest, manifestPath: path, readWorkspaceConfig: true, readText }),
  });

  const offline = scanFiles(paths, { settings, logger, names, specs });
  const unchecked: RegistryScanResult['unchecked'] = [];
  await Promise.all(
    offline.map(async (file) => {
      const path = resolve(file.path);
      const summary = await registries.service.enrich(scopeOf(path, file.analysis.manifest, file.analysis.locked, file.analysis.tree), { offline: settings.offline });
      for (const u of summary.unchecked) if (!settings.offline) unchecked.push({ path: file.path, ...u });
    }),
  );
  const files = scanFiles(paths, { settings, logger, names, specs, registry: (path, manifest, locked) => registries.service.view(scopeOf(path, manifest, locked)) });
  return { files, unchecked };
}

