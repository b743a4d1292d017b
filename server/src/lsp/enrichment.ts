/**
 * The registry pass of the language server. Analysis never waits for it: each analysis reads the
 * registry facts already in memory (`viewFor`), and after the offline findings are published
 * `start` gathers what is missing in the background, re-publishing (throttled) as facts arrive.
 *
 * One pass per document: a new version or closing the document cancels the running pass at once,
 * and a pass only ever re-publishes the version it was started for (the server checks). Requests
 * themselves are shared, so the next version's pass picks up lookups still in flight.
 * In an untrusted workspace (`trusted: false`) there is no registry pass and no view at all.
 */
import { setMaxListeners } from 'node:events';
import type { Logger } from '../analysis/analyze';
import type { Manifest, ManifestKind } from '../model/model';
import type { Settings } from '../model/settings';
import type { Registries, ManifestScope } from '../registries';
import { cachedTextReader } from '../registries/config/configFiles';
import { registryDependencies } from '../registries/facts/registryService';
import type { RegistryView } from '../registries/types';
import type { LockedVersions } from '../model/model';
import type { LockTree } from '../tree/model';

/** Facts arriving closer together than this are published together. */
const PUBLISH_THROTTLE_MS = 150;
/**
 * Offline diagnostics follow every keystroke; the registry pass of a document being edited starts
 * only after a pause this long, so typing does not start (and cancel) a pass per keystroke.
 */
export const REGISTRY_PAUSE_MS = 120;

export interface EnrichmentTarget {
  uri: string;
  version: number;
  kind: ManifestKind;
  path?: string;
  manifest: Manifest;
  locked?: LockedVersions;
  /** The lockfile tree: its locked packages are looked up too (advisories in the same OSV batch, package documents). */
  tree?: LockTree;
}

export interface EnrichmentHost {
  /** Re-analyse `uri` with the facts now known and publish, if it is still at `version`. */
  republish(uri: string, version: number): void;
  /** Registry health for the status bar: a reason when lookups failed, undefined when all answered. */
  reportHealth?(problem: string | undefined): void;
  logger: Logger;
}

interface Run {
  version: number;
  controller: AbortController;
  timer?: NodeJS.Timeout;
}

export class Enrichment {
  private readonly runs = new Map<string, Run>();
  private readonly pendingStarts = new Map<string, NodeJS.Timeout>();
  private readonly readText = cachedTextReader();

  constructor(
    private readonly registries: Registries,
    private readonly host: EnrichmentHost,
  ) {}

  /** Follows the settings that shape the registry layer (the concurrency limit). */
  configure(settings: Settings): void {
    this.registries.limiter.setMax(settings.maxConcurrentRequests);
  }

  /** Facts already known for this manifest; synchronous, never touches the network. */
  viewFor(target: Omit<EnrichmentTarget, 'uri' | 'version' | 'kind'>, settings: Settings): RegistryView {
    return this.registries.service.view(this.scopeOf(target, settings));
  }

  /**
   * `start`, at once for a document without a pass yet (just opened), else after REGISTRY_PAUSE_MS
   * without another call for it. The older pass is cancelled now either way.
   */
  startSoon(target: EnrichmentTarget, settings: Settings): void {
    const busy = this.runs.has(target.uri) || this.pendingStarts.has(target.uri);
    this.cancel(target.uri);
    if (!busy) return this.start(target, settings);
    this.pendingStarts.set(
      target.uri,
      setTimeout(() => {
        this.pendingStarts.delete(target.uri);
        this.start(target, settings);
      }, REGISTRY_PAUSE_MS),
    );
  }

  /** Starts the background pass for this document version, cancelling an older one. */
  start(target: EnrichmentTarget, settings: Settings): void {
    this.cancel(target.uri);
    if (registryDependencies(target.manifest).length === 0) return;
    const run: Run = { version: target.version, controller: new AbortController() };
    // One signal cancels every request of the pass: hundreds of listeners on it are by design.
    setMaxListeners(0, run.controller.signal);
    this.runs.set(target.uri, run);
    const publishSoon = () => {
      run.timer ??= setTimeout(() => {
        run.timer = undefined;
        if (!run.controller.signal.aborted) this.host.republish(target.uri, target.version);
      }, PUBLISH_THROTTLE_MS);
    };
    this.registries.service
      .enrich(this.scopeOf(target, settings), { offline: settings.offline, signal: run.controller.signal, onProgress: publishSoon })
      .then((summary) => {
        if (run.controller.signal.aborted) return;
        // A throttled publish still pending is done now; nothing new means nothing to publish.
        const pending = run.timer !== undefined;
        clearTimeout(run.timer);
        run.timer = undefined;
        if (summary.changed || pending) this.host.republish(target.uri, target.version);
        const failed = summary.unchecked.filter((u) => !/^offline/.test(u.reason));
        for (const u of failed) this.host.logger.info?.(`registry: ${u.name} not checked: ${u.reason}`);
        this.host.reportHealth?.(failed.length > 0 ? `${failed.length} package${failed.length === 1 ? '' : 's'} not checked: ${failed[0].reason}` : undefined);
      })
      .catch((err: unknown) => this.host.logger.error(`registry pass for ${target.uri} failed: ${(err as Error)?.stack ?? String(err)}`))
      .finally(() => {
        if (this.runs.get(target.uri) === run) this.runs.delete(target.uri);
      });
  }

  /**
   * Gathers the facts for one manifest and waits for them (no re-publishing): the workspace scan's
   * registry pass over files that are not open. Requests and answers are shared with live checks.
   */
  async check(target: Omit<EnrichmentTarget, 'uri' | 'version' | 'kind'>, settings: Settings, signal: AbortSignal): Promise<void> {
    if (registryDependencies(target.manifest).length === 0) return;
    const summary = await this.registries.service.enrich(this.scopeOf(target, settings), { offline: settings.offline, signal });
    for (const u of summary.unchecked.filter((x) => !/^offline/.test(x.reason))) this.host.logger.info?.(`registry: ${u.name} not checked: ${u.reason}`);
  }

  cancel(uri: string): void {
    clearTimeout(this.pendingStarts.get(uri));
    this.pendingStarts.delete(uri);
    const run = this.runs.get(uri);
    if (!run) return;
    run.controller.abort();
    clearTimeout(run.timer);
    this.runs.delete(uri);
  }

  cancelAll(): void {
    for (const uri of new Set([...this.runs.keys(), ...this.pendingStarts.keys()])) this.cancel(uri);
  }

  private scopeOf(target: Omit<EnrichmentTarget, 'uri' | 'version' | 'kind'>, settings: Settings): ManifestScope {
    const endpoints = this.registries.endpoints({ settings, manifest: target.manifest, manifestPath: target.path, readWorkspaceConfig: true, readText: this.readText });
    return { manifest: target.manifest, locked: target.locked, tree: target.tree, endpoints, minimumReleaseAgeDays: settings.minimumReleaseAgeDays };
  }
}
