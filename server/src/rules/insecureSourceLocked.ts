/**
 * `insecure-source` for locked packages: a `resolved` location fetched over plain http:// (or the
 * unauthenticated git:// protocol), where anyone on the network path can swap the package.
 */
import { displayLocation, isPlainTextUrl } from '../tree/sources';
import { checkLockedPackages, declaredFromRegistry } from './lockedFindings';
import type { RawFinding, Rule, RuleContext } from './types';

function check(ctx: RuleContext): RawFinding[] {
  return checkLockedPackages(ctx, {
    // An http:// URL written in the manifest is the direct rule's; one only the lockfile shows is ours.
    checksDirect: declaredFromRegistry,
    problem: (pkg) =>
      pkg.resolved && isPlainTextUrl(pkg.resolved)
        ? { predicate: `is fetched over an unencrypted connection (${displayLocation(pkg.resolved)}): anyone on the network path can swap it` }
        : undefined,
  });
}

export const insecureSourceLocked: Rule = { id: 'insecure-source', check };
