/**
 * A locked download with no integrity hash, in a lockfile that records hashes for the others:
 * the package manager has nothing to check the download against, so a swapped tarball installs
 * silently. Dropping the hash is what a hand-edited (or tampered) lockfile entry looks like.
 */
import type { LockedPackage, LockGraph } from '../tree/model';
import { checkLockedPackages } from './lockedFindings';
import type { RawFinding, Rule, RuleContext } from './types';

const recordsHashes = new WeakMap<LockGraph, boolean>();

/** Lockfiles written without hashes (pip-compile without --generate-hashes, old yarn) are not news. */
function lockfileRecordsHashes(graph: LockGraph): boolean {
  let records = recordsHashes.get(graph);
  if (records === undefined) {
    records = false;
    for (const pkg of graph.packages.values()) {
      if (pkg.integrity) {
        records = true;
        break;
      }
    }
    recordsHashes.set(graph, records);
  }
  return records;
}

/** Only downloads can be hashed: git checkouts, local paths, workspaces and bundled files cannot. */
function isDownload(pkg: LockedPackage): boolean {
  return (pkg.source === 'registry' || pkg.source === 'url') && !pkg.bundled && pkg.version !== '';
}

function check(ctx: RuleContext): RawFinding[] {
  return checkLockedPackages(ctx, {
    checksDirect: () => true,
    problem: (pkg: LockedPackage, graph: LockGraph) =>
      isDownload(pkg) && !pkg.integrity && lockfileRecordsHashes(graph)
        ? {
            predicate: `has no integrity hash in ${graph.source}, though the other packages there have one: nothing checks that the download is the package that was locked`,
            // Some registries leave the hash out for real; a warning, not the error a plain-http source is.
            severity: 'warning' as const,
          }
        : undefined,
  });
}

export const missingIntegrity: Rule = { id: 'missing-integrity', check };
