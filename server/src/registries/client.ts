/**
 * The one interface every package registry client implements (npm, PyPI, NuGet). Clients turn a
 * name into registry facts through the shared CachedFetcher, so caching, de-duplication, limits,
 * timeouts and offline mode behave the same everywhere.
 */
import type { Ecosystem } from '../model/model';
import { shorten } from '../model/shorten';
import type { Fetched } from './cache/cachedFetcher';
import type { Endpoints } from './config/endpoints';
import type { InstallTimeFiles, PackageInfo, VersionInfo } from './types';

/** How far one client goes for one document: per-request deadline, body cap, cache lifetime. */
export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  ttlMs: number;
}

export interface LookupContext {
  endpoints: Endpoints;
  offline: boolean;
  signal?: AbortSignal;
}

/** Which document of a package: everything, or what installing needs (npm's abbreviated packument). */
export type PackageForm = 'full' | 'abbreviated';

export type PackageAnswer =
  | { found: true; info: PackageInfo; storedAt: number; fromCache: boolean }
  | { found: false; source: string; storedAt: number; fromCache: boolean };

export interface RegistryClient {
  readonly ecosystem: Ecosystem;
  /** A key naming where `name` is looked up with these endpoints (facts are remembered under it). */
  locate(name: string, endpoints: Endpoints): string;
  /**
   * `abbreviated`: the install-time subset is enough (npm's corgi document; other registries have
   * one form and ignore it). The answer may still be the full document: `PackageInfo.abbreviated` says which.
   */
  fetchPackage(name: string, ctx: LookupContext, form?: PackageForm): Promise<PackageAnswer>;
  /** Facts that need one more document per version (NuGet's package file list). */
  fetchInstallFiles?(info: PackageInfo, version: VersionInfo, ctx: LookupContext): Promise<Fetched<InstallTimeFiles>>;
  /** The dependencies of one version from its own metadata, when the package document lacks them (PyPI). */
  fetchReleaseDependencies?(info: PackageInfo, version: VersionInfo, ctx: LookupContext): Promise<Fetched<string[]>>;
}

/** Caps for text kept from registry documents: enough to read, never megabytes in the cache. */
export const TEXT_CAP = { description: 1000, message: 1000, script: 2000, url: 500 } as const;

export function capText(text: string | undefined, max: number): string | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return shorten(trimmed, max);
}
