/**
 * `dependency-confusion`, with registry facts: which of pip's indexes serve each requirement.
 * pip merges every `--extra-index-url` with the main index and installs the highest version any
 * of them has, so a requirement is exposed when
 * - only an extra index serves it: whoever registers the name on the main index (PyPI) with a
 *   higher version is installed instead — Birsan's attack, and PyTorch's `torchtriton` (2022);
 * - both serve it with different releases: the two are different packages under one name.
 * An extra index that only mirrors the main one (a proxy: its releases are all on the main index
 * too) is no exposure and is not reported. The offline half of the rule flags the option itself.
 */
import { hostOf } from '../registries/errors';
import { cachedNote, quoteRegistryText } from '../registries/facts/forRules';
import type { ExtraIndexFacts, PackageInfo } from '../registries/types';
import type { RawFinding, Rule, RuleContext } from './types';

/** Releases named here that the other document lacks (PEP 440 normal form aside, as listed). */
function releasesMissingFrom(here: PackageInfo, other: PackageInfo): string[] {
  const there = new Set(other.versions.map((v) => v.version.trim().toLowerCase()));
  return here.versions.map((v) => v.version).filter((v) => !there.has(v.trim().toLowerCase()));
}

/** A few of the versions, as registry text: sanitised and capped. */
function listed(versions: string[]): string {
  const shown = versions.slice(0, 3).map((v) => quoteRegistryText(v, 40)).join(', ');
  return versions.length > 3 ? `${shown} and ${versions.length - 3} more` : shown;
}

function check(ctx: RuleContext): RawFinding[] {
  const view = ctx.registry;
  if (!view?.onExtraIndexes || ctx.manifest.ecosystem !== 'pypi') return [];
  const out: RawFinding[] = [];
  for (const dep of ctx.manifest.dependencies) {
    const found = view.onExtraIndexes(dep).filter((e): e is Extract<ExtraIndexFacts, { state: 'found' }> => e.state === 'found');
    if (found.length === 0) continue;
    const main = view.factsFor(dep);
    const extraHosts = found.map((e) => hostOf(e.index)).join(' and ');
    const base = { span: dep.nameSpan, package: dep.name, dependency: dep, severity: 'error' as const };
    if (main?.state === 'not-found') {
      out.push({
        ...base,
        message: `${dep.name} is served only by ${extraHosts} (an --extra-index-url), not by ${main.source}, and pip asks both and installs the highest version: whoever registers ${dep.name} on ${main.source} with a higher version gets installed instead. Reserve the name on ${main.source}, or install through a single --index-url that serves both.${cachedNote(main.cachedAt)}`,
      });
    } else if (main?.state === 'found') {
      const own = found.flatMap((e) => releasesMissingFrom(e.package, main.package));
      if (own.length === 0) continue; // the extra index mirrors the main one
      out.push({
        ...base,
        message: `${dep.name} is on both ${main.package.source} and ${extraHosts}, with releases of its own there (${listed(own)}): two packages share the name, and pip installs the highest version from either index. Install it through a single --index-url, or pin it with --hash.${cachedNote(main.cachedAt)}`,
      });
    }
  }
  return out;
}

export const dependencyConfusionIndexes: Rule = { id: 'dependency-confusion', check };
