/**
 * Which version a dependency installs: the lockfile's version if there is one, else what the
 * package manager would pick today from the registry's list:
 * - npm: an exact version; a dist-tag (`latest`, `next`); for a range, the `latest` tag when it
 *   satisfies the range (npm prefers it), else the highest satisfying version;
 * - PyPI: an exact `==` pin; else the highest satisfying release that is not yanked (pip skips
 *   yanked releases unless pinned to them);
 * - NuGet: floating specs (`1.*`) take the highest match; every other range takes the LOWEST
 *   applicable version — NuGet's own rule, which is why a bare `1.2.3` installs 1.2.3. Unlisted
 *   versions count like any other: restore reads the flat container's version list, which
 *   includes them, so a bare `1.2.3` installs an unlisted 1.2.3 (and the yanked rule says so).
 *   A missing version (central package management) is not resolved here.
 * Pre-releases are only taken when the spec asks for them (each ecosystem's `satisfies` decides).
 */
import { compare as comparePep440 } from '@renovatebot/pep440';
import type { Dependency } from '../../model/model';
import { specsFor } from '../../specs';
import { compareNugetVersions, parseNugetVersion } from '../../specs/nuget';
import type { PackageInfo, Resolved, VersionInfo } from '../types';

export interface Resolution {
  resolved?: Resolved;
  unresolved?: string;
}

/**
 * Resolutions per package document and spec: re-analysing on every keystroke asks the same
 * questions again, and a resolution depends only on these (the document is replaced, not edited,
 * when the registry says something new).
 */
const RESOLVED = new WeakMap<PackageInfo, Map<string, Resolution>>();

export function resolveVersion(dep: Dependency, pkg: PackageInfo, locked?: string): Resolution {
  let known = RESOLVED.get(pkg);
  if (!known) RESOLVED.set(pkg, (known = new Map()));
  const key = `${dep.source}\u0000${dep.section === 'PackageReference' ? 'ref' : ''}\u0000${dep.spec ?? ''}\u0000${locked ?? ''}`;
  let resolution = known.get(key);
  if (!resolution) {
    if (known.size > 200) known.clear();
    resolution = resolveUncached(dep, pkg, locked);
    known.set(key, resolution);
  }
  return resolution;
}

function resolveUncached(dep: Dependency, pkg: PackageInfo, locked?: string): Resolution {
  if (locked) return { resolved: { version: locked, via: 'lockfile', info: findVersion(pkg, locked) } };
  const specs = specsFor(dep.ecosystem);
  const described = specs.describe(dep);
  if (dep.ecosystem === 'nuget' && (dep.spec === undefined || dep.spec.trim() === '')) return { unresolved: 'the version is set centrally (Directory.Packages.props), not here' };
  if (!described.valid) return { unresolved: `the spec cannot be resolved: ${described.meaning}` };
  if (described.exact && described.exactVersion && dep.ecosystem !== 'nuget') {
    return { resolved: { version: described.exactVersion, via: 'spec', info: findVersion(pkg, described.exactVersion) } };
  }
  const chosen = dep.ecosystem === 'npm' ? pickNpm(dep, pkg) : dep.ecosystem === 'pypi' ? pickPypi(dep, pkg) : pickNuget(dep, pkg);
  if (chosen) return { resolved: { version: chosen.version, via: 'spec', info: chosen } };
  return { unresolved: `no published version matches ${dep.spec?.trim() ? `\`${dep.spec.trim()}\`` : 'the spec'}` };
}

/**
 * The package's versions in ascending precedence (invalid ones dropped), computed once per
 * document: every analysis on every keystroke resolves against it, and sorting a packument of
 * thousands of versions is the expensive part.
 */
const SORTED = new WeakMap<PackageInfo, VersionInfo[]>();

export function sortedVersions(pkg: PackageInfo): VersionInfo[] {
  let sorted = SORTED.get(pkg);
  if (!sorted) {
    const byVersion = new Map(pkg.versions.map((v) => [v.version, v]));
    sorted = specsFor(pkg.ecosystem)
      .sortVersions([...byVersion.keys()])
      .map((v) => byVersion.get(v) as VersionInfo);
    SORTED.set(pkg, sorted);
  }
  return sorted;
}

/** The highest (or lowest) version the spec admits, testing as few versions as possible. */
function firstMatch(dep: Dependency, pkg: PackageInfo, order: 'highest' | 'lowest', accept: (v: VersionInfo) => boolean = () => true): VersionInfo | undefined {
  const specs = specsFor(dep.ecosystem);
  const sorted = sortedVersions(pkg);
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[order === 'highest' ? sorted.length - 1 - i : i];
    if (accept(v) && specs.satisfies(dep, v.version)) return v;
  }
  return undefined;
}

function pickNpm(dep: Dependency, pkg: PackageInfo): VersionInfo | undefined {
  const spec = (dep.source === 'alias' ? dep.spec?.slice(dep.spec.lastIndexOf('@') + 1) : dep.spec)?.trim() ?? '';
  const tag = pkg.distTags?.find(([name]) => name === spec)?.[1];
  if (tag) return findVersion(pkg, tag) ?? { version: tag };
  const latestTag = pkg.distTags?.find(([name]) => name === 'latest')?.[1];
  const latest = latestTag ? findVersion(pkg, latestTag) : undefined;
  if (latest && specsFor('npm').satisfies(dep, latest.version)) return latest;
  return firstMatch(dep, pkg, 'highest');
}

function pickPypi(dep: Dependency, pkg: PackageInfo): VersionInfo | undefined {
  return firstMatch(dep, pkg, 'highest', (v) => !v.yanked);
}

function pickNuget(dep: Dependency, pkg: PackageInfo): VersionInfo | undefined {
  if ((dep.spec ?? '').includes('*')) return firstMatch(dep, pkg, 'highest');
  return firstMatch(dep, pkg, 'lowest');
}

/** The registry's entry for `version`, comparing as the ecosystem does (`1.0` is PyPI's `1.0.0`). */
export function findVersion(pkg: PackageInfo, version: string): VersionInfo | undefined {
  const exact = pkg.versions.find((v) => v.version === version);
  if (exact) return exact;
  if (pkg.ecosystem === 'pypi') return pkg.versions.find((v) => safeEqual(() => comparePep440(v.version, version) === 0));
  if (pkg.ecosystem === 'nuget') {
    const wanted = parseNugetVersion(version);
    return wanted ? pkg.versions.find((v) => {
      const p = parseNugetVersion(v.version);
      return p !== undefined && compareNugetVersions(p, wanted) === 0;
    }) : undefined;
  }
  return undefined;
}

function safeEqual(test: () => boolean): boolean {
  try {
    return test();
  } catch {
    return false;
  }
}
