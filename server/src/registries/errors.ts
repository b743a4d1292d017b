/**
 * The one error type registry code throws. Its message is written for users ("timed out after
 * 10 s") and never contains credentials: URLs in it go through `redactUrl`.
 */
export type RegistryErrorKind = 'timeout' | 'cancelled' | 'too-large' | 'network' | 'http' | 'invalid' | 'redirect' | 'offline';

export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
  ) {
    super(message);
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
