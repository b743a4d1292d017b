/**
 * The dependency model shared by every manifest parser, rule, the language server and the CLI.
 *
 * Everything here is plain data with offsets into the manifest's text. Offsets are UTF-16 code
 * unit indexes (JavaScript string indexes), so they convert to LSP positions without re-encoding;
 * `positions.ts` does that conversion, and only at the edges (LSP adapter, CLI output).
 */

export type Ecosystem = 'npm' | 'pypi' | 'nuget';

/** A half-open span [start, end) of UTF-16 offsets into one file's text. */
export interface Span {
  start: number;
  end: number;
}

/** Where a dependency's code comes from. Everything but `registry` bypasses the registry's checks. */
export type SourceKind =
  | 'registry' // a name and a version spec resolved by the package registry
  | 'alias' // npm `npm:other@1.2.3`: the registry, under another name
  | 'git' // git URL or VCS requirement (git+https://…, github:user/repo, user/repo)
  | 'url' // a tarball / archive / wheel URL
  | 'path' // file:, link:, a local directory or archive
  | 'workspace' // npm/yarn/pnpm `workspace:` protocol
  | 'editable'; // pip `-e` (a local or VCS checkout installed in development mode)

export type ManifestKind = 'package.json' | 'requirements' | 'msbuild' | 'pyproject.toml' | 'Pipfile' | 'pnpm-workspace.yaml';

/** The ecosystem whose packages each kind of manifest declares. */
export const ECOSYSTEM_OF_KIND: Readonly<Record<ManifestKind, Ecosystem>> = { 'package.json': 'npm', requirements: 'pypi', msbuild: 'nuget', 'pyproject.toml': 'pypi', Pipfile: 'pypi', 'pnpm-workspace.yaml': 'npm' };

/** One declared dependency, with exact ranges for its tokens. */
export interface Dependency {
  ecosystem: Ecosystem;
  /** The name as written (trimmed). */
  name: string;
  nameSpan: Span;
  /** The version spec as written, or undefined when there is none (e.g. `requests` alone). */
  spec?: string;
  /** The span of the spec token; for a missing spec, an empty span where one would be inserted. */
  specSpan?: Span;
  /**
   * Where it was declared: `dependencies`, `devDependencies`, `optionalDependencies`,
   * `peerDependencies`, `bundleDependencies`, `overrides`, `resolutions` (package.json);
   * `requirement`, `constraint` (requirements); `PackageReference`, `PackageVersion`,
   * `GlobalPackageReference` (MSBuild).
   */
  section: string;
  source: SourceKind;
  /** For url/git/path sources: the location as written. */
  location?: string;
  /** For npm aliases (`npm:real@^1`): the real package name. */
  aliasOf?: string;
  /** Extra, format-specific facts (pip extras and markers, MSBuild attribute kind, override path…). */
  extras?: string[];
  markers?: string;
  hashes?: string[];
  /** The key path in package.json overrides, e.g. ['overrides', 'foo', 'bar']. */
  path?: string[];
  /** MSBuild: `Include`, `Update` or `VersionOverride`-carrying references. */
  attribute?: string;
  /**
   * A spec written elsewhere: pnpm `catalog:` (set from pnpm-workspace.yaml) or MSBuild `$(Property)`.
   * `spec` then holds what it stands for; `written` is the text in this file, `from` the file that
   * defines it (absent when it could not be resolved, and `spec` is the text as written).
   */
  indirect?: { written: string; from?: string };
  /**
   * How `spec` is read when it is not PEP 440 / the ecosystem's own syntax: Poetry constraints
   * (`^1.2`, `~1.2`, `1.2.3` meaning exactly that) or Pipfile values (`*`, PEP 440). The pin fix
   * writes the same dialect.
   */
  specDialect?: 'poetry' | 'pipfile';
  /** The named package index the dependency is tied to (Poetry `source`, uv `index`, Pipfile `index`). */
  index?: string;
}

/** A script declared by the manifest itself (package.json `scripts`). */
export interface ManifestScript {
  name: string;
  command: string;
  nameSpan: Span;
  commandSpan: Span;
}

/** A package source declared in the manifest (index URL, restore source, trusted host…). */
export interface PackageSource {
  kind:
    | 'index-url' // pip -i / --index-url
    | 'extra-index-url' // pip --extra-index-url
    | 'find-links' // pip -f / --find-links
    | 'trusted-host' // pip --trusted-host
    | 'restore-source' // MSBuild RestoreSources
    | 'restore-additional-source' // MSBuild RestoreAdditionalProjectSources
    | 'index' // a named index of pyproject.toml or Pipfile that is not merged with the others
    | 'index-strategy'; // uv `index-strategy`, when it merges indexes
  value: string;
  span: Span;
  /** The index's name in the manifest (Poetry, uv, PDM, Pipfile sources). */
  name?: string;
  /** False when the manifest turns TLS certificate checks off for it (Pipfile/PDM `verify_ssl = false`). */
  tlsVerify?: boolean;
  /**
   * Why a public package can shadow a private one through this source, in the words of the tool
   * that reads it (Poetry supplemental sources, uv `unsafe-best-match`, PDM merged sources).
   */
  shadowing?: string;
}

/** A `-r` / `-c` include in a requirements file. */
export interface Include {
  kind: 'requirement' | 'constraint';
  /** The path as written (relative to the including file's folder). */
  target: string;
  span: Span;
}

/** A problem the parser met: broken syntax the user should see. */
export interface ParseProblem {
  message: string;
  span: Span;
}

/** The result of parsing one manifest file. */
export interface Manifest {
  kind: ManifestKind;
  ecosystem: Ecosystem;
  /** The package this manifest itself defines (package.json `name`), when it says. */
  packageName?: string;
  /**
   * A package published for others (package.json with `name` and `version`, not `private`;
   * pyproject.toml `[project]` with `name` and a static or dynamic `version`, or `[tool.poetry]`
   * with `name` and `version` unless `package-mode = false`): its
   * runtime ranges are deliberate, and its users' lockfiles decide what installs.
   */
  library?: boolean;
  /** MSBuild: the plain properties this file defines (unconditioned), by lowercased name, for `$(Name)` versions. */
  properties?: Map<string, string>;
  dependencies: Dependency[];
  scripts: ManifestScript[];
  sources: PackageSource[];
  includes: Include[];
  problems: ParseProblem[];
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** A quick fix computed by the core: replace `span` with `newText` (in the same file). */
export interface TextEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Whether the editor should offer it as the preferred fix. */
  preferred?: boolean;
  /** What kind of fix it is, so adapters can group them (`pin`, `replace-name`, …). */
  kind: string;
}

/** One thing a rule found. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  span: Span;
  /** The package concerned (a transitive one for lockfile findings). */
  package?: string;
  /** For a locked package below a direct dependency: the chain from it, e.g. ["parent", "child", "evil"]. */
  via?: string[];
  dependency?: Dependency;
  fixes?: Fix[];
  /** Longer Markdown-free detail for hovers (e.g. the quoted install script). */
  detail?: string;
}

/** Exact versions recorded by a lockfile beside the manifest. */
export interface LockedVersions {
  /** Which lockfile they came from (for messages): `package-lock.json`, `packages.lock.json`… */
  source: string;
  versionOf(dep: Dependency): string | undefined;
}
