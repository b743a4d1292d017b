/**
 * `manifest-guard scan [paths…] [--offline] [--format text|json|sarif] [--fail-on error|warning|info]`
 * Registry checks are on by default (the CLI waits for them); `--offline` turns the network off.
 * Exit 0: nothing reaches --fail-on; 1: something does; 2: usage error or unreadable input.
 */
import { join } from 'node:path';
import { parseSettings, type Settings } from './model/settings';
import type { Severity } from './model/model';
import { findManifests, UnreadablePathError } from './analysis/findManifests';
import { toJson, toSarif, toText, TOOL_VERSION } from './cli/formats';
import { getAnalysisServices } from './analysis/services';
import { defaultCacheDir, scanWithRegistries } from './cli/registryScan';
import { UnreadableFileError } from './cli/scan';

const USAGE = `Usage: manifest-guard scan [paths…] [options]

Scans package.json, requirements*.txt / constraints*.txt / *.in, pyproject.toml, Pipfile,
*.csproj / *.fsproj / *.vbproj, Directory.Packages.props and Directory.Build.props for
supply-chain risks. Folders are searched (node_modules, .git, bin, obj and virtualenvs are
skipped). Default path: the current folder.

Options:
  --format text|json|sarif   output format (default: text)
  --fail-on error|warning|info|none
                             exit 1 when a finding reaches this severity (default: error)
  --offline                  no network at all: offline checks, plus registry answers already
                             in the cache (said to be cached)
  --npm-registry URL         npm registry (default: .npmrc, then https://registry.npmjs.org)
  --pypi-url URL             PyPI JSON API (default: https://pypi.org/pypi)
  --nuget-index URL          NuGet V3 service index (default: NuGet.config, then nuget.org)
  --osv-url URL              OSV advisory API (default: https://api.osv.dev)
  --cache-dir DIR            registry cache (default: $XDG_CACHE_HOME/manifest-guard or
                             ~/.cache/manifest-guard)
  --severity RULE=LEVEL      override a rule's severity (error|warning|information|hint|off); repeatable
  --allow NAME               allowlist a package (or RULE:NAME); repeatable
  --max-file-size-kb N       skip manifests larger than this (default 2048)
  -h, --help                 this help
  --version                  the version

Exit codes: 0 no finding at --fail-on or above, 1 findings at or above it, 2 usage error or unreadable input.`;

class UsageError extends Error {}

interface CliOptions {
  paths: string[];
  format: 'text' | 'json' | 'sarif';
  failOn: Severity | 'none';
  settings: Settings;
  cacheDir: string;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

function parseArgs(argv: string[]): CliOptions | 'help' | 'version' {
  const args = [...argv];
  if (args[0] === '-h' || args[0] === '--help') return 'help';
  if (args[0] === '--version') return 'version';
  if (args[0] !== 'scan') throw new UsageError(args[0] ? `unknown command "${args[0]}"` : 'missing command');
  args.shift();
  const raw: Record<string, unknown> = { severity: {} as Record<string, string>, allowlist: [] as string[], registries: {} as Record<string, string> };
  const opts: Omit<CliOptions, 'settings'> = { paths: [], format: 'text', failOn: 'error', cacheDir: defaultCacheDir() };
  const value = (flag: string, inline?: string): string => {
    const v = inline ?? args.shift();
    if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  const registryUrl = (flag: string, key: string, inline?: string) => {
    const url = value(flag, inline);
    if (!/^https?:\/\/[^\s]+$/i.test(url)) throw new UsageError(`${flag} takes an http(s) URL, not "${url}"`);
    (raw.registries as Record<string, string>)[key] = url;
  };
  while (args.length) {
    const arg = args.shift() as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--format': {
        const f = value(flag, inline);
        if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${f}"`);
        opts.format = f;
        break;
      }
      case '--fail-on': {
        const f = value(flag, inline).toLowerCase();
        const map: Record<string, Severity | 'none'> = { error: 'error', warning: 'warning', info: 'information', information: 'information', hint: 'hint', none: 'none' };
        if (!map[f]) throw new UsageError(`--fail-on must be error, warning, info or none, not "${f}"`);
        opts.failOn = map[f];
        break;
      }
      case '--offline':
        raw.offline = true;
        break;
      case '--severity': {
        const v = value(flag, inline);
        const eq = v.indexOf('=');
        if (eq <= 0) throw new UsageError(`--severity takes RULE=LEVEL, not "${v}"`);
        (raw.severity as Record<string, string>)[v.slice(0, eq)] = v.slice(eq + 1);
        break;
      }
      case '--allow':
        (raw.allowlist as string[]).push(value(flag, inline));
        break;
      case '--npm-registry':
        registryUrl(flag, 'npm', inline);
        break;
      case '--pypi-url':
        registryUrl(flag, 'pypi', inline);
        break;
      case '--nuget-index':
        registryUrl(flag, 'nuget', inline);
        break;
      case '--osv-url':
        registryUrl(flag, 'osv', inline);
        break;
      case '--cache-dir':
        opts.cacheDir = value(flag, inline);
        break;
      case '--max-file-size-kb':
        raw.maxFileSizeKB = Number(value(flag, inline));
        break;
      default:
        if (flag.startsWith('-')) throw new UsageError(`unknown option ${flag}`);
        opts.paths.push(arg);
    }
  }
  if (opts.paths.length === 0) opts.paths.push('.');
  return { ...opts, settings: parseSettings(raw) };
}

export async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`manifest-guard: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options === 'version') {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }
  let files;
  try {
    const manifests = findManifests(options.paths);
    const logger = { error: (m: string) => process.stderr.write(`manifest-guard: internal error: ${m}\n`) };
    // Typosquat tables are read prebuilt from dist/data; an install without them keeps the ones it builds.
    const services = getAnalysisServices({ onError: logger.error, tableCacheDir: join(options.cacheDir, 'typosquat-tables') });
    const scanned = await scanWithRegistries(manifests, options.settings, logger, options.cacheDir, services);
    files = scanned.files;
    reportUnchecked(scanned.unchecked);
  } catch (err) {
    if (err instanceof UnreadablePathError || err instanceof UnreadableFileError) {
      process.stderr.write(`manifest-guard: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const output = options.format === 'json' ? toJson(files) : options.format === 'sarif' ? toSarif(files) : toText(files, process.stdout.isTTY === true && !process.env.NO_COLOR);
  process.stdout.write(`${output}\n`);
  if (options.failOn === 'none') return 0;
  const threshold = RANK[options.failOn];
  return files.some((f) => f.analysis.findings.some((x) => RANK[x.severity] >= threshold)) ? 1 : 0;
}

/**
 * One stderr line per reason: a registry that is down fails every lookup the same way. Reasons
 * name the URL asked; grouped by its origin, an unreachable PyPI is one line, not one a package.
 */
function reportUnchecked(unchecked: Array<{ name: string; reason: string }>): void {
  const byReason = new Map<string, string[]>();
  for (const u of unchecked) {
    const reason = u.reason.replace(/\b(https?:\/\/[^/\s()]+)[^\s()]*/g, '$1');
    byReason.set(reason, [...(byReason.get(reason) ?? []), u.name]);
  }
  for (const [reason, names] of byReason) {
    // "requests on packages.internal.example.com": the host is in the reason already.
    const shown = [...new Set(names.map((n) => n.replace(/ on (\S+)$/, (on, host: string) => (reason.includes(host) ? '' : on))))];
    process.stderr.write(`manifest-guard: not checked against the registries (${reason}): ${shown.slice(0, 5).join(', ')}${shown.length > 5 ? ` and ${shown.length - 5} more` : ''}\n`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`manifest-guard: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
