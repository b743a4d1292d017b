/** Builds what the adapters build for one manifest: parsed manifest, endpoints, registry stack. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, type Analysis } from '../../server/src/analysis/analyze';
import type { ManifestKind } from '../../server/src/model/model';
import { parseSettings, type Settings } from '../../server/src/model/settings';
import { parseManifest } from '../../server/src/manifests';
import { createRegistries, type ManifestScope, type Registries, type RegistriesOptions } from '../../server/src/registries';
import { HttpClient } from '../../server/src/registries/http/httpClient';
import type { LockedVersions } from '../../server/src/model/model';
import type { FixtureServer } from './fixtureServer';

export function settingsFor(server: FixtureServer, extra: Record<string, unknown> = {}): Settings {
  return parseSettings({ registries: server.registrySettings, ...extra });
}

export function registriesFor(options: Partial<RegistriesOptions> = {}): Registries & { http: HttpClient } {
  const http = new HttpClient();
  return { ...createRegistries({ maxConcurrentRequests: 8, timeoutMs: 2_000, http, ...options }), http };
}

/** No user-level config: a fresh HOME, so the developer's own ~/.npmrc never leaks into tests. */
export const EMPTY_HOME = mkdtempSync(join(tmpdir(), 'mg-home-'));

export function readTextOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function scopeFor(registries: Registries, kind: ManifestKind, text: string, settings: Settings, options: { path?: string; locked?: LockedVersions } = {}): ManifestScope {
  const manifest = parseManifest(kind, text);
  const endpoints = registries.endpoints({ settings, manifest, manifestPath: options.path, readWorkspaceConfig: true, readText: readTextOrUndefined, env: {}, home: EMPTY_HOME });
  return { manifest, endpoints, locked: options.locked };
}

/** Enriches, then analyses with the facts: the CLI's sequence. */
export async function enrichAndAnalyze(registries: Registries, kind: ManifestKind, text: string, settings: Settings, options: { path?: string; locked?: LockedVersions; offline?: boolean } = {}): Promise<Analysis & { scope: ManifestScope }> {
  const scope = scopeFor(registries, kind, text, settings, options);
  await registries.service.enrich(scope, { offline: options.offline ?? false });
  const analysis = analyze({ kind, text, settings, locked: options.locked, registry: () => registries.service.view(scope) });
  return { ...analysis, scope };
}
