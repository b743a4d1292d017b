/**
 * npm's abbreviated packument (`Accept: application/vnd.npm.install-v1+json`), built from a full
 * one the way the registry builds it: the document-level `name`, `dist-tags` and `modified`, and
 * per version only what installing needs. No `time`, no `_npmUser`, no `scripts` (a flag instead),
 * no readme or description.
 */
export const NPM_ABBREVIATED_TYPE = 'application/vnd.npm.install-v1+json';

/** Version fields the registry keeps in the abbreviated form. */
const KEPT = ['name', 'version', 'deprecated', 'dependencies', 'optionalDependencies', 'devDependencies', 'bundleDependencies', 'peerDependencies', 'peerDependenciesMeta', 'bin', 'directories', 'dist', 'engines', 'os', 'cpu', '_hasShrinkwrap', 'hasInstallScript', 'funding', 'license'];
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

type Json = Record<string, unknown>;

/** Whether a request asked for the abbreviated form. */
export function wantsAbbreviated(accept: string | string[] | undefined): boolean {
  return String(accept ?? '').includes(NPM_ABBREVIATED_TYPE);
}

export function abbreviatePackument(full: Json): Json {
  const versions: Json = {};
  for (const [version, raw] of Object.entries((full.versions ?? {}) as Record<string, Json>)) {
    const kept: Json = {};
    for (const key of KEPT) if (raw[key] !== undefined) kept[key] = raw[key];
    const scripts = (raw.scripts ?? {}) as Json;
    if (raw.hasInstallScript === undefined && (INSTALL_SCRIPTS.some((s) => typeof scripts[s] === 'string') || raw.gypfile === true)) kept.hasInstallScript = true;
    versions[version] = kept;
  }
  const time = full.time as Json | undefined;
  const modified = full.modified ?? time?.modified;
  return { name: full.name, 'dist-tags': full['dist-tags'], versions, ...(modified !== undefined ? { modified } : {}) };
}
