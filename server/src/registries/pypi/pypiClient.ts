/**
 * PyPI: the JSON API (`GET <pypi>/<project>/json`), or a PEP 691 simple index when the
 * requirements file names one with `--index-url` (`GET <index>/<project>/` asking for JSON).
 * An index that only speaks HTML is reported as not checked rather than guessed at.
 */
import type { CachedFetcher, Fetched } from '../cache/cachedFetcher';
import type { FetchLimits, LookupContext, PackageAnswer, RegistryClient } from '../client';
import { PUBLIC } from '../config/endpoints';
import { pypiPackagePath } from '../config/packageUrls';
import { RegistryError, hostOf } from '../errors';
import { parseJsonBody } from '../json';
import { INLINE_DOCUMENTS, type DocumentReader } from '../parse/documents';
import type { PackageInfo, VersionInfo } from '../types';
import { parsePypiJson } from './pypiJson';
import { SIMPLE_JSON } from './simpleIndex';

export type PypiClientOptions = FetchLimits;

export const PYPI_DEFAULTS: PypiClientOptions = { timeoutMs: 15_000, maxBytes: 32 * 1024 * 1024, ttlMs: 60 * 60_000 };

export class PypiClient implements RegistryClient {
  readonly ecosystem = 'pypi' as const;

  constructor(
    private readonly fetcher: CachedFetcher,
    private readonly options: PypiClientOptions = PYPI_DEFAULTS,
    private readonly documents: DocumentReader = INLINE_DOCUMENTS,
  ) {}

  locate(_name: string, endpoints: LookupContext['endpoints']): string {
    return `pypi ${endpoints.pypi.kind} ${endpoints.pypi.base}`;
  }

  async fetchPackage(name: string, ctx: LookupContext): Promise<PackageAnswer> {
    const { kind, base } = ctx.endpoints.pypi;
    const source = base === PUBLIC.pypi ? 'PyPI' : hostOf(base);
    const simple = kind === 'simple';
    const url = simple ? `${base}${pypiPackagePath(name)}/` : `${base}${pypiPackagePath(name)}/json`;
    const fetched = await this.fetcher.get<PackageInfo>(
      {
        key: `${simple ? 'pypi-simple' : 'pypi-json'} ${url}`,
        ttlMs: this.options.ttlMs,
        request: { url, accept: simple ? `${SIMPLE_JSON}, application/json;q=0.5` : 'application/json', timeoutMs: this.options.timeoutMs, maxBytes: this.options.maxBytes, credentials: ctx.endpoints.credentials },
        parse: async (res) => {
          if (simple && !/json/i.test(res.contentType ?? '')) throw new RegistryError('invalid', `${hostOf(url)} does not offer the PEP 691 JSON simple API`);
          const info = await this.documents.readDocument(res.body, { kind: simple ? 'pypi-simple' : 'pypi-json', name, source });
          if (!info) throw new RegistryError('invalid', `${hostOf(url)} did not answer with PyPI project data for ${name}`);
          return info;
        },
      },
      ctx,
    );
    return fetched.answer.found
      ? { found: true, info: fetched.answer.value, storedAt: fetched.storedAt, fromCache: fetched.fromCache }
      : { found: false, source, storedAt: fetched.storedAt, fromCache: fetched.fromCache };
  }

  /**
   * One release's own JSON (`GET <pypi>/<project>/<version>/json`): the project document gives
   * `requires_dist` for its latest release only. The suspicious-release check asks for the one
   * release before the resolved one, at most once per package (the answer is cached; offline,
   * only the cache answers). A PEP 691 simple index has no such document.
   */
  async fetchReleaseDependencies(info: PackageInfo, version: VersionInfo, ctx: LookupContext): Promise<Fetched<string[]>> {
    const { kind, base } = ctx.endpoints.pypi;
    if (kind !== 'json') throw new RegistryError('invalid', `${hostOf(base)} is a simple index, which gives no release metadata`);
    const url = `${base}${pypiPackagePath(info.name)}/${encodeURIComponent(version.version)}/json`;
    return this.fetcher.get<string[]>(
      {
        key: `pypi-release-json ${url}`,
        ttlMs: 30 * 24 * 60 * 60_000, // a published release's metadata never changes
        request: { url, accept: 'application/json', timeoutMs: this.options.timeoutMs, maxBytes: this.options.maxBytes, credentials: ctx.endpoints.credentials },
        parse: (res) => {
          const release = parsePypiJson(parseJsonBody(res.body), info.name, info.name)?.versions[0];
          if (!release?.dependencies) throw new RegistryError('invalid', `${hostOf(url)} did not give the dependencies of ${info.name} ${version.version}`);
          return release.dependencies;
        },
      },
      ctx,
    );
  }
}
