/**
 * What the adapters know about the project around a manifest, read from files next to it or up
 * its folder tree (pnpm-workspace.yaml, Directory.Build.props…) or from the machine. Plain data,
 * so the analysis core stays free of I/O; every field is optional and absent means "unknown".
 */
export interface ProjectContext {
  /** The file is a pip constraints file (named `constraints*.txt` or a `-c` target): it installs nothing, it limits versions. */
  constraintsFile?: boolean;
  /** The operating system the checks run for (Node's `process.platform`), for platform-only packages. */
  platform?: string;
  /** pnpm catalogs (pnpm-workspace.yaml `catalog:` and `catalogs:`): catalog name (`default` for `catalog:`) → package → range. */
  catalogs?: NamedValues<Map<string, string>>;
  /** pnpm-workspace.yaml `overrides`: package selector → spec. */
  workspaceOverrides?: NamedValues<string>;
  /** MSBuild properties (lowercased name) from Directory.Build.props / Directory.Packages.props up the folder tree, with the file each comes from. */
  msbuildProperties?: Map<string, { value: string; source: string }>;
}

/** Values read from one file, with that file's name for messages and hovers. */
export interface NamedValues<T> {
  /** The file they come from, relative to the manifest's folder where that reads better (`../../pnpm-workspace.yaml`). */
  source: string;
  values: Map<string, T>;
}
