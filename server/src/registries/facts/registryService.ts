/**
 * Gathers registry facts for a manifest (`enrich`, async, cancellable) and serves them to rules
 * and hovers (`view`, synchronous, memory only). The split is what keeps typing fast: analysis
 * never waits — it sees whatever facts are already known — and the adapter re-runs it when
 * `enrich` reports progress.
 *
 * Facts are remembered per package and registry (so two manifests share them) and per resolved
 * version (advisories, NuGet install files), because the resolved version depends on the spec
 * being typed while the package document does not.
 */
import type { Dependency, Ecosystem, Manifest } from '../../model/model';
import { normalizeName } from '../../model/names';
import type { LockedVersions } from '../../model/model';
import type { LockTree } from '../../tree/model';
import { factBytes, LruMap } from '../cache/memoryCache';
import type { RegistryClient } from '../client';
import type { Endpoints } from '../config/endpoints';
import { InvalidNameError } from '../config/packageUrls';
import { hostOf, isCancellation, reasonOf } from '../errors';
import type { OsvClient, OsvQuery } from '../osv/osvClient';
import type { Advisory, Checked, InstallTimeFiles, PackageInfo, RegistryView, VersionInfo } from '../types';
import { historyLookups } from './previousRelease';
import { findVersion, resolveVersion } from './resolve';
import { buildView, type StoredPackage } from './view';

export interface ManifestScope {
  manifest: Manifest;
  locked?: LockedVersions;
  endpoints: Endpoints;
  /** The lockfile tree that installs the manifest: its locked packages get advisories and package documents too. */
  tree?: LockTree;
  /**
   * `manifestGuard.minimumReleaseAgeDays`: how recent a locked package's document must be for its
   * full form to be fetched (see fullDocumentNeeded). Absent: the default window alone.
   */
  minimumReleaseAgeDays?: number;
}

const DAY_MS = 24 * 60 * 60_000;
/**
 * A locked package's full npm document (publish times, publishers) is fetched only when its
 * abbreviated one changed within max(minimumReleaseAgeDays, this many days): the release-age and
 * publisher signals are about releases that new, and a document untouched for longer holds none.
 * 30 is the suspicious-release rule's "days-old dependency" window.
 */
export const RECENT_DOCUMENT_DAYS = 30;

/** Whether an abbreviated answer must be followed by the full document (unknown `modified`: yes). */
export function fullDocumentNeeded(info: PackageInfo, now: number, minimumReleaseAgeDays = 0): boolean {
  if (!info.abbreviated) return false;
  if (info.modified === undefined) return true;
  return info.modified >= now - Math.max(minimumReleaseAgeDays, RECENT_DOCUMENT_DAYS) * DAY_MS;
}

export interface EnrichOptions {
  /** No network: cached answers only (said to be cached). */
  offline: boolean;
  signal?: AbortSignal;
  /** Called whenever new facts are stored, so the adapter can re-analyse and re-publish. */
  onProgress?: () => void;
}

export interface EnrichSummary {
  /** Dependencies that could not be checked, with the reason (for logs and the CLI). */
  unchecked: Array<{ name: string; reason: string }>;
  /** Whether any fact differs from what views saw before (if not, nothing needs re-publishing). */
  changed: boolean;
}

export class RegistryService {
  // Bounded by count and by bytes: a few thousand documents of packages with thousands of
  // versions each must not hold hundreds of megabytes.
  private readonly packages = new LruMap<string, StoredPackage>(5000, factBytes(FACT_BYTES.packages));
  private readonly installFiles = new LruMap<string, Checked<InstallTimeFiles>>(5000, factBytes(FACT_BYTES.other));
  private readonly releaseDependencies = new LruMap<string, Checked<string[]>>(5000, factBytes(FACT_BYTES.other));
  private readonly advisories = new LruMap<string, Checked<Advisory[]>>(5000, factBytes(FACT_BYTES.other));

  constructor(
    private readonly clients: Readonly<Record<Ecosystem, RegistryClient>>,
    private readonly osv: OsvClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** Forgets every fact gathered (the caches below are cleared by their owner). */
  forget(): void {
    this.packages.clear();
    this.installFiles.clear();
    this.releaseDependencies.clear();
    this.advisories.clear();
  }

  view(scope: ManifestScope): RegistryView {
    return buildView({
      now: this.now(),
      locked: scope.locked,
      keys: (dep) => this.keysFor(dep, scope.endpoints),
      extraIndexKeys: (dep) => this.extraIndexes(dep, scope.endpoints).map(({ endpoints, index }) => ({ index, public: endpoints.pypi.kind === 'json', packageKey: this.keysFor(dep, endpoints).packageKey })),
      pypiIndexIsPublic: scope.endpoints.pypi.kind === 'json',
      advisoryKeyOf: (ecosystem, name, version) => this.advisoryKey({ ecosystem, name, version }, scope.endpoints),
      packageKeyOf: (ecosystem, name) => this.packageKey(ecosystem, name, scope.endpoints),
      packages: this.packages,
      installFiles: this.installFiles,
      releaseDependencies: this.releaseDependencies,
      advisories: this.advisories,
    });
  }

  async enrich(scope: ManifestScope, options: EnrichOptions): Promise<EnrichSummary> {
    const summary: EnrichSummary = { unchecked: [], changed: false };
    const { unchecked } = summary;
    // Typing re-runs this on every keystroke, mostly answered from memory: report progress only
    // when a fact really changed, so an unchanged document is not re-published.
    const noteChange = (changed: boolean) => {
      if (!changed) return;
      summary.changed = true;
      options.onProgress?.();
    };
    const ctx = { endpoints: scope.endpoints, offline: options.offline, signal: options.signal };
    const found: Array<{ dep: Dependency; info: PackageInfo }> = [];
    // One lookup per package and per resolved version, however many entries name them
    // (dependencies + overrides, a requirement repeated with another spec…).
    const packageLookups = new Map<string, Promise<StoredPackage | 'cancelled'>>();
    const fileLookups = new Set<string>();

    await startInSlices(registryDependencies(scope.manifest), options.signal, async (dep) => {
      const keys = this.keysFor(dep, scope.endpoints);
      const client = this.clients[dep.ecosystem];
      let lookup = packageLookups.get(keys.packageKey);
      if (!lookup) {
        lookup = this.lookup(() => client.fetchPackage(keys.name, ctx), options.signal).then((stored) => {
          if (stored === 'cancelled') return stored;
          noteChange(replace(this.packages, keys.packageKey, stored, samePackage));
          if (stored.state === 'unchecked') unchecked.push({ name: keys.name, reason: stored.reason });
          return stored;
        });
        packageLookups.set(keys.packageKey, lookup);
      }
      // pip merges its extra indexes with the main one: whether they serve the name too is
      // what dependency confusion turns on. Their answers are not packages of this manifest.
      const extras = this.extraIndexes(dep, scope.endpoints).map(async ({ index, endpoints }) => {
        const key = this.keysFor(dep, endpoints).packageKey;
        if (packageLookups.has(key)) return;
        const extraCtx = { ...ctx, endpoints };
        const extra = this.lookup(() => client.fetchPackage(keys.name, extraCtx), options.signal).then((got) => {
          if (got === 'cancelled') return got;
          noteChange(replace(this.packages, key, got, samePackage));
          if (got.state === 'unchecked') unchecked.push({ name: `${keys.name} on ${hostOf(index)}`, reason: got.reason });
          return got;
        });
        packageLookups.set(key, extra);
        await extra;
      });
      const stored = await lookup;
      await Promise.all(extras);
      if (stored === 'cancelled' || stored.state !== 'found') return;
      found.push({ dep, info: stored.info });
      const { resolved } = resolveVersion(dep, stored.info, scope.locked?.versionOf(dep));
      const filesKey = `${keys.packageKey}@${resolved?.version}`;
      if (!resolved?.info || fileLookups.has(filesKey)) return;
      fileLookups.add(filesKey);
      const version = resolved.info;
      const files = client.fetchInstallFiles ? await this.checked(() => client.fetchInstallFiles!(stored.info, version, ctx), options.signal) : undefined;
      if (files === 'cancelled') return;
      if (files) noteChange(replace(this.installFiles, filesKey, files, sameJson));
      await this.enrichHistory(keys.packageKey, stored.info, version, files, ctx, packageLookups, noteChange);
    });
    if (options.signal?.aborted) return summary;
    // The tree's packuments do not feed the advisory batch, so neither waits for the other.
    const [advisoriesChanged] = await Promise.all([this.enrichAdvisories(found, scope, options, unchecked), this.enrichLocked(scope, ctx, packageLookups, noteChange, unchecked)]);
    noteChange(advisoriesChanged);
    return summary;
  }

  /**
   * Package documents for the lockfile tree's registry packages, for the deprecation, release-age
   * and publisher rules. Each name once (direct dependencies already looked up are skipped);
   * concurrency is bounded by the HTTP limiter and answers come from the shared caches. npm's
   * abbreviated document first (dependencies, install scripts, deprecation, sizes), the full one
   * only when that document changed recently (fullDocumentNeeded): a 250-package lockfile costs
   * a few megabytes instead of hundreds.
   */
  private async enrichLocked(scope: ManifestScope, ctx: { endpoints: Endpoints; offline: boolean; signal?: AbortSignal }, asked: Map<string, unknown>, noteChange: (changed: boolean) => void, unchecked: EnrichSummary['unchecked']): Promise<void> {
    if (!scope.tree) return;
    const { ecosystem, packages } = scope.tree.graph;
    const client = this.clients[ecosystem];
    const names = new Map<string, string>();
    // Versions whose install-time files only the registry can tell (the lockfile does not record them).
    const unrecorded = new Map<string, string[]>();
    for (const pkg of packages.values()) {
      if (pkg.source !== 'registry' || !pkg.version || !pkg.name) continue;
      const key = this.packageKey(ecosystem, pkg.name, scope.endpoints);
      if (asked.has(key)) continue;
      names.set(key, pkg.name);
      if (pkg.installScript === undefined) unrecorded.set(key, [...(unrecorded.get(key) ?? []), pkg.version]);
    }
    await Promise.all(
      [...names].map(async ([key, name]) => {
        const stored = await this.lookupLocked(client, key, name, ctx, scope.minimumReleaseAgeDays);
        if (stored === 'cancelled') return;
        noteChange(replace(this.packages, key, stored, samePackage));
        if (stored.state === 'unchecked') unchecked.push({ name, reason: stored.reason });
        if (stored.state !== 'found' || !client.fetchInstallFiles) return;
        const info = stored.info;
        for (const locked of unrecorded.get(key) ?? []) {
          const version = findVersion(info, locked);
          if (!version) continue;
          const files = await this.checked(() => client.fetchInstallFiles!(info, version, ctx), ctx.signal);
          if (files === 'cancelled') return;
          noteChange(replace(this.installFiles, `${key}@${version.version}`, files, sameJson));
        }
      }),
    );
  }

  /**
   * What comparing the resolved release with the one before it needs beyond the package document
   * (facts/previousRelease.ts): PyPI's previous release metadata, NuGet's previous file list — one
   * request each, only when the current release gives something to compare — and the documents of
   * the few dependencies an npm patch or minor release adds, unless already known.
   */
  private async enrichHistory(packageKey: string, info: PackageInfo, current: VersionInfo, files: Checked<InstallTimeFiles> | undefined, ctx: { endpoints: Endpoints; offline: boolean; signal?: AbortSignal }, asked: Map<string, Promise<StoredPackage | 'cancelled'>>, noteChange: (changed: boolean) => void): Promise<void> {
    const client = this.clients[info.ecosystem];
    const plan = historyLookups(info, current);
    const previous = plan.previous;
    if (!previous) return;
    const previousKey = `${packageKey}@${previous.version}`;
    if (plan.previousDependencies && client.fetchReleaseDependencies && this.releaseDependencies.peek(previousKey)?.state !== 'known') {
      const got = await this.checked(() => client.fetchReleaseDependencies!(info, previous, ctx), ctx.signal);
      if (got !== 'cancelled') noteChange(replace(this.releaseDependencies, previousKey, got, sameJson));
    }
    const shipsInstallFiles = files?.state === 'known' && files.value.files.length > 0;
    if (plan.previousFiles && shipsInstallFiles && client.fetchInstallFiles && this.installFiles.peek(previousKey)?.state !== 'known') {
      const got = await this.checked(() => client.fetchInstallFiles!(info, previous, ctx), ctx.signal);
      if (got !== 'cancelled') noteChange(replace(this.installFiles, previousKey, got, sameJson));
    }
    await Promise.all(
      plan.newDependencies.map(async (name) => {
        const key = this.packageKey(info.ecosystem, name, ctx.endpoints);
        const held = this.packages.peek(key);
        // A days-old dependency is judged by publish times, which an abbreviated document lacks.
        if (asked.has(key) || (held?.state === 'found' && !held.info.abbreviated)) return;
        const lookup = this.lookup(() => client.fetchPackage(name, ctx), ctx.signal);
        asked.set(key, lookup);
        const stored = await lookup;
        if (stored !== 'cancelled' && stored.state !== 'unchecked') noteChange(replace(this.packages, key, stored, samePackage));
      }),
    );
  }

  /** Looks advisories up for every resolved version in one batch; true when any answer changed. */
  private async enrichAdvisories(found: Array<{ dep: Dependency; info: PackageInfo }>, scope: ManifestScope, options: EnrichOptions, unchecked: EnrichSummary['unchecked']): Promise<boolean> {
    const queries = new Map<string, OsvQuery>();
    for (const { dep, info } of found) {
      const { resolved } = resolveVersion(dep, info, scope.locked?.versionOf(dep));
      if (!resolved) continue;
      const query = { ecosystem: dep.ecosystem, name: info.name, version: resolved.version };
      queries.set(this.advisoryKey(query, scope.endpoints), query);
    }
    // The locked tree goes into the same batch: a few thousand packages cost one or two requests.
    for (const query of lockedQueries(scope.tree)) queries.set(this.advisoryKey(query, scope.endpoints), query);
    if (queries.size === 0) return false;
    let results;
    try {
      results = await this.osv.advisories([...queries.values()], { base: scope.endpoints.osv, offline: options.offline, signal: options.signal });
    } catch (err) {
      if (isCancellation(err)) return false;
      results = [...queries.values()].map(() => (err instanceof Error ? err : new Error(String(err))));
    }
    const list = [...queries.values()];
    let changed = false;
    [...queries.keys()].forEach((key, i) => {
      const r = results[i];
      if (r instanceof Error) {
        const reason = `advisories not checked: ${reasonOf(r)}`;
        changed = replace(this.advisories, key, { state: 'unchecked', reason }, sameJson) || changed;
        unchecked.push({ name: `${list[i].name}@${list[i].version}`, reason });
      } else if (r.answer.found) {
        changed = replace(this.advisories, key, { state: 'known', value: r.answer.value, cachedAt: r.fromCache ? r.storedAt : undefined }, sameJson) || changed;
      }
    });
    return changed;
  }

  /** A locked package's document: abbreviated, then full when recent (or when the full one is what views already hold). */
  private async lookupLocked(client: RegistryClient, key: string, name: string, ctx: { endpoints: Endpoints; offline: boolean; signal?: AbortSignal }, minimumReleaseAgeDays: number | undefined): Promise<StoredPackage | 'cancelled'> {
    const held = this.packages.peek(key);
    // Never trade a full document views already hold for less (the fetcher's cache answers it while fresh).
    const form = held?.state === 'found' && !held.info.abbreviated ? 'full' : 'abbreviated';
    const first = await this.lookup(() => client.fetchPackage(name, ctx, form), ctx.signal);
    if (first === 'cancelled' || first.state !== 'found' || !fullDocumentNeeded(first.info, this.now(), minimumReleaseAgeDays)) return first;
    const full = await this.lookup(() => client.fetchPackage(name, ctx, 'full'), ctx.signal);
    // The full document failing leaves the abbreviated facts, which are still true.
    return full !== 'cancelled' && full.state === 'unchecked' ? first : full;
  }

  private async lookup(fetch: () => ReturnType<RegistryClient['fetchPackage']>, signal?: AbortSignal): Promise<StoredPackage | 'cancelled'> {
    try {
      const answer = await fetch();
      const cachedAt = answer.fromCache ? answer.storedAt : undefined;
      return answer.found ? { state: 'found', info: answer.info, cachedAt } : { state: 'not-found', source: answer.source, cachedAt };
    } catch (err) {
      if (isCancellation(err) || signal?.aborted) return 'cancelled';
      return { state: 'unchecked', reason: err instanceof InvalidNameError ? err.message : reasonOf(err) };
    }
  }

  private async checked<T extends object>(fetch: () => Promise<{ answer: { found: true; value: T } | { found: false }; storedAt: number; fromCache: boolean }>, signal?: AbortSignal): Promise<Checked<T> | 'cancelled'> {
    try {
      const got = await fetch();
      if (!got.answer.found) return { state: 'unchecked', reason: 'the registry no longer has this document' };
      return { state: 'known', value: got.answer.value, cachedAt: got.fromCache ? got.storedAt : undefined };
    } catch (err) {
      if (isCancellation(err) || signal?.aborted) return 'cancelled';
      return { state: 'unchecked', reason: reasonOf(err) };
    }
  }

  private keysFor(dep: Dependency, endpoints: Endpoints): { name: string; packageKey: string; advisoryKey: (version: string, registryName: string) => string } {
    const name = (dep.aliasOf ?? dep.name).trim();
    return {
      name,
      packageKey: this.packageKey(dep.ecosystem, name, endpoints),
      advisoryKey: (version, registryName) => this.advisoryKey({ ecosystem: dep.ecosystem, name: registryName, version }, endpoints),
    };
  }

  /** The `--extra-index-url`s a PyPI dependency is also looked up on, as endpoints of their own. */
  private extraIndexes(dep: Dependency, endpoints: Endpoints): Array<{ index: string; endpoints: Endpoints }> {
    if (dep.ecosystem !== 'pypi' || endpoints.pypiExtra.length === 0) return [];
    return endpoints.pypiExtra.map((pypi) => ({ index: pypi.base, endpoints: { ...endpoints, pypi } }));
  }

  private packageKey(ecosystem: Ecosystem, name: string, endpoints: Endpoints): string {
    // npm names are case-sensitive in URLs (legacy `JSONStream`); elsewhere the normal form identifies.
    const id = ecosystem === 'npm' ? name : normalizeName(ecosystem, name);
    return `${this.clients[ecosystem].locate(name, endpoints)}|${id}`;
  }

  private advisoryKey(q: OsvQuery, endpoints: Endpoints): string {
    return `${endpoints.osv}|${q.ecosystem}|${normalizeName(q.ecosystem, q.name)}@${q.version}`;
  }
}

/** Byte budgets of the facts kept (estimatedBytes): package documents, and each of the smaller kinds. */
export const FACT_BYTES = { packages: 64 * 1024 * 1024, other: 16 * 1024 * 1024 };

/**
 * Lookups start this many at a time, the event loop served in between: starting 100,000 at once
 * (a 100,000-line requirements file) held the server's thread for ~300 ms, and so did creating
 * 100,000 waiting calls up front: each slice's calls are made only when its turn comes. Answers
 * from memory or offline settle within the task that started them, so a slice stays small; not
 * too small, though: at 200 per turn a 100,000-line file's pass took so many turns that the
 * memory of bench/lspHostile was not given back 10 s after its documents closed (1.55–1.64× idle,
 * 1.05–1.10× at 500).
 */
const START_SLICE = 500;

/** Starts `lookup` for every dependency, a slice per task, without waiting for one slice to finish before the next; resolves when all are done. */
async function startInSlices(dependencies: readonly Dependency[], signal: AbortSignal | undefined, lookup: (dep: Dependency) => Promise<void>): Promise<void> {
  const running: Array<Promise<void>> = [];
  for (let start = 0; start < dependencies.length; start += START_SLICE) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) break;
    for (const dep of dependencies.slice(start, start + START_SLICE)) running.push(lookup(dep));
  }
  await Promise.all(running);
}

/** Stores `next` under `key`; true when it differs from what was there. */
function replace<T>(map: LruMap<string, T>, key: string, next: T, same: (a: T, b: T) => boolean): boolean {
  const previous = map.peek(key);
  map.set(key, next);
  return previous === undefined || !same(previous, next);
}

/** Package documents are compared by identity: a cache hit hands back the very same object. */
function samePackage(a: StoredPackage, b: StoredPackage): boolean {
  if (a.state !== b.state) return false;
  if (a.state === 'found' && b.state === 'found') return a.info === b.info && a.cachedAt === b.cachedAt;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Advisory lists and file lists are small: compared by content. */
function sameJson<T>(a: T, b: T): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Exact registry versions of the lockfile tree (git, path and link entries have no advisories). */
function lockedQueries(tree: LockTree | undefined): OsvQuery[] {
  if (!tree) return [];
  const { graph } = tree;
  const out: OsvQuery[] = [];
  for (const pkg of graph.packages.values()) {
    if (pkg.source === 'registry' && pkg.version && pkg.name) out.push({ ecosystem: graph.ecosystem, name: pkg.name, version: pkg.version });
  }
  return out;
}

/** Dependencies the registries can say something about (not git, URL, path or workspace ones). */
export function registryDependencies(manifest: Manifest): Dependency[] {
  return manifest.dependencies.filter((d) => (d.source === 'registry' || d.source === 'alias') && (d.aliasOf ?? d.name).trim() !== '');
}

