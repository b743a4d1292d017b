/**
 * NuGet version specs (Package-Versioning.md), written by hand: no npm library handles NuGet
 * ranges. Versions are `Major.Minor.Patch[.Revision][-prerelease][+metadata]`, compared with
 * SemVer 2 precedence (release labels case-insensitively, as NuGet does). Specs are a bare
 * minimum version (`1.0`), an interval (`[1.0,2.0)`, `[1.0]`), or a floating version (`1.*`).
 *
 * A bare `1.2.3` means ">= 1.2.3", but NuGet resolves the lowest applicable version, so it installs
 * 1.2.3 whenever that exists: by convention it counts as pinned (`exact`), and the pin quick fix
 * writes that form. `satisfies` keeps NuGet's real meaning (>=).
 */
import type { Dependency, TextEdit } from '../model/model';
import type { SpecInfo, SpecSemantics } from './types';

export interface NugetVersion {
  /** Major, minor, patch, revision, as digit strings without leading zeros. */
  parts: [string, string, string, string];
  /** Pre-release identifiers; empty for a stable version. */
  release: string[];
}

const VERSION = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** Parses a NuGet version; undefined when it is not one. Build metadata is dropped. */
export function parseNugetVersion(text: string): NugetVersion | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  const digits = (s: string | undefined): string => stripZeros(s ?? '0');
  return { parts: [digits(m[1]), digits(m[2]), digits(m[3]), digits(m[4])], release: m[5] ? m[5].split('.') : [] };
}

/** The normalized form: leading zeros stripped, a zero 4th part dropped, no build metadata. */
export function normalizeNugetVersion(v: NugetVersion): string {
  const numbers = v.parts[3] === '0' ? v.parts.slice(0, 3) : v.parts;
  return numbers.join('.') + (v.release.length > 0 ? `-${v.release.join('.')}` : '');
}

/** Compares digit strings of any length numerically (they carry no leading zeros). */
function compareDigits(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** SemVer 2 rules: numeric identifiers below alphanumeric ones, a shorter prefix first. */
function compareRelease(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length; // stable > pre-release
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const aNum = /^\d+$/.test(a[i]);
    const bNum = /^\d+$/.test(b[i]);
    let c: number;
    if (aNum && bNum) c = compareDigits(stripZeros(a[i]), stripZeros(b[i]));
    else if (aNum !== bNum) c = aNum ? -1 : 1;
    else c = compareIgnoringCase(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** NuGet compares labels with OrdinalIgnoreCase, not SemVer's case-sensitive ASCII order. */
function compareIgnoringCase(a: string, b: string): number {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

export function compareNugetVersions(a: NugetVersion, b: NugetVersion): number {
  for (let i = 0; i < 4; i++) {
    const c = compareDigits(a.parts[i], b.parts[i]);
    if (c !== 0) return c;
  }
  return compareRelease(a.release, b.release);
}

// ---------------------------------------------------------------------------------------------
// Specs

interface Bound {
  version: NugetVersion;
  inclusive: boolean;
}

/** A floating version: the numeric parts written must match, the rest float. */
interface Float {
  /** The numeric parts written before the `*` (for a label float, all four). */
  parts: string[];
  /** `*-*`, `1.*-*`, `1.0.0-rc.*`: pre-releases are candidates too. */
  prerelease: boolean;
  /** For `1.0.0-rc.*`: the label prefix (`rc.`); undefined for numeric floats. */
  labelPrefix?: string;
}

/** An interval; `bare` for the plain `1.2.3` form; `minFloat` for `[1.*, 2.0)`. */
interface RangeSpec {
  kind: 'range';
  min?: Bound;
  max?: Bound;
  bare: boolean;
  minFloat?: Float;
}

/** `property`: an MSBuild `$(Name)` (`whole` when that is all of it) or `$(…)` property function. */
type Spec = { kind: 'none' } | { kind: 'property'; name?: string; whole: boolean } | { kind: 'invalid' } | { kind: 'float'; float: Float } | RangeSpec;

const PROPERTY = /\$\(\s*([A-Za-z_][\w-]*)\s*\)/;

function parseSpec(spec: string | undefined): Spec {
  const text = (spec ?? '').trim();
  if (text === '') return { kind: 'none' };
  if (text.includes('$(')) {
    const property = /\$\(\s*\[/.test(text) ? null : PROPERTY.exec(text); // `$([MSBuild]::…)` is a function
    return { kind: 'property', name: property?.[1], whole: property?.[0] === text };
  }
  if (text.startsWith('[') || text.startsWith('(')) return parseInterval(text);
  const float = parseFloating(text);
  if (float) return { kind: 'float', float };
  const version = parseNugetVersion(text);
  return version ? { kind: 'range', min: { version, inclusive: true }, bare: true } : { kind: 'invalid' };
}

/** `1.*`, `1.1.*-*`, `*`, `1.2.0-rc.*`; undefined when `text` is not a floating version. */
function parseFloating(text: string): Float | undefined {
  const numeric = /^((?:\d+\.){0,3})\*(-\*)?$/.exec(text);
  if (numeric) return { parts: numeric[1].split('.').filter((p) => p !== '').map(stripZeros), prerelease: numeric[2] !== undefined };
  const label = /^(\d+(?:\.\d+){0,3})-([0-9A-Za-z.-]*)\*$/.exec(text);
  const version = label ? parseNugetVersion(label[1]) : undefined;
  if (!label || !version) return undefined;
  return { parts: version.parts, prerelease: true, labelPrefix: label[2] };
}

/** The lowest version a float admits, used as the lower bound when it starts an interval. */
function floatMinimum(float: Float): NugetVersion {
  const parts: [string, string, string, string] = ['0', '0', '0', '0'];
  float.parts.forEach((p, i) => (parts[i] = p));
  // `0` is the lowest pre-release identifier (numeric ones sort first).
  const label = float.labelPrefix?.replace(/\.$/, '') || (float.prerelease ? '0' : '');
  return { parts, release: label === '' ? [] : label.split('.') };
}

/** `[1.0,2.0)`, `(,1.0]`, `[1.0]`. */
function parseInterval(text: string): Spec {
  const m = /^([[(])([^,\])]*)(?:,([^\])]*))?([\])])$/.exec(text);
  if (!m) return { kind: 'invalid' };
  const [, open, first, second, close] = m;
  if (second === undefined) {
    // `[1.0]` is the exact form; `(1.0)`, `[1.0)` are invalid.
    const version = parseNugetVersion(first);
    if (open !== '[' || close !== ']' || !version) return { kind: 'invalid' };
    return { kind: 'range', min: { version, inclusive: true }, max: { version, inclusive: true }, bare: false };
  }
  const minFloat = first.includes('*') ? parseFloating(first.trim()) : undefined;
  const min = first.trim() === '' ? undefined : minFloat ? floatMinimum(minFloat) : parseNugetVersion(first);
  const max = second.trim() === '' ? undefined : parseNugetVersion(second);
  if ((first.trim() !== '' && !min) || (second.trim() !== '' && !max) || (!min && !max)) return { kind: 'invalid' };
  const range: RangeSpec = { kind: 'range', bare: false, minFloat };
  if (min) range.min = { version: min, inclusive: open === '[' };
  if (max) range.max = { version: max, inclusive: close === ']' };
  if (min && max) {
    const c = compareNugetVersions(min, max);
    if (c > 0 || (c === 0 && !(range.min?.inclusive && range.max?.inclusive))) return { kind: 'invalid' };
  }
  return range;
}

function floatMatches(float: Float, v: NugetVersion): boolean {
  if (float.parts.some((p, i) => p !== v.parts[i])) return false;
  if (v.release.length === 0) return true;
  if (!float.prerelease) return false;
  return float.labelPrefix === undefined || v.release.join('.').toLowerCase().startsWith(float.labelPrefix.toLowerCase());
}

function inRange(spec: RangeSpec, v: NugetVersion): boolean {
  if (spec.min) {
    const c = compareNugetVersions(v, spec.min.version);
    if (c < 0 || (c === 0 && !spec.min.inclusive)) return false;
  }
  if (spec.max) {
    const c = compareNugetVersions(v, spec.max.version);
    if (c > 0 || (c === 0 && !spec.max.inclusive)) return false;
  }
  if (v.release.length === 0) return true;
  // A pre-release only when the range asks for one: a pre-release bound or a `-*` float.
  return (spec.min?.version.release.length ?? 0) > 0 || (spec.max?.version.release.length ?? 0) > 0 || spec.minFloat?.prerelease === true;
}

// ---------------------------------------------------------------------------------------------
// describe

function floatMeaning(float: Float): string {
  const taken = 'floating: restore takes the highest';
  if (float.labelPrefix !== undefined) {
    const version = normalizeNugetVersion({ ...floatMinimum(float), release: [] });
    return `any ${version}-${float.labelPrefix}* pre-release or ${version} itself (${taken})`;
  }
  const which = float.parts.length === 0 ? '' : ` ${float.parts.join('.')}.x`;
  return float.prerelease ? `any${which} version, pre-releases included (${taken})` : `any stable${which} version (${taken})`;
}

function rangeMeaning(spec: RangeSpec): string {
  const parts: string[] = [];
  if (spec.min) parts.push(`${spec.min.inclusive ? '>=' : '>'} ${normalizeNugetVersion(spec.min.version)}`);
  if (spec.max) parts.push(`${spec.max.inclusive ? '<=' : '<'} ${normalizeNugetVersion(spec.max.version)}`);
  return parts.join(' ') + (spec.minFloat ? ', floating: restore takes the highest' : '');
}

function describe(dep: Dependency): SpecInfo {
  const spec = parseSpec(dep.spec);
  switch (spec.kind) {
    case 'none':
      return { valid: true, exact: false, meaning: dep.section === 'PackageReference' ? 'version set centrally (Directory.Packages.props)' : 'no version given' };
    case 'property':
      if (spec.name === undefined) return { valid: false, exact: false, meaning: 'computed by an MSBuild property function' };
      return { valid: false, exact: false, meaning: `${spec.whole ? 'set by' : 'uses'} MSBuild property ${spec.name}` };
    case 'invalid':
      return { valid: false, exact: false, meaning: `not a valid NuGet version range: ${(dep.spec ?? '').trim()}` };
    case 'float':
      return { valid: true, exact: false, meaning: floatMeaning(spec.float) };
    case 'range':
      return describeRange(spec);
  }
}

function describeRange(spec: RangeSpec): SpecInfo {
  const min = spec.min && normalizeNugetVersion(spec.min.version);
  if (spec.bare && min) return { valid: true, exact: true, exactVersion: min, meaning: `>= ${min}, resolves to ${min} when it exists` };
  const pinned = spec.min && spec.max && !spec.minFloat && spec.min.inclusive && spec.max.inclusive && compareNugetVersions(spec.min.version, spec.max.version) === 0;
  if (pinned && min) return { valid: true, exact: true, exactVersion: min, meaning: `exactly ${min}` };
  return { valid: true, exact: false, meaning: rangeMeaning(spec) };
}

// ---------------------------------------------------------------------------------------------

export const nugetSpecs: SpecSemantics = {
  describe,

  satisfies(dep, version) {
    const v = parseNugetVersion(version);
    if (!v) return false;
    const spec = parseSpec(dep.spec);
    switch (spec.kind) {
      case 'none':
        return true; // no constraint here; a central version or the lowest available applies
      case 'property':
      case 'invalid':
        return false;
      case 'float':
        return floatMatches(spec.float, v);
      case 'range':
        return inRange(spec, v) && (!spec.minFloat || compareNugetVersions(v, floatMinimum(spec.minFloat)) >= 0);
    }
  },

  /** Replaces the version with the bare form, which NuGet resolves to exactly that version. */
  pinEdit(dep, version): TextEdit | undefined {
    const v = parseNugetVersion(version);
    if (!dep.specSpan || !v) return undefined;
    return { span: { start: dep.specSpan.start, end: dep.specSpan.end }, newText: normalizeNugetVersion(v) };
  },

  sortVersions(versions) {
    const parsed = versions.flatMap((text) => {
      const version = parseNugetVersion(text);
      return version ? [{ text, version }] : [];
    });
    return parsed.sort((a, b) => compareNugetVersions(a.version, b.version)).map((p) => p.text);
  },

  isPrerelease(version) {
    return (parseNugetVersion(version)?.release.length ?? 0) > 0;
  },
};
