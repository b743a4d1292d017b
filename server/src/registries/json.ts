/**
 * Reading untrusted JSON without trusting its shape: every accessor returns undefined for a value
 * of the wrong type, and objects are only ever read, never used as maps we write into, so keys
 * such as `__proto__` or `constructor` are just strings.
 */
export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** An own property only: `obj.toString` or `obj.__proto__` must never read the prototype. */
export function field(obj: JsonObject | undefined, key: string): unknown {
  return obj !== undefined && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function stringField(obj: JsonObject | undefined, key: string): string | undefined {
  return asString(field(obj, key));
}

export function objectField(obj: JsonObject | undefined, key: string): JsonObject | undefined {
  return asObject(field(obj, key));
}

/**
 * Identifiers (names, versions, advisory ids) longer than this are not real: npm caps names at
 * 214 characters and versions at 256. A hostile registry's megabyte "version" is dropped, so it
 * reaches neither the cache nor a message.
 */
export const MAX_IDENTIFIER = 256;
/** URLs longer than this are dropped, never cut: a cut URL points somewhere else. */
export const MAX_URL = 2048;

export function asIdentifier(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= MAX_IDENTIFIER ? value : undefined;
}

export function identifierField(obj: JsonObject | undefined, key: string): string | undefined {
  return asIdentifier(field(obj, key));
}

/** The identifiers of a list, at most `max` of them; anything else in it is skipped. */
export function identifierList(value: unknown, max = 100): string[] {
  return asArray(value)
    .map(asIdentifier)
    .filter((v): v is string => v !== undefined)
    .slice(0, max);
}

export function urlField(obj: JsonObject | undefined, key: string): string | undefined {
  const url = stringField(obj, key);
  return url !== undefined && url.length <= MAX_URL ? url : undefined;
}

/** Own enumerable entries of an object (empty for anything else). */
export function entries(value: unknown): Array<[string, unknown]> {
  const obj = asObject(value);
  return obj ? Object.entries(obj) : [];
}

/** Parses a response body; undefined when it is not JSON. A UTF-8 BOM is tolerated. */
export function parseJsonBody(body: Buffer | string): unknown {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return undefined;
  }
}

/**
 * A URL-ish field in the forms publishers write: a string, `{ url }`, or an array of either
 * (npm `repository`, PyPI `project_urls` values).
 */
export function urlOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) return value.map(urlOf).find((u) => u !== undefined);
  return stringField(asObject(value), 'url')?.trim() || undefined;
}
