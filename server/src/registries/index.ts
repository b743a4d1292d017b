/**
 * Entry point for adapters: builds the registry stack once (HTTP client → limiter → cache →
 * npm/PyPI/NuGet clients and OSV → RegistryService) and reads per-manifest endpoints.
 *
 *   const registries = createRegistries({ cacheDir, maxConcurrentRequests: 8 });
 *   const scope = { manifest, locked, endpoints: registries.endpoints({ settings, manifest, … }) };
 *   analyze({ …, registry: () => registries.service.view(scope) });      // sync, never waits
 *   await registries.service.enrich(scope, { offline, signal, onProgress }); // then re-analyse
 */
import { CachedFetcher } from './cache/cachedFetcher';
import { DiskCache } from './cache/diskCache';
import { endpointsFor, type EndpointContext, type Endpoints } from './config/endpoints';
import { RegistryService } from './facts/registryService';
import { HttpClient, type HttpTransport } from './http/httpClient';
import { Limiter } from './http/limiter';
import { NPM_DEFAULTS, NpmClient } from './npm/npmClient';
import { NUGET_DEFAULTS, NugetClient } from './nuget/nugetClient';
import { OSV_DEFAULTS, OsvClient } from './osv/osvClient';
import type { DocumentReader } from './parse/documents';
import { PYPI_DEFAULTS, PypiClient } from './pypi/pypiClient';

export type { ManifestScope, EnrichOptions, EnrichSummary } from './facts/registryService';
export type { Endpoints } from './config/endpoints';

export interface RegistriesOptions {
  /** Folder for the disk cache; none: memory only. */
  cacheDir?: string;
  maxConcurrentRequests: number;
  /** Per-request deadline; defaults suit the public registries. */
  timeoutMs?: number;
  /** Size cap for every answer; defaults are per registry (full npm packuments are large). */
  maxResponseBytes?: number;
  /** Overrides the network layer (tests count requests through it). */
  http?: HttpTransport;
  now?: () => number;
  onCacheError?: (message: string) => void;
  /** Reads npm packuments and PyPI pages (the adapter's worker pool); default: inline. */
  documents?: DocumentReader;
}

export interface Registries {
  service: RegistryService;
  limiter: Limiter;
  http: HttpTransport;
  endpoints(ctx: EndpointContext): Endpoints;
  /** Forgets every cached answer and fact, in memory and on disk. */
  clearCache(): Promise<void>;
}

export function createRegistries(options: RegistriesOptions): Registries {
  const http = options.http ?? new HttpClient();
  const limiter = new Limiter(options.maxConcurrentRequests);
  const disk = options.cacheDir ? new DiskCache(options.cacheDir, options.onCacheError) : undefined;
  const fetcher = new CachedFetcher(http, limiter, disk, options.now);
  const limits = <T extends { timeoutMs: number; maxBytes: number }>(defaults: T): T => ({ ...defaults, timeoutMs: options.timeoutMs ?? defaults.timeoutMs, maxBytes: options.maxResponseBytes ?? defaults.maxBytes });
  const clients = {
    npm: new NpmClient(fetcher, limits(NPM_DEFAULTS), options.documents),
    pypi: new PypiClient(fetcher, limits(PYPI_DEFAULTS), options.documents),
    nuget: new NugetClient(fetcher, limits(NUGET_DEFAULTS)),
  };
  const osv = new OsvClient(fetcher, limits(OSV_DEFAULTS));
  const service = new RegistryService(clients, osv, options.now);
  const clearCache = async () => {
    service.forget();
    await fetcher.clear();
  };
  return { service, limiter, http, endpoints: endpointsFor, clearCache };
}
