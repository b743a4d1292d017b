/**
 * `typosquat`: a dependency whose name imitates a much more popular package — one typo, a
 * changed delimiter, a look-alike character, reordered words, an added affix, an npm scope game —
 * or that has non-ASCII characters at all. Offline: the popularity lists ship with the extension
 * and `ctx.names` indexes them; without it the rule does nothing.
 */
import type { Dependency, Fix, Span } from '../core/model';
import { lookalikeMessage, nonAsciiMessage, prefixMessage, sideBySide } from '../typosquat/message';
import type { Lookalike, NameIndex } from '../typosquat/types';
import type { RawFinding, Rule, RuleContext } from './types';

/** The name a dependency installs, and where it is written. */
function installedName(dep: Dependency, text: string): { name: string; span: Span } | undefined {
  if (dep.source === 'registry') return { name: dep.name, span: dep.nameSpan };
  // npm `"alias": "npm:real@^1"` installs `real`: check it, pointing inside the spec.
  if (dep.source === 'alias' && dep.aliasOf && dep.specSpan) {
    const at = text.slice(dep.specSpan.start, dep.specSpan.end).indexOf(dep.aliasOf);
    if (at !== -1) return { name: dep.aliasOf, span: { start: dep.specSpan.start + at, end: dep.specSpan.start + at + dep.aliasOf.length } };
  }
  return undefined; // git, URL, path, workspace and editable sources name no registry package
}

function replaceFix(target: string, span: Span): Fix {
  return { title: `Replace with ${target}`, kind: 'replace-name', preferred: true, edits: [{ span, newText: target }] };
}

function checkOne(names: NameIndex, dep: Dependency, text: string): RawFinding | undefined {
  const { ecosystem } = dep;
  const installed = installedName(dep, text);
  if (!installed || installed.name.trim() === '') return undefined;
  const check = names.check(ecosystem, installed.name);
  const base = { span: installed.span, package: installed.name, dependency: dep };
  if (check.lookalike) {
    const lookalike: Lookalike = check.lookalike;
    return {
      ...base,
      message: lookalikeMessage(check, lookalike),
      detail: sideBySide(check, lookalike, ecosystem),
      fixes: [replaceFix(lookalike.target.name, installed.span)],
      // Affixes and unknown scopes are the weakest signals (legitimate forks and private scopes
      // look the same), so they warn; everything else keeps the rule's severity.
      ...(lookalike.resemblance.strength === 'weak' ? { severity: 'warning' as const } : {}),
    };
  }
  if (check.prefixImitation) return { ...base, message: prefixMessage(check, check.prefixImitation) };
  if (check.nonAscii.length > 0) return { ...base, message: nonAsciiMessage(check, ecosystem) };
  return undefined;
}

function check(ctx: RuleContext): RawFinding[] {
  const names = ctx.names;
  if (!names) return [];
  const out: RawFinding[] = [];
  for (const dep of ctx.manifest.dependencies) {
    const finding = checkOne(names, dep, ctx.text);
    if (finding) out.push(finding);
  }
  return out;
}

export const typosquat: Rule = { id: 'typosquat', check };
