/**
 * `malicious` for the locked tree: npm's security placeholder (the lockfile alone proves it) and
 * OSV malware advisories for every locked version, on the direct dependency that brings it in.
 */
import type { LockedPackage, LockGraph } from '../tree/model';
import type { LockedProblem } from './lockedFindings';
import { knownAdvisories, lockedRegistryRule } from './lockedRegistryFacts';
import { cachedNote, quoteRegistryText } from './registryFacts';
import type { RuleContext } from './types';

/** npm's stand-in after a malware takedown: the lockfile alone proves it, no look-up needed. */
const SECURITY_PLACEHOLDER = /^0\.0\.1-security(\.|$)/;

function malwareProblem(ctx: RuleContext, pkg: LockedPackage, graph: LockGraph): LockedProblem | undefined {
  if (graph.ecosystem === 'npm' && SECURITY_PLACEHOLDER.test(pkg.version)) {
    return { predicate: 'is npm\'s security placeholder: the package was malware and was taken down. Treat machines that installed it as compromised' };
  }
  const known = knownAdvisories(ctx, pkg, graph);
  const malware = known?.value.filter((a) => a.malicious) ?? [];
  if (!known || malware.length === 0) return undefined;
  const ids = malware.map((a) => quoteRegistryText(a.id, 60)).join(', ');
  const summary = malware.find((a) => a.summary)?.summary;
  return {
    predicate: `is known malware (${ids})${summary ? `: ${quoteRegistryText(summary, 160)}` : ''}. Remove the dependency that brings it in, and treat machines that installed it as compromised${cachedNote(known.cachedAt)}`,
  };
}

export const maliciousLocked = lockedRegistryRule('malicious', malwareProblem);
