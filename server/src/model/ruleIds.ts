/**
 * Rule ids are a public contract: they are the LSP diagnostic `code`, the CLI's `rule`, the SARIF
 * `ruleId`, the keys of the `manifestGuard.severity` setting and the prefix of allowlist entries.
 * Never rename one; add new ids here, with their default severity, a SARIF name and a one-line
 * description (package.json's severity schema must agree: test/unit/model/ruleIds.test.ts), and
 * the rule's documentation in docs/rules/<id>.md.
 */
import type { Severity } from './model';

export interface RuleInfo {
  id: string;
  defaultSeverity: Severity;
  /** A name for tools that want one besides the id (SARIF `name`): PascalCase, never equal to the id. */
  name: string;
  /** One sentence a user understands, used in settings, SARIF and the README. */
  description: string;
}

export const RULES = {
  'unpinned-version': {
    name: 'UnpinnedVersion',
    defaultSeverity: 'warning',
    description: 'The version spec admits more than one version, so a newly published (possibly hijacked) release can be installed silently.',
  },
  'non-registry-source': {
    name: 'NonRegistrySource',
    defaultSeverity: 'warning',
    description: 'The dependency comes from git, a URL or a local path, bypassing the registry and its integrity checks.',
  },
  'insecure-source': {
    name: 'InsecureSource',
    defaultSeverity: 'error',
    description: 'A package source is reached over plain http:// or with TLS checks turned off, so anyone on the network can swap the package.',
  },
  'dependency-confusion': {
    name: 'DependencyConfusion',
    defaultSeverity: 'warning',
    description: 'Several package indexes are merged, so a public package can shadow a private one of the same name.',
  },
  'install-script': {
    name: 'InstallScript',
    defaultSeverity: 'warning',
    description: 'Code runs at install time: the manifest\'s own lifecycle scripts, or a dependency that runs a script or build step when installed.',
  },
  typosquat: {
    name: 'LookAlikePackageName',
    defaultSeverity: 'error',
    description: 'The package name imitates a much more popular package (a typo, a look-alike character, a changed delimiter or affix).',
  },
  'parse-error': {
    name: 'UnreadableManifest',
    defaultSeverity: 'error',
    description: 'The manifest cannot be read completely; what could be read is still checked.',
  },
  'manifest-too-large': {
    name: 'ManifestTooLarge',
    defaultSeverity: 'information',
    description: 'The manifest is larger than manifestGuard.maxFileSizeKB, so it was not analysed.',
  },
  'new-release': {
    name: 'NewRelease',
    defaultSeverity: 'warning',
    description: 'The version that resolves was published only days ago; most hijacked releases are caught and pulled within days.',
  },
  deprecated: {
    name: 'DeprecatedVersion',
    defaultSeverity: 'warning',
    description: 'The version that resolves is deprecated by its authors.',
  },
  yanked: {
    name: 'WithdrawnVersion',
    defaultSeverity: 'warning',
    description: 'The version that resolves was yanked (PyPI) or unlisted (NuGet).',
  },
  vulnerable: {
    name: 'VulnerableVersion',
    defaultSeverity: 'warning',
    description: 'The version that resolves has known security advisories.',
  },
  malicious: {
    name: 'MaliciousPackage',
    defaultSeverity: 'error',
    description: 'The package or version is known malware, or has been replaced by a registry security placeholder.',
  },
  'publisher-change': {
    name: 'PublisherChange',
    defaultSeverity: 'warning',
    description: 'Alias of suspicious-release (which now reports a new publisher or lost provenance): its severity setting and allowlist entries apply to suspicious-release.',
  },
  'suspicious-release': {
    name: 'SuspiciousRelease',
    defaultSeverity: 'warning',
    description: 'The version that resolves differs from the release before it the way hijacked releases do: an install script appears, a new (days-old) dependency, a revival after a year of silence, a new publisher or lost provenance, a size jump.',
  },
  'unknown-package': {
    name: 'UnknownPackage',
    defaultSeverity: 'warning',
    description: 'The name does not exist on the public registry: an invented name waiting to be registered, or a private name open to dependency confusion.',
  },
  'missing-integrity': {
    name: 'MissingIntegrity',
    defaultSeverity: 'warning',
    description: 'A locked download has no integrity hash while the lockfile records hashes for the others, so a swapped tarball would install silently.',
  },
  'lockfile-mismatch': {
    name: 'LockfileMismatch',
    defaultSeverity: 'warning',
    description: 'The lockfile disagrees with the manifest, so what is installed is not what the manifest says.',
  },
} as const satisfies Record<string, Omit<RuleInfo, 'id'>>;

export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as RuleId[];

/**
 * Ids kept working after their rule was folded into another: settings and allowlist entries
 * written for the old id apply to the new one's findings.
 */
export const RULE_ALIASES: Readonly<Partial<Record<RuleId, RuleId>>> = { 'publisher-change': 'suspicious-release' };

export function ruleInfo(id: RuleId): RuleInfo {
  return { id, ...RULES[id] };
}

export function isRuleId(value: string): value is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, value);
}

