/**
 * Settings: declared in package.json (`contributes.configuration`), typed and parsed here once
 * for the server and the CLI (the client passes the raw values through: client/src/settings.ts).
 * Parsing is defensive: any value of the wrong shape falls back to the default, so a typo in
 * settings.json never breaks analysis.
 */
import { SEVERITIES, type Severity } from './model';
import { isRuleId, type RuleId } from './ruleIds';

export type SeveritySetting = Severity | 'off';

export interface RegistryUrls {
  npm?: string;
  pypi?: string;
  nuget?: string;
  osv?: string;
}

export interface Settings {
  /** No network at all: only offline checks (and cached registry answers, said to be cached). */
  offline: boolean;
  /** Per-rule severity overrides; `off` silences the rule. */
  severity: Partial<Record<RuleId, SeveritySetting>>;
  /** Entries `name` (every rule) or `rule:name` (one rule); names compared in normal form. */
  allowlist: string[];
  minimumReleaseAgeDays: number;
  registries: RegistryUrls;
  maxConcurrentRequests: number;
  /** Manifests larger than this are not analysed; one information diagnostic says so. */
  maxFileSizeKB: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  offline: false,
  severity: {},
  allowlist: [],
  minimumReleaseAgeDays: 7,
  registries: {},
  maxConcurrentRequests: 8,
  maxFileSizeKB: 2048,
});

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseSeverity(value: unknown): SeveritySetting | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.toLowerCase();
  if (v === 'off' || v === 'none') return 'off';
  if (v === 'info') return 'information';
  return (SEVERITIES as readonly string[]).includes(v) ? (v as Severity) : undefined;
}

function parseUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

function parseNumber(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

/** Turns whatever the client or a config file sent into valid Settings. */
export function parseSettings(raw: unknown): Settings {
  const input = isObject(raw) ? raw : {};
  const severity: Settings['severity'] = {};
  if (isObject(input.severity)) {
    for (const [rule, value] of Object.entries(input.severity)) {
      const parsed = parseSeverity(value);
      if (isRuleId(rule) && parsed) severity[rule] = parsed;
    }
  }
  const registries: RegistryUrls = {};
  if (isObject(input.registries)) {
    for (const key of ['npm', 'pypi', 'nuget', 'osv'] as const) {
      const url = parseUrl(input.registries[key]);
      if (url) registries[key] = url;
    }
  }
  return {
    offline: input.offline === true,
    severity,
    allowlist: Array.isArray(input.allowlist)
      ? input.allowlist.filter((e): e is string => typeof e === 'string' && e.trim() !== '').map((e) => e.trim())
      : [],
    minimumReleaseAgeDays: parseNumber(input.minimumReleaseAgeDays, DEFAULT_SETTINGS.minimumReleaseAgeDays, 0, 3650),
    registries,
    maxConcurrentRequests: Math.round(parseNumber(input.maxConcurrentRequests, DEFAULT_SETTINGS.maxConcurrentRequests, 1, 64)),
    maxFileSizeKB: parseNumber(input.maxFileSizeKB, DEFAULT_SETTINGS.maxFileSizeKB, 1, 1024 * 1024),
  };
}
