/**
 * Defensive accessors for parsed lockfile data. A lockfile is input like any other: hand-edited,
 * truncated, merged with conflict markers or crafted. Every reader goes through these so a value of
 * the wrong type reads as absent instead of throwing.
 */
export type Obj = Record<string, unknown>;

export function asObject(value: unknown): Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** True for JSON `true` and for YAML read with the failsafe schema (every scalar a string). */
export function asFlag(value: unknown): boolean {
  return value === true || value === 'true';
}

/** Own string-valued entries of an object map (`{name: range}`), skipping anything else. */
export function stringEntries(value: unknown): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, v] of Object.entries(asObject(value))) {
    const s = asString(v);
    if (s !== undefined) out.push([key, s]);
  }
  return out;
}

/** JSON.parse that tolerates a byte-order mark (editors on Windows add one) and answers undefined for broken text. */
export function parseJsonLenient(text: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return undefined;
  }
}

/** The name in `name@range`, `@scope/name@range` (the first `@` after the scope). */
export function splitDescriptor(descriptor: string): { name: string; range: string } {
  const at = descriptor.indexOf('@', descriptor.startsWith('@') ? 1 : 0);
  return at <= 0 ? { name: descriptor, range: '' } : { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) };
}
