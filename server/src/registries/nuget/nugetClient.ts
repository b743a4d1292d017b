/**
 * NuGet V3: service index → registration index (→ pages when not inlined) → PackageInfo, tried
 * source by source (NuGet.config order) until one knows the package. Install-time files come from
 * the version's catalog leaf (`packageEntries`), one JSON GET; on feeds without a catalog (most
 * private feeds), from the ZIP directory at the end of the .nupkg, one Range request
 * (zipDirectory.ts).
 */
import type { CachedFetcher, Fetched } from '../cache/cachedFetcher';
import type { FetchLimits, LookupContext, PackageAnswer, RegistryClient } from '../client';
import { PUBLIC } from '../config/endpoints';
import { nugetPackagePath } from '../config/packageUrls';
import { RegistryError, hostOf, isCancellation } from '../errors';
import { parseJsonBody } from '../json';
import { specsFor } from '../../specs';
import type { InstallTimeFiles, PackageInfo, VersionInfo } from '../types';
import { installTimeFiles, parseCatalogLeaf } from './catalogLeaf';
import { ZIP_TAIL_BYTES, ZipDirectoryError, zipEntryNames } from './zipDirectory';
import { parseRegistrationIndex, parseRegistrationPage, type RegistrationLeaf, type RegistrationPage } from './registration';
import { parseServiceIndex, type ServiceIndex } from './serviceIndex';

export interface NugetClientOptions extends FetchLimits {
  /** More registration pages than this are not fetched (each holds 64 versions). */
  maxPages: number;
}

export const NUGET_DEFAULTS: NugetClientOptions = { timeoutMs: 15_000, maxBytes: 32 * 1024 * 1024, ttlMs: 60 * 60_000, maxPages: 40 };
const DAY = 24 * 60 * 60_000;
/** A .NET tool package carries its settings here (`tools/net8.0/any/DotnetToolSettings.xml`). */
const DOTNET_TOOL_SETTINGS = /^tools\/[^/]+\/[^/]+\/DotnetToolSettings\.xml$/i;

export class NugetClient implements RegistryClient {
  readonly ecosystem = 'nuget' as const;

  constructor(
    private readonly fetcher: CachedFetcher,
    private readonly options: NugetClientOptions = NUGET_DEFAULTS,
  ) {}

  locate(_name: string, endpoints: LookupContext['endpoints']): string {
    return `nuget ${endpoints.nuget.join(' ')}`;
  }

  async fetchPackage(id: string, ctx: LookupContext): Promise<PackageAnswer> {
    let firstError: unknown;
    let notFound: PackageAnswer | undefined;
    for (const source of ctx.endpoints.nuget) {
      try {
        const answer = await this.fromSource(source, id, ctx);
        if (answer.found) return answer;
        notFound ??= answer;
      } catch (err) {
        if (isCancellation(err)) throw err;
        firstError ??= err;
      }
    }
    // "Unknown" only when every source answered; one failing source might have had it.
    if (firstError !== undefined) throw firstError;
    return notFound ?? { found: false, source: 'NuGet', storedAt: Date.now(), fromCache: false };
  }

  async fetchInstallFiles(_info: PackageInfo, version: VersionInfo, ctx: LookupContext): Promise<Fetched<InstallTimeFiles>> {
    if (version.catalogUrl) {
      try {
        const fromCatalog = await this.fromCatalog(version.catalogUrl, ctx);
        if (fromCatalog.answer.found || !version.contentUrl) return fromCatalog;
      } catch (err) {
        if (isCancellation(err) || !version.contentUrl) throw err;
      }
    }
    if (version.contentUrl) return this.fromPackage(version.contentUrl, ctx);
    throw new RegistryError('invalid', 'the feed links neither a catalog listing the package files nor the package itself');
  }

  /** The package's own ZIP directory, from one Range request for its last bytes. */
  private fromPackage(url: string, ctx: LookupContext): Promise<Fetched<InstallTimeFiles>> {
    return this.fetcher.get<InstallTimeFiles>(
      {
        key: `nuget-nupkg-files ${url}`,
        ttlMs: 30 * DAY, // a published package version never changes
        // A server that ignores Range sends the whole package: read it if it is under the size cap.
        request: { url, accept: 'application/octet-stream', range: `bytes=-${ZIP_TAIL_BYTES}`, timeoutMs: this.options.timeoutMs, maxBytes: this.options.maxBytes, credentials: ctx.endpoints.credentials },
        parse: (res) => {
          try {
            const names = zipEntryNames(res.body);
            return { files: installTimeFiles(names), dotnetTool: names.some((n) => DOTNET_TOOL_SETTINGS.test(n)) };
          } catch (err) {
            if (err instanceof ZipDirectoryError) throw new RegistryError('invalid', `the package from ${hostOf(url)} could not be read: ${err.message}`);
            throw err;
          }
        },
      },
      ctx,
    );
  }

  private fromCatalog(url: string, ctx: LookupContext): Promise<Fetched<InstallTimeFiles>> {
    return this.fetcher.get<InstallTimeFiles>(
      {
        key: `nuget-catalog-leaf ${url}`,
        ttlMs: 30 * DAY, // a catalog leaf is immutable: edits produce a new leaf URL
        request: { url, timeoutMs: this.options.timeoutMs, maxBytes: this.options.maxBytes, credentials: ctx.endpoints.credentials },
        parse: (res) => {
          const files = parseCatalogLeaf(parseJsonBody(res.body));
          if (!files) throw new RegistryError('invalid', `${hostOf(url)}'s catalog does not list the package files`);
          return files;
        },
      },
      ctx,
    );
  }

  private async fromSource(source: string, id: string, ctx: LookupContext): Promise<PackageAnswer> {
    const label = source === PUBLIC.nuget ? 'NuGet' : hostOf(source);
    const index = await this.getJson<ServiceIndex>(`nuget-service-index ${source}`, source, DAY, ctx, (doc) => parseServiceIndex(doc));
    const base = index.answer.found ? index.answer.value.registrationsBaseUrl : undefined;
    if (!base) throw new RegistryError('invalid', `${label} has no package metadata (RegistrationsBaseUrl) resource`);
    const url = `${base}${nugetPackagePath(id)}/index.json`;
    const reg = await this.getJson<RegistrationPage[]>(`nuget-registration ${url}`, url, this.options.ttlMs, ctx, (doc) => parseRegistrationIndex(doc));
    if (!reg.answer.found) return { found: false, source: label, storedAt: reg.storedAt, fromCache: reg.fromCache };
    const pages = reg.answer.value;
    if (pages.filter((p) => p.url).length > this.options.maxPages) throw new RegistryError('too-large', `${id} has too many versions to read`);
    const fetchedPages = await Promise.all(
      pages.map(async (page) => {
        if (!page.url) return { leaves: page.leaves, storedAt: reg.storedAt, fromCache: reg.fromCache };
        const got = await this.getJson<RegistrationLeaf[]>(`nuget-registration-page ${page.url}`, page.url, this.options.ttlMs, ctx, (doc) => parseRegistrationPage(doc));
        return { leaves: got.answer.found ? got.answer.value : [], storedAt: got.storedAt, fromCache: got.fromCache };
      }),
    );
    const leaves = fetchedPages.flatMap((p) => p.leaves);
    return {
      found: true,
      info: packageOf(id, label, leaves),
      storedAt: Math.min(reg.storedAt, ...fetchedPages.map((p) => p.storedAt)),
      fromCache: reg.fromCache || fetchedPages.some((p) => p.fromCache),
    };
  }

  private getJson<T>(key: string, url: string, ttlMs: number, ctx: LookupContext, parse: (doc: unknown) => T | undefined): Promise<Fetched<T>> {
    return this.fetcher.get<T>(
      {
        key,
        ttlMs,
        request: { url, timeoutMs: this.options.timeoutMs, maxBytes: this.options.maxBytes, credentials: ctx.endpoints.credentials },
        parse: (res) => {
          const value = parse(parseJsonBody(res.body));
          if (value === undefined) throw new RegistryError('invalid', `${hostOf(url)} did not answer with NuGet metadata`);
          return value;
        },
      },
      ctx,
    );
  }
}

/** Package-level fields come from the latest listed stable version, as nuget.org shows them. */
function packageOf(id: string, source: string, leaves: RegistrationLeaf[]): PackageInfo {
  const specs = specsFor('nuget');
  const listed = leaves.filter((l) => !l.info.unlisted);
  const stable = listed.filter((l) => !specs.isPrerelease(l.info.version));
  const order = specs.sortVersions((stable.length > 0 ? stable : listed).map((l) => l.info.version));
  const latestVersion = order[order.length - 1];
  const latest = leaves.find((l) => l.info.version === latestVersion) ?? leaves[leaves.length - 1];
  return {
    ecosystem: 'nuget',
    name: latest?.id ?? id,
    source,
    description: latest?.description,
    license: latest?.license,
    latest: latestVersion,
    repository: latest?.projectUrl,
    versions: leaves.map((l) => l.info),
  };
}
