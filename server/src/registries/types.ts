/**
 * What the registries say about packages, in one shape for npm, PyPI and NuGet. Every optional
 * field means "the registry did not say" (a stripped mirror, an older format), never "clean":
 * rules fire only on evidence, and hovers say when something is unknown.
 *
 * These are plain JSON-serialisable data (no Maps, no class instances), because they are what
 * the disk cache stores.
 */
import type { Dependency, Ecosystem } from '../model/model';

export interface PackageInfo {
  ecosystem: Ecosystem;
  /** The name as the registry spells it. */
  name: string;
  /** Where it was looked up, for messages: `registry.npmjs.org`, `127.0.0.1:4873`. */
  source: string;
  description?: string;
  license?: string;
  /** The version the registry calls latest (npm `latest` tag, PyPI `info.version`, NuGet highest listed stable). */
  latest?: string;
  /** npm dist-tags as [tag, version] pairs (an array, so no registry key can touch an object prototype). */
  distTags?: Array<[string, string]>;
  /** Source repository and homepage URLs as published (untrusted: only http(s) ones are ever linked). */
  repository?: string;
  homepage?: string;
  /** PEP 792 project status, when the index gives one other than `active`. */
  status?: ProjectStatus;
  /**
   * npm: when the document last changed (`modified`, or `time.modified`), epoch ms. No version
   * can be newer than this, so an old value rules out every "recently published" signal.
   */
  modified?: number;
  /**
   * npm: this is the abbreviated document (`application/vnd.npm.install-v1+json`): per-version
   * publish times, publishers and provenance are absent because they were not asked for, and
   * mean "unknown". Absent on a full document.
   */
  abbreviated?: true;
  versions: VersionInfo[];
}

/**
 * A PyPI project's status (PEP 792): `quarantined` by the index's administrators (reported as
 * malware, pending review), `archived` by its maintainers (no more releases, no more fixes), or
 * `deprecated`. The reason is registry text.
 */
export interface ProjectStatus {
  status: 'quarantined' | 'archived' | 'deprecated';
  reason?: string;
}

export interface VersionInfo {
  version: string;
  /** Publish time, epoch milliseconds. */
  published?: number;
  deprecated?: Deprecation;
  /** PyPI: the release was yanked. */
  yanked?: { reason?: string };
  /** NuGet: the version is unlisted (hidden from search; restore still takes it when asked). */
  unlisted?: boolean;
  /** npm: lifecycle scripts that run on install; `[]` = none; absent = the document did not say. */
  installScripts?: InstallScript[];
  /** PyPI: how many wheels and source archives the release has; absent = unknown. */
  distributions?: { wheels: number; sdists: number };
  /** npm: the account that published this version (`_npmUser`). */
  publisher?: Publisher;
  /** npm: whether the version carries a provenance attestation. */
  provenance?: boolean;
  /** Advisories the registry itself reports for this version (NuGet registration, PyPI JSON). */
  advisories?: Advisory[];
  /** NuGet: the catalog leaf, whose `packageEntries` list the package's files. */
  catalogUrl?: string;
  /** NuGet: the .nupkg (`packageContent`), whose ZIP directory lists the files when there is no catalog. */
  contentUrl?: string;
  /**
   * Names of the dependencies this version declares (npm `dependencies` + `optionalDependencies`,
   * PyPI `requires_dist` outside extras, NuGet dependency groups), sorted; absent = unknown.
   * PyPI's project document gives them for its latest release only.
   */
  dependencies?: string[];
  /** npm `dist.unpackedSize` (bytes) and `dist.fileCount`, where the registry publishes them. */
  unpackedSize?: number;
  fileCount?: number;
}

export interface Deprecation {
  message?: string;
  reasons?: string[];
  /** A replacement the authors suggest (NuGet `alternatePackage`). */
  alternative?: string;
}

export interface InstallScript {
  /** `preinstall`, `install`, `postinstall`, or `install (binding.gyp)` for npm's implicit `node-gyp rebuild`. */
  name: string;
  command: string;
}

export interface Publisher {
  name: string;
  /** Set when published by a CI identity through trusted publishing (OIDC): `github`, `gitlab`. */
  trustedPublisher?: string;
}

export type AdvisorySeverity = 'low' | 'moderate' | 'high' | 'critical';

export interface Advisory {
  id: string;
  aliases: string[];
  summary?: string;
  severity?: AdvisorySeverity;
  /** CVSS base score when a vector was given. */
  score?: number;
  /** Versions that fix it, as the advisory lists them. */
  fixed: string[];
  url?: string;
  /** Known malware (OSV `MAL-` ids, malicious-packages origins, CWE-506), not a vulnerability. */
  malicious: boolean;
}

/** NuGet files that run or are imported at build or install time. */
export interface InstallTimeFiles {
  /** Paths inside the package: `build/X.targets`, `buildTransitive/…`, `tools/init.ps1`… */
  files: string[];
  /** Whether the package is a .NET tool (an executable). */
  dotnetTool: boolean;
}

/** Something fetched for one dependency: known, or not checked and why. */
export type Checked<T> = { state: 'known'; value: T; cachedAt?: number } | { state: 'unchecked'; reason: string };

export interface Resolved {
  version: string;
  /** `lockfile`: the version the lockfile records; `spec`: what the spec resolves to today. */
  via: 'lockfile' | 'spec';
  /** The registry's data for it; absent when the registry does not list that version. */
  info?: VersionInfo;
}

export interface FoundFacts {
  state: 'found';
  package: PackageInfo;
  resolved?: Resolved;
  /** Why no version could be chosen (nothing matches, a central version elsewhere…). */
  unresolved?: string;
  /** Advisories for the resolved version; absent while not looked up yet. */
  advisories?: Checked<Advisory[]>;
  /** NuGet install-time files of the resolved version; absent while not looked up (or not NuGet). */
  installFiles?: Checked<InstallTimeFiles>;
  /** Set when this is a cached answer not confirmed now (offline, or the registry failed). */
  cachedAt?: number;
}

export type DependencyFacts =
  | { state: 'pending' }
  | { state: 'unchecked'; reason: string }
  | { state: 'not-found'; source: string; cachedAt?: number }
  | FoundFacts;

/** What the registry says about one locked version of the lockfile tree. */
export interface LockedVersionFacts {
  package: PackageInfo;
  /** Absent when the registry does not list that version. */
  info?: VersionInfo;
  /** NuGet install-time files of that version; absent while not looked up (or not NuGet). */
  installFiles?: Checked<InstallTimeFiles>;
  /** PyPI: the dependencies of that version from its own metadata document (one extra request), when looked up. */
  dependencies?: Checked<string[]>;
  cachedAt?: number;
}

/** What rules and hovers see of the registries: facts gathered beforehand, read synchronously. */
export interface RegistryView {
  /** Facts for a registry dependency; undefined for git/path/url dependencies. */
  factsFor(dep: Dependency): DependencyFacts | undefined;
  /**
   * Advisories for one exact locked version (a package of the lockfile tree, not a manifest
   * entry); undefined while not looked up. Optional so hand-made views in tests need not have it.
   */
  advisoriesFor?(ecosystem: Ecosystem, name: string, version: string): Checked<Advisory[]> | undefined;
  /** The package document and the entry of one exact locked version; undefined while unknown. */
  lockedVersion?(ecosystem: Ecosystem, name: string, version: string): LockedVersionFacts | undefined;
  /** The package document of any name already in memory (a new dependency's own history); undefined while unknown. */
  packageNamed?(ecosystem: Ecosystem, name: string): PackageInfo | undefined;
  /**
   * PyPI: what each `--extra-index-url` of the file says of the dependency, for the indexes that
   * answered (found or not); empty without extra indexes. Optional, as for `advisoriesFor`.
   */
  onExtraIndexes?(dep: Dependency): ExtraIndexFacts[];
  /**
   * PyPI: whether the main index is public — PyPI's JSON API or the mirror of it that
   * `registries.pypi` names — rather than a requirements file's own simple index. Anyone can
   * publish on a public index.
   */
  pypiIndexIsPublic?: boolean;
  /** The moment findings are judged at (epoch ms), so "days ago" is the same for every rule. */
  now: number;
}

/** One extra index's answer for a dependency; `public` as for `pypiIndexIsPublic`. */
export type ExtraIndexFacts = { index: string; public: boolean } & ({ state: 'found'; package: PackageInfo } | { state: 'not-found' });
