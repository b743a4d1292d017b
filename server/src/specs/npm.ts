/** npm version specs: node-semver ranges, dist-tags, and the non-registry forms npm accepts. */
import semver from 'semver';
import type { BoundedMemo } from '../model/memo';
import type { Dependency, TextEdit } from '../model/model';
import type { SpecInfo, SpecSemantics } from './types';

/** The registry part of a spec: for `npm:real@^1.0.0` that is `^1.0.0`. */
function registrySpec(dep: Dependency): { text: string; offset: number } | undefined {
  if (dep.spec === undefined || !dep.specSpan) return undefined;
  if (dep.source === 'alias') {
    const body = dep.spec.slice(4);
    const at = body.indexOf('@', body.startsWith('@') ? 1 : 0);
    return at === -1 ? { text: '', offset: dep.spec.length } : { text: body.slice(at + 1), offset: 4 + at + 1 };
  }
  return dep.source === 'registry' ? { text: dep.spec, offset: 0 } : undefined;
}

/** `>=1.2.3 <2.0.0-0` → `>=1.2.3 <2.0.0`: the `-0` is semver's way to exclude pre-releases. */
function readableRange(range: string): string {
  return range.replace(/-0\b/g, '').replace(/\|\|/g, ' or ');
}

const PLAIN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/**
 * The forms almost every package.json uses (`1.2.3`, `^1.2.3`, `~1.2.3`, `>=1.2.3`), decided without
 * node-semver's general range machinery, which costs tens of microseconds a spec. Returns
 * undefined for anything else, which then takes the general path.
 */
function describeCommonForm(spec: string): SpecInfo | undefined {
  const op = /^(?:[\^~=]|[<>]=?)/.exec(spec)?.[0] ?? '';
  const m = PLAIN.exec(op ? spec.slice(op.length) : spec);
  if (!m) return undefined;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const v = `${major}.${minor}.${patch}`;
  if (!op || op === '=') return { valid: true, exact: true, exactVersion: v, meaning: `exactly ${v}` };
  // One comparator: node-semver prints it back as written (`>=1.2.3`), `>=0.0.0` as `*`.
  if (op !== '^' && op !== '~') return { valid: true, exact: false, meaning: op === '>=' && v === '0.0.0' ? 'any version' : `${op}${v}` };
  // node-semver: ^ allows changes that keep the left-most non-zero part; ~ allows patch changes.
  const upper = op === '~' || major === 0 ? (op === '^' && major === 0 && minor === 0 ? `0.0.${patch + 1}` : `${major}.${minor + 1}.0`) : `${major + 1}.0.0`;
  return { valid: true, exact: false, meaning: v === '0.0.0' ? `<${upper}` : `>=${v} <${upper}` }; // as node-semver prints it
}

function describeSpec(dep: Dependency, generalMeanings: BoundedMemo<SpecInfo> | undefined): SpecInfo {
  if (dep.source !== 'registry' && dep.source !== 'alias') {
    return { valid: true, exact: false, meaning: `from ${dep.source === 'path' ? 'a local path' : dep.source === 'workspace' ? 'the workspace' : dep.source === 'git' ? 'a git repository' : 'a URL'}: ${dep.spec ?? ''}` };
  }
  const reg = registrySpec(dep);
  if (!reg) return { valid: false, exact: false, meaning: 'no version given' };
  const spec = reg.text.trim();
  if (spec === '' || spec === '*' || spec.toLowerCase() === 'x') return { valid: true, exact: false, meaning: 'any version' };
  return describeCommonForm(spec) ?? (generalMeanings ? generalMeanings.get(spec, describeGeneralForm) : describeGeneralForm(spec));
}

function describeGeneralForm(spec: string): SpecInfo {
  const exact = semver.valid(spec.replace(/^=\s*/, ''), { loose: true });
  if (exact) return { valid: true, exact: true, exactVersion: exact, meaning: `exactly ${exact}` };
  const range = semver.validRange(spec, { loose: true });
  if (range) {
    const single = new semver.Range(range, { loose: true });
    // `1.2.3 - 1.2.3` or `>=1.2.3 <=1.2.3` are exact too, though nobody writes them.
    if (single.set.length === 1 && single.set[0].length === 1 && single.set[0][0].operator === '') {
      const v = single.set[0][0].semver.version;
      return { valid: true, exact: true, exactVersion: v, meaning: `exactly ${v}` };
    }
    return { valid: true, exact: false, meaning: range === '*' ? 'any version' : readableRange(range) };
  }
  if (/^[a-z][\w.-]*$/i.test(spec)) return { valid: true, exact: false, meaning: `whatever the \`${spec}\` dist-tag points to when installed` };
  return { valid: false, exact: false, meaning: `not a valid version range: ${spec}` };
}

/**
 * npm's semantics. Other forms than the common ones cost node-semver's range machinery, tens of
 * microseconds each, and every keystroke re-describes every spec of the file: with
 * `generalMeanings` (owned by the caller's SpecServices, specs/index.ts) their meanings are
 * remembered. The common forms are described afresh, which costs less than remembering them (see
 * model/stringSet.ts).
 */
export function createNpmSpecs(generalMeanings?: BoundedMemo<SpecInfo>): SpecSemantics {
  return { ...npmSpecs, describe: (dep) => describeSpec(dep, generalMeanings) };
}

/** npm's semantics remembering nothing: each description computed afresh. */
export const npmSpecs: SpecSemantics = {
  describe: (dep) => describeSpec(dep, undefined),

  satisfies(dep, version) {
    const reg = registrySpec(dep);
    if (!reg) return false;
    const spec = reg.text.trim() || '*';
    if (!semver.validRange(spec, { loose: true })) return false;
    return semver.satisfies(version, spec, { loose: true });
  },

  pinEdit(dep, version): TextEdit | undefined {
    const reg = registrySpec(dep);
    if (!reg || !dep.specSpan) return undefined;
    const start = dep.specSpan.start + reg.offset;
    return { span: { start, end: dep.specSpan.end }, newText: version };
  },

  sortVersions(versions) {
    return versions.filter((v) => semver.valid(v)).sort(semver.compare);
  },

  isPrerelease(version) {
    return (semver.prerelease(version)?.length ?? 0) > 0;
  },
};
