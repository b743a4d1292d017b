/**
 * `typosquat`: a dependency whose name imitates a much more popular package — one typo, a
 * changed delimiter, a look-alike character, reordered words, an added affix, an npm scope game —
 * or that has non-ASCII characters at all. Offline: the popularity lists ship with the extension
 * and `ctx.names` indexes them; without it the rule does nothing.
 */
import type { Dependency, Fix, Manifest, Span } from '../model/model';
import { imitationOfCheck, sideBySide } from '../typosquat/message';
import type { NameCheck, NameIndex } from '../typosquat/types';
import { splitScope } from '../typosquat/words';
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

/**
 * npm scopes the project owns: its own package's (`@acme/web` owns `@acme`) and those of its
 * workspace and local-path dependencies. `@acme/react` in such a project is the organisation's own
 * package, not a popular name in a stranger's scope.
 */
export function ownNpmScopes(manifest: Manifest): ReadonlySet<string> {
  let scopes = OWN_SCOPES.get(manifest);
  if (!scopes) OWN_SCOPES.set(manifest, (scopes = findOwnNpmScopes(manifest)));
  return scopes;
}

/** Per parsed manifest: a large one is checked a slice at a time, and each slice asks again. */
const OWN_SCOPES = new WeakMap<Manifest, ReadonlySet<string>>();

function findOwnNpmScopes(manifest: Manifest): ReadonlySet<string> {
  const scopes = new Set<string>();
  const add = (name: string | undefined) => {
    const scope = name ? splitScope(name.trim().toLowerCase()).scope : undefined;
    if (scope) scopes.add(scope);
  };
  if (manifest.ecosystem !== 'npm') return scopes;
  add(manifest.packageName);
  for (const dep of manifest.dependencies) if (dep.source === 'workspace' || dep.source === 'path') add(dep.name);
  return scopes;
}

/** Whether a look-alike is only "a popular name inside an unknown scope" that the project owns. */
export function inOwnScope(check: NameCheck, name: string, own: ReadonlySet<string>): boolean {
  if (check.lookalike?.resemblance.kind !== 'scope' || own.size === 0) return false;
  const scope = splitScope(name.trim().toLowerCase()).scope;
  return scope !== undefined && own.has(scope);
}

function replaceFix(target: string, span: Span): Fix {
  return { title: `Replace with ${target}`, kind: 'replace-name', preferred: true, edits: [{ span, newText: target }] };
}

function checkOne(names: NameIndex, dep: Dependency, text: string, own: ReadonlySet<string>): RawFinding | undefined {
  const { ecosystem } = dep;
  const installed = installedName(dep, text);
  if (!installed || installed.name.trim() === '') return undefined;
  const check = names.check(ecosystem, installed.name);
  const imitation = imitationOfCheck(check, ecosystem, !inOwnScope(check, installed.name, own));
  if (!imitation) return undefined;
  return {
    span: installed.span,
    package: installed.name,
    dependency: dep,
    message: imitation.text,
    ...(check.lookalike && imitation.replaceWith === check.lookalike.target.name ? { detail: sideBySide(check, check.lookalike, ecosystem) } : {}),
    ...(imitation.replaceWith ? { fixes: [replaceFix(imitation.replaceWith, installed.span)] } : {}),
    // Weak signals (an affix, an unknown scope, a small established package) warn and say why;
    // everything else keeps the rule's severity.
    ...(imitation.weak ? { severity: 'warning' as const } : {}),
  };
}

function checkDependencies(ctx: RuleContext, dependencies: readonly Dependency[]): RawFinding[] {
  const names = ctx.names;
  if (!names) return [];
  const out: RawFinding[] = [];
  // The project's own scopes look across all dependencies: the whole manifest's, whatever the slice.
  const own = ownNpmScopes(ctx.manifest);
  for (const dep of dependencies) {
    const finding = checkOne(names, dep, ctx.text, own);
    if (finding) out.push(finding);
  }
  return out;
}

export const typosquat: Rule = { id: 'typosquat', check: (ctx) => checkDependencies(ctx, ctx.manifest.dependencies), checkDependencies };
