/**
 * The one error type registry code throws. Its message is written for users ("timed out after
 * 10 s") and never contains credentials: URLs in it go through `redactUrl`.
 */
export type RegistryErrorKind = 'timeout' | 'cancelled' | 'too-large' | 'network' | 'http' | 'invalid' | 'redirect' | 'offline';

/**
 * Outcomes, not faults: offline without a cached answer, a cancelled lookup. They happen once per
 * package (100,000 times for a 100,000-line file), and a stack trace nobody reads cost a third of
 * the server's time on such a file; these are made without one.
 */
const EXPECTED: ReadonlySet<RegistryErrorKind> = new Set(['offline', 'cancelled']);

export class RegistryError extends Error {
  readonly kind: RegistryErrorKind;

  constructor(kind: RegistryErrorKind, message: string) {
    const limit = Error.stackTraceLimit;
    if (EXPECTED.has(kind)) Error.stackTraceLimit = 0;
    try {
      super(message);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.kind = kind;
    this.name = 'RegistryError';
  }
}

/** A URL fit for messages and logs: no user:password, no query string (tokens hide there too). */
export function redactUrl(url: string | URL): string {
  try {
    const u = new URL(String(url));
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** `registry.npmjs.org` or `127.0.0.1:4873`: the host people recognise, for messages. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function isCancellation(err: unknown): boolean {
  return err instanceof RegistryError && err.kind === 'cancelled';
}

/** Any thrown value as a user-facing reason (non-registry errors are internal and said so). */
export function reasonOf(err: unknown): string {
  if (err instanceof RegistryError) return err.message;
  return `internal error (${err instanceof Error ? err.message : String(err)})`;
}
