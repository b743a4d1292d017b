/**
 * `install-script`: code that runs at install time.
 * - Offline: the manifest's own lifecycle scripts run on every `npm install` in this project, on
 *   every developer machine and CI runner.
 * - With registry facts, the dependencies' own: an npm version with `preinstall`/`install`/
 *   `postinstall` scripts (or a binding.gyp, which npm builds with `node-gyp rebuild`); a PyPI
 *   release with no wheel, which pip builds by running its build backend; a NuGet package that
 *   ships MSBuild `build/`/`buildTransitive/` files or `tools/install.ps1`/`init.ps1`.
 */
import { cachedNote, describeResolved, foundDependencies, quoteRegistryText } from './registryFacts';
import type { Checked, InstallTimeFiles, VersionInfo } from '../registries/types';
import { skippedHereNote } from './platformOnly';
import type { RawFinding, Rule, RuleContext } from './types';
import { shorten } from '../model/shorten';

/** npm lifecycle scripts that run during a plain `npm install` / `npm ci` of this project. */
const INSTALL_TIME = new Set(['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare', 'dependencies']);

/** Patterns worth naming in the message: they fetch or decode code at install time. */
const ALARMING: Array<[RegExp, string]> = [
  [/\b(curl|wget)\b[^|]*\|\s*(ba|z)?sh\b/i, 'it downloads a script and pipes it to a shell'],
  [/\b(curl|wget|Invoke-WebRequest|iwr)\b/i, 'it downloads from the network'],
  [/\bbase64\b|\batob\(|Buffer\.from\([^)]*base64/i, 'it decodes base64 data'],
  [/\bnode\s+-e\b|\beval\b/i, 'it evaluates inline code'],
];

export function quoteCommand(command: string, max = 120): string {
  const oneLine = command.replace(/\s+/g, ' ').trim();
  return shorten(oneLine, max);
}

function check(ctx: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
  for (const script of ctx.manifest.scripts) {
    if (!INSTALL_TIME.has(script.name)) continue;
    const why = ALARMING.find(([re]) => re.test(script.command))?.[1];
    out.push({
      span: script.nameSpan,
      message: `The "${script.name}" script runs on every npm install of this project: \`${quoteCommand(script.command)}\`${why ? ` — ${why}` : ''}.`,
      detail: script.command,
      severity: why ? 'error' : undefined,
    });
  }
  return [...out, ...dependencyInstallScripts(ctx)];
}

function dependencyInstallScripts(ctx: RuleContext): RawFinding[] {
  return foundDependencies(ctx).flatMap(({ dep, facts }) => {
    const resolved = facts.resolved;
    const found = resolved && installTimeCode(resolved.info, facts.installFiles);
    if (!resolved || !found) return [];
    const why = alarmOf(found.detail);
    // An optional dependency for another OS (fsevents) is skipped by npm here: worth knowing, not a warning.
    const skipped = dep.section === 'optionalDependencies' ? skippedHereNote(dep.name, undefined, ctx.project?.platform) : undefined;
    return [
      {
        span: dep.nameSpan,
        package: dep.name,
        dependency: dep,
        message: `${describeResolved(dep, resolved, ctx.locked?.source)} ${found.summary}${why ? ` — ${why}` : ''}${skipped ?? ''}.${cachedNote(facts.cachedAt)}`,
        detail: found.detail,
        severity: why ? 'error' : skipped ? 'information' : undefined,
      },
    ];
  });
}

/** Why install-time code is alarming (it fetches or decodes code), or undefined. */
export function alarmOf(detail: string): string | undefined {
  return ALARMING.find(([re]) => re.test(detail))?.[1];
}

/**
 * What runs when a version is installed, as a one-line summary and the full text, from its
 * registry entry (and NuGet's install-time files); undefined when nothing runs or it is unknown.
 * Shared with the locked tree (installScriptLockedRegistry.ts).
 */
export function installTimeCode(info: VersionInfo | undefined, installFiles: Checked<InstallTimeFiles> | undefined): { summary: string; detail: string } | undefined {
  const scripts = info?.installScripts;
  if (scripts && scripts.length > 0) {
    const first = scripts[0];
    return {
      summary: `runs ${scripts.map((s) => `"${quoteRegistryText(s.name, 40)}"`).join(', ')} when installed: \`${quoteRegistryText(first.command, 120).replace(/`/g, "'")}\``,
      // Registry text: one sanitised line per script (no control or bidi characters), for the hover.
      detail: scripts.map((s) => `${quoteRegistryText(s.name, 40)}: ${quoteRegistryText(s.command, 2000)}`).join('\n'),
    };
  }
  const dists = info?.distributions;
  if (dists && dists.wheels === 0 && dists.sdists > 0) {
    return { summary: 'has no wheel, so pip builds it from source, running its build backend (setup.py or similar) on install', detail: `${dists.sdists} source archive${dists.sdists === 1 ? '' : 's'}, no wheel for any platform` };
  }
  const files = installFiles?.state === 'known' ? installFiles.value.files : [];
  if (files.length > 0) {
    const msbuild = files.some((f) => /\.(props|targets)$/i.test(f));
    const what = msbuild ? 'ships MSBuild files imported into every build of this project' : 'ships PowerShell scripts that Visual Studio runs';
    const names = files.map((f) => quoteRegistryText(f, 200));
    return { summary: `${what} (${names.slice(0, 2).join(', ')}${names.length > 2 ? `, +${names.length - 2}` : ''})`, detail: names.join('\n') };
  }
  return undefined;
}

export const installScript: Rule = { id: 'install-script', check };
