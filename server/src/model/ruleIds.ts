/**
 * Rule ids are a public contract: they are the LSP diagnostic `code`, the CLI's `rule`, the SARIF
 * `ruleId`, the keys of the `manifestGuard.severity` setting and the prefix of allowlist entries.
 * Never rename one; add new ids here, with their default severity and a one-line description.
 */
import type { Severity } from './model';

export interface RuleInfo {
  id: string;
  defaultSeverity: Severity;
  /** One sentence a user understands, used in settings, SARIF and the README. */
  description: string;
  /** Whether the rule needs registry data (and so is skipped offline). */
  online: boolean;
}

export const RULES = {
  'unpinned-version': {
    defaultSeverity: 'warning',
    online: false,
    description: 'The version spec admits more than one version, so a newly published (possibly hijacked) release can be installed silently.',
  },
  'non-registry-source': {
    defaultSeverity: 'warning',
    online: false,
    description: 'The dependency comes from git, a URL or a local path, bypassing the registry and its integrity checks.',
  },
  'insecure-source': {
    defaultSeverity: 'error',
    online: false,
    description: 'A package source is reached over plain http:// or with TLS checks turned off, so anyone on the network can swap the package.',
  },
  'dependency-confusion': {
    defaultSeverity: 'warning',
    online: false,
    description: 'Several package indexes are merged, so a public package can shadow a private one of the same name.',
  },
  'install-script': {
    defaultSeverity: 'warning',
    online: false,
    description: 'Code runs at install time: the manifest\'s own lifecycle scripts, or a dependency that runs a script or build step when installed.',
  },
  typosquat: {
    defaultSeverity: 'error',
    online: false,
    description: 'The package name imitates a much more popular package (a typo, a look-alike character, a changed delimiter or affix).',
  },
  'parse-error': {
    defaultSeverity: 'error',
    online: false,
    description: 'The manifest cannot be read completely; what could be read is still checked.',
  },
  'manifest-too-large': {
    defaultSeverity: 'information',
    online: false,
    description: 'The manifest is larger than manifestGuard.maxFileSizeKB, so it was not analysed.',
  },
  'new-release': {
    defaultSeverity: 'warning',
    online: true,
    description: 'The version that resolves was published only days ago; most hijacked releases are caught and pulled within days.',
  },
  deprecated: {
    defaultSeverity: 'warning',
    online: true,
    description: 'The version that resolves is deprecated by its authors.',
  },
  yanked: {
    defaultSeverity: 'warning',
    online: true,
    description: 'The version that resolves was yanked (PyPI) or unlisted (NuGet).',
  },
  vulnerable: {
    defaultSeverity: 'warning',
    online: true,
    description: 'The version that resolves has known security advisories.',
  },
  malicious: {
    defaultSeverity: 'error',
    online: true,
    description: 'The package or version is known malware, or has been replaced by a registry security placeholder.',
  },
  'publisher-change': {
    defaultSeverity: 'warning',
    online: true,
    description: 'The version that resolves was published by an account that published none of the earlier versions, or lost the provenance earlier versions had.',
  },
  'unknown-package': {
    defaultSeverity: 'warning',
    online: true,
    description: 'The name does not exist on the public registry: an invented name waiting to be registered, or a private name open to dependency confusion.',
  },
  'missing-integrity': {
    defaultSeverity: 'warning',
    online: false,
    description: 'A locked download has no integrity hash while the lockfile records hashes for the others, so a swapped tarball would install silently.',
  },
  'lockfile-mismatch': {
    defaultSeverity: 'warning',
    online: false,
    description: 'The lockfile disagrees with the manifest, so what is installed is not what the manifest says.',
  },
} as const satisfies Record<string, Omit<RuleInfo, 'id'>>;

export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function ruleInfo(id: RuleId): RuleInfo {
  return { id, ...RULES[id] };
}

export function isRuleId(value: string): value is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, value);
}

/** Where each rule is documented (diagnostic `codeDescription.href`, SARIF `helpUri`). */
export function ruleDocsUrl(id: string): string {
  return `https://github.com/manifest-guard/manifest-guard/blob/main/docs/rules.md#${id}`;
}
