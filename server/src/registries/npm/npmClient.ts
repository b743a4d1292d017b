/**
 * npm: one packument per package (`GET <registry>/<name>`, scopes as `@scope%2fname`): the full
 * document, or the abbreviated one (`Accept: application/vnd.npm.install-v1+json`, a fraction of
 * the bytes) when the caller needs no publish times or publishers. The two are cached under
 * different keys; a registry that ignores the Accept header answers the abbreviated request with
 * the full document, which is parsed as what it is (PackageInfo.abbreviated unset).
 * The body is read as it arrives (npm/packumentSlim.ts): only the fields the rules read are kept,
 * so a 21 MB document is never held whole, neither as bytes nor as parsed JSON.
 */
import { PUBLIC } from '../config/endpoints';
import { npmPackagePath } from '../config/packageUrls';
import type { CachedFetcher } from '../cache/cachedFetcher';
import type { FetchLimits, LookupContext, PackageAnswer, PackageForm, RegistryClient } from '../client';
import { RegistryError, hostOf } from '../errors';
import { INLINE_DOCUMENTS, type DocumentReader } from '../parse/documents';
import type { PackageInfo } from '../types';
import { parsePackument } from './packument';
import { PackumentReader, PackumentTooLarge } from './packumentSlim';

/** `maxBytes` is large: full packuments of very popular packages reach tens of megabytes on the real registry. */
export type NpmClientOptions = FetchLimits;

/** npm's abbreviated ("corgi") packument; the full JSON is accepted as a fallback. */
export const NPM_ABBREVIATED = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8';

export const NPM_DEFAULTS: NpmClientOptions = { timeoutMs: 15_000, maxBytes: 64 * 1024 * 1024, ttlMs: 60 * 60_000 };

export class NpmClient implements RegistryClient {
  readonly ecosystem = 'npm' as const;

  constructor(
    private readonly fetcher: CachedFetcher,
    private readonly options: NpmClientOptions = NPM_DEFAULTS,
    private readonly documents: DocumentReader = INLINE_DOCUMENTS,
  ) {}

  locate(name: string, endpoints: LookupContext['endpoints']): string {
    return `npm ${endpoints.npmRegistryFor(name)}`;
  }

  async fetchPackage(name: string, ctx: LookupContext, form: PackageForm = 'full'): Promise<PackageAnswer> {
    const registry = ctx.endpoints.npmRegistryFor(name);
    const url = `${registry}${npmPackagePath(name)}`;
    const source = registry === PUBLIC.npm ? 'npm' : hostOf(registry);
    let reader: PackumentReader | undefined;
    const fetched = await this.fetcher.get<PackageInfo>(
      {
        key: `${form === 'abbreviated' ? 'npm-abbreviated' : 'npm-packument'} ${url}`,
        ttlMs: this.options.ttlMs,
        request: { url, ...(form === 'abbreviated' ? { accept: NPM_ABBREVIATED } : {}), timeoutMs: this.options.timeoutMs, maxBytes: this.options.maxBytes, credentials: ctx.endpoints.credentials, sink: () => (reader = new PackumentReader()) },
        parse: async (res) => {
          // A transport without sinks (tests' fakes) hands the whole body over instead.
          const info = res.sunk && reader ? readStreamed(reader, name, source) : await this.documents.readDocument(res.body, { kind: 'npm-packument', name, source });
          if (!info) throw new RegistryError('invalid', `${hostOf(url)} did not answer with an npm packument for ${name}`);
          return info;
        },
      },
      ctx,
    );
    return fetched.answer.found
      ? { found: true, info: fetched.answer.value, storedAt: fetched.storedAt, fromCache: fetched.fromCache }
      : { found: false, source, storedAt: fetched.storedAt, fromCache: fetched.fromCache };
  }
}

function readStreamed(reader: PackumentReader, name: string, source: string): PackageInfo | undefined {
  let slim;
  try {
    slim = reader.end();
  } catch (err) {
    if (err instanceof PackumentTooLarge) throw new RegistryError('too-large', `the npm packument of ${name} is too large to read (${err.message})`);
    throw err;
  }
  return slim && parsePackument(slim, name, source);
}
