/**
 * PyPI `info.requires_dist` (PEP 508 strings) → the names a plain `pip install` of the release
 * pulls in. Requirements behind an `extra == "…"` marker are only installed on request, so they
 * are left out: adding an optional extra is not a new dependency of everyone who installs it.
 */
import { normalizeName } from '../../model/names';
import { asArray, MAX_IDENTIFIER } from '../json';

const NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;
const EXTRA_MARKER = /\bextra\s*==/;
const MAX_REQUIREMENTS = 300;

/**
 * The normalised names, sorted; undefined without a list. PyPI's `null` is left unknown too: it
 * also stands for metadata PyPI never extracted (old source-only uploads), not only for "none".
 */
export function requiredNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const names = new Set<string>();
  for (const raw of asArray(value).slice(0, MAX_REQUIREMENTS)) {
    if (typeof raw !== 'string' || raw.length > 4 * MAX_IDENTIFIER) continue;
    const marker = raw.indexOf(';');
    if (marker >= 0 && EXTRA_MARKER.test(raw.slice(marker))) continue;
    const name = NAME.exec(raw)?.[1];
    if (name) names.add(normalizeName('pypi', name));
  }
  return [...names].sort();
}
