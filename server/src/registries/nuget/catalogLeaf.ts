/**
 * Install-time files of a NuGet package, from its catalog leaf: nuget.org's catalog lists every
 * file of the .nupkg in `packageEntries`, so one small JSON GET answers "does it ship MSBuild
 * files or PowerShell scripts?" without downloading the package. Flagged:
 * - `build/`, `buildTransitive/`, `buildMultiTargeting/` `.props`/`.targets`: imported into every
 *   build of the consuming project (and, for buildTransitive, of projects consuming that one);
 * - `tools/install.ps1` (packages.config projects, run by Visual Studio) and `tools/init.ps1`
 *   (run when the solution opens in Visual Studio).
 */
import { asArray, asObject, field, MAX_URL, stringField } from '../json';
import type { InstallTimeFiles } from '../types';

const MSBUILD = /^(build|buildTransitive|buildMultiTargeting)\/(?:.+\/)?[^/]+\.(props|targets)$/i;
const POWERSHELL = /^tools\/(?:init\.ps1|(?:[^/]+\/)?install\.ps1)$/i;

export function parseCatalogLeaf(doc: unknown): InstallTimeFiles | undefined {
  const root = asObject(doc);
  const entries = field(root, 'packageEntries');
  if (!Array.isArray(entries)) return undefined;
  // Paths inside a package are short; a longer one is no file NuGet would extract.
  const names = entries.map((e) => stringField(asObject(e), 'fullName')).filter((name): name is string => name !== undefined && name.length <= MAX_URL);
  const dotnetTool = asArray(field(root, 'packageTypes')).some((t) => /^dotnettool$/i.test(stringField(asObject(t), 'name') ?? ''));
  return { files: installTimeFiles(names), dotnetTool };
}

/** The files of a package that run or are imported at build or install time (the first 50). */
export function installTimeFiles(names: readonly string[]): string[] {
  return names
    .map((name) => name.replace(/\\/g, '/'))
    .filter((name) => MSBUILD.test(name) || POWERSHELL.test(name))
    .slice(0, 50);
}
