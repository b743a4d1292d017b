/**
 * Package names → URL path segments. Names come from manifests (untrusted), so each becomes
 * exactly one percent-encoded segment: `/`, `?`, `#`, `%`, spaces and Unicode are escaped, npm
 * scopes keep their `@` and encode the slash (`@scope%2fname`, which registries expect), and the
 * dot segments `.` / `..` — which URL parsers resolve even when percent-encoded — are refused.
 */
import { normalizeName } from '../../model/names';

export class InvalidNameError extends Error {}

function segment(text: string): string {
  if (text === '' || /^(\.|%2e){1,2}$/i.test(text)) throw new InvalidNameError(`"${text}" is not a package name`);
  return encodeURIComponent(text);
}

/** `lodash` → `lodash`; `@types/node` → `@types%2fnode`. The case is kept: npm names are case-sensitive. */
export function npmPackagePath(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length > 214) throw new InvalidNameError('npm names are at most 214 characters');
  if (trimmed.startsWith('@')) {
    const slash = trimmed.indexOf('/');
    if (slash <= 1 || slash === trimmed.length - 1) throw new InvalidNameError(`"${trimmed}" is not a valid scoped npm name`);
    return `@${segment(trimmed.slice(1, slash))}%2f${segment(trimmed.slice(slash + 1))}`;
  }
  return segment(trimmed);
}

/** PEP 503 normal form, which PyPI's URLs use. */
export function pypiPackagePath(name: string): string {
  return segment(normalizeName('pypi', name));
}

/** NuGet registration and flat-container URLs use the lowercased ID. */
export function nugetPackagePath(id: string): string {
  return segment(id.trim().toLowerCase());
}
