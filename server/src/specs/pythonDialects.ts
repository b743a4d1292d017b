/**
 * Version constraints of Poetry and Pipfile, in PEP 440 terms, so one set of PyPI semantics
 * (specs/pypi.ts) judges every Python manifest.
 *
 * Poetry (python-poetry.org/docs/dependency-specification): `^1.2.3` = `>=1.2.3,<2.0.0` (the
 * left-most non-zero part may not change; `^0.2.3` = `<0.3.0`, `^0.0` = `<0.1`), `~1.2.3` =
 * `>=1.2.3,<1.3.0` (`~1` = `<2`), `*` = any, `1.2.*` = `==1.2.*`, a bare `1.2.3` = exactly that,
 * PEP 440 operators as they are, clauses separated by commas or spaces; `||` joins alternatives,
 * which PEP 440 cannot express (such a constraint is read as not pinned).
 * Pipfile (pipenv): `*` = any, otherwise PEP 440; a bare version means `==` (pipenv adds it).
 */
import type { Dependency } from '../model/model';

/** The constraint as a PEP 440 specifier ('' = any version), or undefined when it has none. */
export function pep440Of(dep: Dependency): string | undefined {
  if (dep.spec === undefined) return undefined;
  const spec = dep.spec.trim();
  switch (dep.specDialect) {
    case 'poetry':
      return poetryToPep440(spec);
    case 'pipfile':
      return spec === '*' ? '' : /^\d/.test(spec) ? `==${spec}` : spec;
    default:
      return spec;
  }
}

/** A Poetry constraint in PEP 440 (`||` alternatives are left as written: no PEP 440 form exists). */
export function poetryToPep440(spec: string): string {
  if (spec === '' || spec === '*') return '';
  if (spec.includes('||')) return spec;
  // `>= 1.2` is one clause: the space after an operator is not a separator.
  const clauses = spec.replace(/([<>=!~^])\s+/g, '$1').split(/\s*,\s*|\s+(?=[<>=!~^\d])/).filter((c) => c !== '');
  return clauses.map(poetryClause).join(',');
}

function poetryClause(clause: string): string {
  if (clause === '*') return '>=0';
  if (clause.startsWith('^')) return caret(clause.slice(1).trim());
  if (clause.startsWith('~') && !clause.startsWith('~=')) return tilde(clause.slice(1).trim());
  if (/^\d/.test(clause)) return `==${clause}`;
  if (/^=\d/.test(clause)) return `=${clause}`; // Poetry accepts a single `=`
  return clause;
}

/** Release numbers of a version (`1.2.3b1` → [1, 2, 3]); undefined when it does not start with one. */
function releaseOf(version: string): number[] | undefined {
  const match = /^(\d+(?:\.\d+)*)/.exec(version);
  return match ? match[1].split('.').map(Number) : undefined;
}

function caret(version: string): string {
  const release = releaseOf(version);
  if (!release) return `^${version}`; // left invalid: reported as such
  const firstNonZero = release.findIndex((n) => n !== 0);
  const bumped = firstNonZero === -1 ? release.length - 1 : firstNonZero;
  return `>=${version},<${bump(release, bumped)}`;
}

function tilde(version: string): string {
  const release = releaseOf(version);
  if (!release) return `~${version}`;
  return `>=${version},<${bump(release, release.length === 1 ? 0 : 1)}`;
}

/** The release with part `index` incremented and everything after it dropped (`[1, 2, 3]`, 1 → `1.3`). */
function bump(release: number[], index: number): string {
  return [...release.slice(0, index), release[index] + 1].join('.');
}

/** The text a pin to `version` writes in the dependency's own dialect. */
export function pinText(dep: Dependency, version: string): string {
  return dep.specDialect === 'poetry' ? version : `==${version}`;
}
