/**
 * package-lock.json / npm-shrinkwrap.json → the exact version installed for each direct
 * dependency (the top-level `node_modules/<name>` entries). Lockfile v2/v3 keep `packages`;
 * v1 keeps a nested `dependencies` tree. Never throws: an unreadable lockfile gives an empty map.
 */
export function readNpmLockTopLevel(text: string): Map<string, string> {
  const versions = new Map<string, string>();
  let lock: unknown;
  try {
    lock = JSON.parse(text);
  } catch {
    return versions;
  }
  if (typeof lock !== 'object' || lock === null) return versions;
  const { packages, dependencies } = lock as { packages?: unknown; dependencies?: unknown };
  if (typeof packages === 'object' && packages !== null) {
    for (const [key, entry] of Object.entries(packages)) {
      // Only direct installs: `node_modules/foo` or `node_modules/@s/foo`, not nested ones.
      const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(key);
      const version = (entry as { version?: unknown } | null)?.version;
      if (m && typeof version === 'string') versions.set(m[1].toLowerCase(), version);
    }
  }
  if (versions.size === 0 && typeof dependencies === 'object' && dependencies !== null) {
    for (const [name, entry] of Object.entries(dependencies)) {
      const version = (entry as { version?: unknown } | null)?.version;
      if (typeof version === 'string') versions.set(name.toLowerCase(), version);
    }
  }
  return versions;
}
