/**
 * `install-script` for locked packages, offline: what the lockfile itself records — npm v2+
 * `hasInstallScript`, pnpm 5/6 `requiresBuild`, a pylock.toml package with no wheel (built from
 * source on install), a NuGet package with `tools/init.ps1` (project.assets.json lists its files).
 * Most of what `npm install` runs comes from packages nobody typed, so each is named on the
 * direct dependency that brings it in.
 */
import type { Dependency } from '../model/model';
import type { LockedPackage, LockGraph } from '../tree/model';
import { skippedHereNote } from './platformOnly';
import { checkLockedPackages } from './lockedFindings';
import type { RawFinding, Rule, RuleContext } from './types';

function whatRuns(pkg: LockedPackage, graph: LockGraph): string {
  switch (graph.ecosystem) {
    case 'npm':
      return graph.format.startsWith('pnpm') ? `runs a build step when installed (${graph.source} marks it \`requiresBuild\`)` : 'runs an install script when installed';
    case 'pypi':
      return pkg.source === 'registry' ? 'has no wheel, so installing it builds it from source and runs its build backend' : 'is built from source when installed, which runs its build backend';
    case 'nuget':
      return 'ships tools/init.ps1, which Visual Studio runs when the solution is opened';
  }
}

/**
 * Whether the registry half of this rule already judges this dependency's install-time code (and
 * reports it with the script's text): then the lockfile's word is not repeated.
 */
function registryJudges(ctx: RuleContext, dependency: Dependency): boolean {
  const facts = ctx.registry?.factsFor(dependency);
  if (facts?.state !== 'found') return false;
  const info = facts.resolved?.info;
  return info?.installScripts !== undefined || info?.distributions !== undefined || facts.installFiles?.state === 'known';
}

function check(ctx: RuleContext): RawFinding[] {
  return checkLockedPackages(ctx, {
    checksDirect: (dependency) => !registryJudges(ctx, dependency),
    problem: (pkg, graph) => {
      if (pkg.installScript !== true) return undefined;
      const skipped = skippedHereNote(pkg.name, pkg.os, ctx.project?.platform);
      return skipped ? { predicate: `${whatRuns(pkg, graph)}${skipped}`, severity: 'information' } : { predicate: whatRuns(pkg, graph) };
    },
  });
}

export const installScriptLocked: Rule = { id: 'install-script', check };
