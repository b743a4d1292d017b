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
