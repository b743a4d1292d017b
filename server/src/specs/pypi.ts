/**
 * PyPI version specs: PEP 440 specifier sets (`>=1.0, <2`, `~=1.4.2`, `==1.4.*`, `===foo`).
 *
 * Parsing, version validity and ordering come from `@renovatebot/pep440`. Matching a version
 * against a clause is done here, with the library's `compare`, because its own `satisfies`
 * departs from PEP 440 (and from pip's `packaging`) in ways that matter for "is this release
 * covered": it decides pre-release admission per clause (`>=1.0a1, <2` rejects `1.5b1`), its `<`
 * and `>` reject every version sharing the bound's release numbers (`>1.0.post1` rejects
 * `1.0.post2`, `<1.0rc2` rejects `1.0rc1`), and `==1.0+a` matches `1.0+b`.
 */
import { compare, explain, valid, type Pep440Version } from '@renovatebot/pep440';
import { parse as parseSpecifier } from '@renovatebot/pep440/lib/specifier';
import type { BoundedMemo } from '../model/memo';
import type { Dependency, TextEdit } from '../model/model';
import { pep440Of, pinText } from './pythonDialects';
import type { SpecInfo, SpecSemantics } from './types';

/**
 * One clause as the library's specifier `parse` really returns it: its typings declare only
 * `operator`/`prefix`/`version`, but `===` clauses put arbitrary strings in `legacy`, and the
 * whole result is `null` when any clause is invalid.
 */
interface Clause {
  operator: string;
  version?: string;
  prefix?: string;
  legacy?: string;
}

/** Far beyond any real spec; keeps a pasted megabyte away from the library's regexes. */
const MAX_SPEC_LENGTH = 4096;

/**
 * Specs made only of plain clauses — an operator and a release number (`>=2.31`, `==1.4.2`), the
 * form of nearly every real spec — are split here without the library's general grammar, which
 * costs tens of microseconds a spec; anything else (pre-releases, wildcards, epochs) goes to it.
 * `~=` needs at least two release numbers, as PEP 440 says.
 */
function parsePlainClauses(spec: string): Clause[] | undefined {
  // Read in one pass without a regex or a split: every keystroke describes every spec of a file.
  const clauses: Clause[] = [];
  let pos = 0;
  for (;;) {
    pos = skipSpaces(spec, pos);
    const operator = PLAIN_OPERATORS.find((op) => spec.startsWith(op, pos));
    if (!operator) return undefined;
    pos = skipSpaces(spec, pos + operator.length);
    const start = pos;
    let dots = 0;
    while (pos < spec.length) {
      const c = spec.charCodeAt(pos);
      if (c === 46 /* . */ && pos > start && spec.charCodeAt(pos - 1) !== 46) dots++;
      else if (c < 48 || c > 57) break;
      pos++;
    }
    if (pos === start || spec.charCodeAt(pos - 1) === 46) return undefined;
    if (operator === '~=' && dots === 0) return undefined;
    clauses.push({ operator, version: spec.slice(start, pos) });
    pos = skipSpaces(spec, pos);
    if (pos >= spec.length) return clauses;
    if (spec.charCodeAt(pos) !== 44 /* , */) return undefined;
    pos++;
  }
}

/** Longest first, so `==` is not read as `=`; `===` takes arbitrary strings and is left to the library. */
const PLAIN_OPERATORS = ['!=', '~=', '<=', '>=', '==', '<', '>'];

function skipSpaces(text: string, pos: number): number {
  while (pos < text.length && (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 9)) pos++;
  return pos;
}

function parseClauses(spec: string): Clause[] | undefined {
  if (spec.length > MAX_SPEC_LENGTH) return undefined;
  const plain = parsePlainClauses(spec);
  if (plain) return plain;
  const parsed = parseSpecifier(spec) as unknown as Clause[] | null;
  return parsed ?? undefined;
}

/** The spec text to evaluate; pip's parser accepts one trailing comma, the library does not. */
function specText(dep: Dependency): string | undefined {
  const written = pep440Of(dep);
  if (written === undefined) return undefined;
  let text = written.trim();
  if (text.startsWith('(') && text.endsWith(')')) text = text.slice(1, -1).trim();
  if (text.endsWith(',')) text = text.slice(0, -1).trim();
  return text;
}

function target(clause: Clause): string {
  return clause.version ?? clause.legacy ?? '';
}

function render(clause: Clause): string {
  return `${clause.operator}${target(clause)}${clause.prefix ?? ''}`;
}

// ---------------------------------------------------------------------------------------------
// describe

function describe(dep: Dependency, generalMeanings: BoundedMemo<SpecInfo> | undefined): SpecInfo {
  if (dep.source !== 'registry') return { valid: true, exact: false, meaning: nonRegistryMeaning(dep) };
  const spec = specText(dep);
  if (spec === undefined || spec === '') return { valid: true, exact: false, meaning: 'any version' };
  if (spec.includes('||')) return { valid: true, exact: false, meaning: `any version in one of the ranges ${spec}` };
  const plain = spec.length > MAX_SPEC_LENGTH ? undefined : parsePlainClauses(spec);
  if (plain) return describeClauses(spec, plain);
  return generalMeanings ? generalMeanings.get(spec, (copy) => describeClauses(copy, parseClauses(copy))) : describeClauses(spec, parseClauses(spec));
}

function describeClauses(spec: string, clauses: Clause[] | undefined): SpecInfo {
  if (!clauses || clauses.length === 0) {
    return { valid: false, exact: false, meaning: `an invalid version specifier (${spec})` };
  }
  const exactVersion = exactVersionOf(clauses);
  const meaning = `${clauses.map(render).join(', ')} (${explainClauses(clauses)})`;
  return exactVersion === undefined
    ? { valid: true, exact: false, meaning }
    : { valid: true, exact: true, exactVersion, meaning };
}

function nonRegistryMeaning(dep: Dependency): string {
  const where = dep.location ?? dep.name;
  switch (dep.source) {
    case 'git':
      return `whatever the VCS reference points at: ${where}`;
    case 'url':
      return `whatever is at the URL: ${where}`;
    case 'path':
      return `whatever is at the local path: ${where}`;
    case 'editable':
      return `an editable checkout of ${where}`;
    default:
      return `a non-registry source: ${where}`;
  }
}

/** Exact: a single `==V` (not a `.*` wildcard) or `===V` clause. */
function exactVersionOf(clauses: Clause[]): string | undefined {
  if (clauses.length !== 1) return undefined;
  const [clause] = clauses;
  if (clause.operator === '===') return target(clause);
  if (clause.operator === '==' && !clause.prefix) return target(clause);
  return undefined;
}

const LOWER_BOUNDS = new Set(['>=', '>']);
const UPPER_BOUNDS = new Set(['<', '<=']);

/** Plain words for the clauses; a single lower and upper bound read as one range. */
function explainClauses(clauses: Clause[]): string {
  const lowers = clauses.filter((c) => LOWER_BOUNDS.has(c.operator));
  const uppers = clauses.filter((c) => UPPER_BOUNDS.has(c.operator));
  const phrases: string[] = [];
  let rest = clauses;
  if (lowers.length === 1 && uppers.length === 1) {
    const [lower, upper] = [lowers[0], uppers[0]];
    const from = lower.operator === '>=' ? `from ${target(lower)}` : `after ${target(lower)}`;
    const to = upper.operator === '<' ? `up to but excluding ${target(upper)}` : `up to and including ${target(upper)}`;
    phrases.push(`any release ${from} ${to}`);
    rest = clauses.filter((c) => c !== lower && c !== upper);
  }
  phrases.push(...rest.map(explainClause));
  return phrases.join(', ');
}

function explainClause(clause: Clause): string {
  const v = target(clause);
  switch (clause.operator) {
    case '==':
      return clause.prefix ? `any ${v}.* release` : `exactly ${v}`;
    case '!=':
      return clause.prefix ? `excluding ${v}.*` : `excluding ${v}`;
    case '>=':
      return `${v} or later`;
    case '>':
      return `later than ${v}`;
    case '<=':
      return `${v} or earlier`;
    case '<':
      return `earlier than ${v}`;
    case '~=':
      return `${v} or later within ${compatiblePrefix(v)}.*`;
    case '===':
      return `exactly the string "${v}"`;
    default:
      return `${clause.operator}${v}`;
  }
}

/** `~=1.4.5` stays within `1.4.*`: the release numbers without the last (pre/post/dev dropped). */
function compatiblePrefix(version: string): string {
  // A plain release number (`1.4.5`, the usual form) without the library's grammar.
  if (/^(?:0|[1-9]\d*)(?:\.(?:0|[1-9]\d*))+$/.test(version)) return version.slice(0, version.lastIndexOf('.'));
  const parsed = explain(version);
  if (!parsed) return version;
  const release = parsed.release.slice(0, -1).join('.');
  return parsed.epoch ? `${parsed.epoch}!${release}` : release;
}

// ---------------------------------------------------------------------------------------------
// satisfies

/**
 * PEP 440 as `packaging.SpecifierSet.contains` does it. A URL, VCS or path dependency is not
 * installed from the registry, so no registry version satisfies it.
 */
function satisfies(dep: Dependency, version: string): boolean {
  if (dep.source !== 'registry') return false;
  const spec = specText(dep);
  const parsed = explain(version);
  if (spec === undefined || spec === '') return parsed !== null && !parsed.is_prerelease;
  const clauses = parseClauses(spec);
  if (!clauses || clauses.length === 0) return false;
  if (parsed?.is_prerelease && !mentionsPrerelease(clauses)) return false;
  return clauses.every((clause) => clauseHolds(clause, version, parsed));
}

/** A set admits pre-releases when an inclusive clause names one (`!=1.0rc1` does not count). */
function mentionsPrerelease(clauses: Clause[]): boolean {
  return clauses.some((c) => c.operator !== '!=' && explain(target(c))?.is_prerelease === true);
}

function clauseHolds(clause: Clause, version: string, parsed: Pep440Version | null): boolean {
  const bound = target(clause);
  // `===` compares strings, so it is the one clause a non-PEP 440 version can satisfy.
  if (clause.operator === '===') return version.trim().toLowerCase() === bound.toLowerCase();
  const spec = explain(bound);
  if (!parsed || !spec) return false;
  if (clause.prefix) {
    const matches = prefixMatches(parsed, spec);
    return clause.operator === '!=' ? !matches : matches;
  }
  switch (clause.operator) {
    case '==':
      return equals(version, parsed, bound, spec);
    case '!=':
      return !equals(version, parsed, bound, spec);
    case '<=':
      return compare(parsed.public, bound) <= 0;
    case '>=':
      return compare(parsed.public, bound) >= 0;
    case '<':
      return lessThan(version, parsed, bound, spec);
    case '>':
      return greaterThan(version, parsed, bound, spec);
    case '~=':
      return compare(parsed.public, bound) >= 0 && prefixMatches(parsed, { ...spec, release: spec.release.slice(0, -1) });
    default:
      return false;
  }
}

/** `==1.0` ignores a candidate's local label (`1.0+ubuntu1` matches); `==1.0+a` does not. */
function equals(version: string, parsed: Pep440Version, bound: string, spec: Pep440Version): boolean {
  return spec.local ? compare(version, bound) === 0 : compare(parsed.public, bound) === 0;
}

/**
 * `<V` excludes pre-releases of V itself unless V is one (`<2.0` must not admit `2.0rc1`): with
 * packaging, any pre-release from V's earliest one (`2.0.dev0`) on.
 */
function lessThan(version: string, parsed: Pep440Version, bound: string, spec: Pep440Version): boolean {
  if (compare(version, bound) >= 0) return false;
  return spec.is_prerelease || !parsed.is_prerelease || compare(parsed.public, versionText(spec, { dev: 0 })) < 0;
}

/**
 * `>V` excludes post-releases of V unless V is one (`>1.0` must not admit `1.0.post1`), and local
 * versions of V (`1.0+ubuntu1`). "Of V" as packaging decides it: the candidate without its post,
 * dev and local parts equals V, so `>1.0.dev0` does admit `1.0.post1` (a post-release of 1.0).
 */
function greaterThan(version: string, parsed: Pep440Version, bound: string, spec: Pep440Version): boolean {
  if (compare(version, bound) <= 0) return false;
  if (!spec.is_postrelease && parsed.is_postrelease && compare(versionText(parsed, { post: null, dev: null }), bound) === 0) return false;
  return !(parsed.local && compare(parsed.public, bound) === 0);
}

/** A version's text with some parts replaced (`null` drops one); the local label is always dropped. */
function versionText(v: Pep440Version, parts: { post?: null; dev?: number | null }): string {
  const post = 'post' in parts ? parts.post : v.post;
  const dev = 'dev' in parts ? parts.dev : v.dev;
  return `${v.epoch ? `${v.epoch}!` : ''}${v.release.join('.')}${v.pre ? v.pre.join('') : ''}${post !== null && post !== undefined ? `.post${post}` : ''}${dev !== null && dev !== undefined ? `.dev${dev}` : ''}`;
}

/** `==1.4.*`: same epoch, and the release starts with 1.4 (padding the candidate with zeros). */
function prefixMatches(parsed: Pep440Version, spec: Pep440Version): boolean {
  if (parsed.epoch !== spec.epoch) return false;
  return spec.release.every((n, i) => (parsed.release[i] ?? 0) === n);
}

// ---------------------------------------------------------------------------------------------
// edits and ordering

/**
 * `name[extras] ==V ; markers`: only the spec is replaced (or `==V` inserted after name/extras);
 * in a Poetry table the bare version, Poetry's exact form.
 */
function pinEdit(dep: Dependency, version: string): TextEdit | undefined {
  if (dep.source !== 'registry' || !dep.specSpan) return undefined;
  return { span: dep.specSpan, newText: pinText(dep, version) };
}

function sortVersions(versions: string[]): string[] {
  return versions.filter((v) => valid(v) !== null).sort(compare);
}

function isPrerelease(version: string): boolean {
  return explain(version)?.is_prerelease === true;
}

/**
 * PEP 440 semantics. Specs outside the plain form cost the library's grammar, tens of microseconds
 * each, and every keystroke re-describes every spec of the file: with `generalMeanings` (owned by
 * the caller's SpecServices, specs/index.ts) their meanings are remembered. Plain specs are
 * described afresh, which costs less than remembering them (see model/stringSet.ts).
 */
export function createPypiSpecs(generalMeanings?: BoundedMemo<SpecInfo>): SpecSemantics {
  return { describe: (dep) => describe(dep, generalMeanings), satisfies, pinEdit, sortVersions, isPrerelease };
}

/** PEP 440 semantics remembering nothing: each description computed afresh. */
export const pypiSpecs: SpecSemantics = createPypiSpecs();
