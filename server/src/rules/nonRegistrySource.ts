/**
 * `non-registry-source`: git, URL and path dependencies skip the registry — no immutable
 * versions, no integrity hash in most lockfiles, no advisories, no malware takedowns.
 */
import type { Dependency } from '../model/model';
import { QUOTED_MAX, shorten } from '../model/shorten';
import { gitRefKind } from '../specs/gitRef';
import type { RawFinding, Rule, RuleContext } from './types';

function describe(dep: Dependency): string {
  const location = dep.location ?? dep.spec ?? dep.name;
  const where = shorten(location, QUOTED_MAX);
  const name = shorten(dep.name, QUOTED_MAX);
  switch (dep.source) {
    case 'git':
      switch (gitRefKind(location)) {
        case 'commit':
          return `${name} comes from a git repository (${where}), not the registry: it is pinned to a commit, but has no registry integrity checks, advisories or malware takedowns.`;
        case 'abbreviated-commit':
          return `${name} comes from a git repository (${where}), not the registry: it is pinned to an abbreviated commit id, which a commit pushed later could in principle share (the full 40-digit id cannot), and it has no registry integrity checks, advisories or malware takedowns.`;
        default:
          return `${name} comes from a git repository (${where}) at a branch or tag that whoever controls the repository can move; it bypasses the registry's integrity checks, advisories and malware takedowns.`;
      }
    case 'url':
      return `${name} is downloaded from a URL (${where}), bypassing the registry: the file behind the URL can change and no advisory covers it.`;
    case 'path':
      return `${name} is installed from a local path (${where}); what gets installed depends on that folder's contents, not on a published version.`;
    case 'editable':
      return `${name} is installed in editable mode from ${where}: its code, including its build backend, runs from a checkout rather than a published release.`;
    default:
      return `${name} does not come from the registry (${where}).`;
  }
}

function checkDependencies(_ctx: RuleContext, dependencies: readonly Dependency[]): RawFinding[] {
  const out: RawFinding[] = [];
  for (const dep of dependencies) {
    if (dep.source === 'registry' || dep.source === 'alias' || dep.source === 'workspace') continue;
    const span = dep.specSpan && dep.specSpan.end > dep.specSpan.start ? dep.specSpan : dep.nameSpan;
    out.push({ span, message: describe(dep), package: dep.name, dependency: dep });
  }
  return out;
}

export const nonRegistrySource: Rule = { id: 'non-registry-source', check: (ctx) => checkDependencies(ctx, ctx.manifest.dependencies), checkDependencies };
