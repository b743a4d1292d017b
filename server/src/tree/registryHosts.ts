/**
 * Which hosts count as "the registry" for a lockfile: the public registry, the one configured in
 * settings, and the host that serves most of the lockfile's registry downloads (a company mirror
 * or private registry the settings do not name). A registry-shaped download from any other host is
 * how a tampered lockfile smuggles in a package ("lockfile injection"), so it is reported.
 */
import type { Settings } from '../model/settings';
import type { LockGraph } from './model';
import { hostOf, PUBLIC_REGISTRY_HOSTS } from './sources';

/** A mirror is trusted only when it serves at least this many packages and most of them. */
const MIN_MIRROR_PACKAGES = 3;

const mainHosts = new WeakMap<LockGraph, string | null>();

/** The host most of the lockfile's registry downloads come from, if one clearly dominates. */
export function mainRegistryHost(graph: LockGraph): string | undefined {
  let host = mainHosts.get(graph);
  if (host === undefined) {
    const counts = new Map<string, number>();
    let total = 0;
    for (const pkg of graph.packages.values()) {
      const h = pkg.source === 'registry' ? hostOf(pkg.resolved) : undefined;
      if (!h) continue;
      total++;
      counts.set(h, (counts.get(h) ?? 0) + 1);
    }
    const [top, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [undefined, 0];
    host = top !== undefined && count >= MIN_MIRROR_PACKAGES && count * 2 > total ? top : null;
    mainHosts.set(graph, host);
  }
  return host ?? undefined;
}

export function isRegistryHost(host: string, graph: LockGraph, settings: Settings): boolean {
  return PUBLIC_REGISTRY_HOSTS[graph.ecosystem].includes(host) || host === hostOf(settings.registries[graph.ecosystem]) || host === mainRegistryHost(graph);
}

/** The registry host to name in a message: the dominant one, else the configured or public one. */
export function expectedRegistryHost(graph: LockGraph, settings: Settings): string {
  return mainRegistryHost(graph) ?? hostOf(settings.registries[graph.ecosystem]) ?? PUBLIC_REGISTRY_HOSTS[graph.ecosystem][0];
}
