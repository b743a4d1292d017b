/**
 * `non-registry-source` for locked packages: a `resolved` location that is not the registry —
 * a git repository, a tarball URL, a local path, or a registry-shaped download from a host that
 * is not the registry (the shape a tampered lockfile uses to swap one package).
 */
import type { Settings } from '../model/settings';
import type { LockedPackage, LockGraph } from '../tree/model';
import { expectedRegistryHost, isRegistryHost } from '../tree/registryHosts';
import { displayLocation, hostOf } from '../tree/sources';
import { checkLockedPackages, declaredFromRegistry, type LockedProblem } from './lockedFindings';
import type { RawFinding, Rule, RuleContext } from './types';

function problem(pkg: LockedPackage, graph: LockGraph, settings: Settings): LockedProblem | undefined {
  const where = pkg.resolved ? displayLocation(pkg.resolved) : undefined;
  switch (pkg.source) {
    case 'git':
      return { predicate: `comes from a git repository${where ? ` (${where})` : ''}, not the registry: no registry integrity checks, advisories or malware takedowns cover it` };
    case 'url':
      return { predicate: `is downloaded from a URL${where ? ` (${where})` : ''} instead of the registry: the file behind it can change and no advisory covers it` };
    case 'path':
      return { predicate: `is installed from a local path${where ? ` (${where})` : ''}, not from a published version` };
    case 'registry': {
      const host = hostOf(pkg.resolved);
      if (!host || isRegistryHost(host, graph, settings)) return undefined;
      return { predicate: `is downloaded from ${host} (${where}), not from the registry the rest of ${graph.source} uses (${expectedRegistryHost(graph, settings)})` };
    }
    case 'workspace':
      return undefined; // a project of this repository
  }
}

function check(ctx: RuleContext): RawFinding[] {
  return checkLockedPackages(ctx, {
    // A git/URL/path spec in the manifest is reported by the direct rule; a registry spec that the
    // lockfile resolved elsewhere is not, and is exactly what lockfile tampering looks like.
    checksDirect: declaredFromRegistry,
    problem: (pkg, graph) => problem(pkg, graph, ctx.settings),
  });
}

export const nonRegistrySourceLocked: Rule = { id: 'non-registry-source', check };
