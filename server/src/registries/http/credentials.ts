/**
 * Which credentials go with which request. A credential is bound to one host (and port) and a path
 * prefix, like npm's "nerf darts" (`//npm.example.com/team/:_authToken=`), and is looked up again
 * for every redirect hop, so a token can only ever reach the host it was configured for. Tokens are
 * never sent over plain http except to the loopback interface (local test and proxy registries).
 */
export interface Credential {
  /** `npm.example.com` or `127.0.0.1:4873` (port only when not the default for the scheme). */
  host: string;
  /** Path prefix, starting and ending with `/`. */
  pathPrefix: string;
  /** The full `Authorization` header value. */
  authorization: string;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/i;

export class CredentialStore {
  private readonly credentials: Credential[] = [];

  add(credential: Credential): void {
    const pathPrefix = credential.pathPrefix.endsWith('/') ? credential.pathPrefix : `${credential.pathPrefix}/`;
    this.credentials.push({ ...credential, host: credential.host.toLowerCase(), pathPrefix });
  }

  /** The Authorization header for `url`, or undefined. The longest matching path prefix wins. */
  authorizationFor(url: URL): string | undefined {
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.host))) return undefined;
    const host = url.host.toLowerCase();
    let best: Credential | undefined;
    for (const c of this.credentials) {
      if (c.host !== host || !url.pathname.startsWith(c.pathPrefix)) continue;
      if (!best || c.pathPrefix.length > best.pathPrefix.length) best = c;
    }
    return best?.authorization;
  }

  get size(): number {
    return this.credentials.length;
  }
}

/**
 * `https://user:secret@pypi.example.com/simple` → the URL without user info, and the Basic
 * credential for that host. fetch refuses URLs with credentials, and logs must never see them.
 */
export function splitUserInfo(url: string): { url: string; credential?: Credential } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url };
  }
  if (!parsed.username && !parsed.password) return { url };
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  const basic = Buffer.from(`${user}:${password}`).toString('base64');
  return { url: parsed.toString(), credential: { host: parsed.host, pathPrefix: '/', authorization: `Basic ${basic}` } };
}
