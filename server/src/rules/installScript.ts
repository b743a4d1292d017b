/**
 * `install-script` (offline part): the manifest's own lifecycle scripts run on every
 * `npm install` in this project, on every developer machine and CI runner. Registry data adds
 * the dependencies' install scripts (registry issue).
 */
import type { RawFinding, Rule, RuleContext } from './types';

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
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
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
  return out;
}

export const installScript: Rule = { id: 'install-script', check };
