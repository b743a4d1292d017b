/**
 * `.npmrc` as npm reads it for our purpose: which registry serves a package, and which
 * credentials go to which host. Project file first, then the user's (`$NPM_CONFIG_USERCONFIG` or
 * `~/.npmrc`); `${VAR}` references are expanded from the environment as npm does.
 *
 *   registry=https://npm.example.com/
 *   @acme:registry=https://npm.acme.dev/
 *   //npm.acme.dev/:_authToken=${ACME_TOKEN}
 *   //npm.example.com/:_auth=base64(user:pass)      (or username= + _password=base64)
 *
 * Credentials are keyed by "nerf dart" (`//host[:port]/path/`) and so bound to that host.
 */
import { parse as parseIni } from 'ini';
import type { Credential } from '../http/credentials';

export interface NpmrcSettings {
  registry?: string;
  /** `@scope` (lowercased) → registry URL. */
  scopes: Map<string, string>;
  credentials: Credential[];
}

export type ReadText = (path: string) => string | undefined;

export function parseNpmrc(text: string, env: NodeJS.ProcessEnv = process.env): NpmrcSettings {
  const result: NpmrcSettings = { scopes: new Map(), credentials: [] };
  let parsed: Record<string, unknown>;
  try {
    parsed = parseIni(text) as Record<string, unknown>;
  } catch {
    return result;
  }
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string') values.set(key, expandEnv(value, env));
  }
  const registry = values.get('registry');
  if (registry && isHttpUrl(registry)) result.registry = withSlash(registry);
  const users = new Map<string, { username?: string; password?: string }>();
  for (const [key, value] of values) {
    const scope = /^(@[^:]+):registry$/.exec(key);
    if (scope && isHttpUrl(value)) {
      result.scopes.set(scope[1].toLowerCase(), withSlash(value));
      continue;
    }
    const nerf = /^\/\/([^/]+)(\/.*)?:(_authToken|_auth|username|_password)$/.exec(key);
    if (!nerf || value === '') continue;
    const [, host, path = '/', kind] = nerf;
    const dart = `${host}\u0000${path}`;
    if (kind === '_authToken') result.credentials.push({ host, pathPrefix: path, authorization: `Bearer ${value}` });
    else if (kind === '_auth') result.credentials.push({ host, pathPrefix: path, authorization: `Basic ${value}` });
    else {
      const user = users.get(dart) ?? {};
      if (kind === 'username') user.username = value;
      else user.password = Buffer.from(value, 'base64').toString('utf8');
      users.set(dart, user);
    }
  }
  for (const [dart, { username, password }] of users) {
    if (username === undefined || password === undefined) continue;
    const [host, path] = dart.split('\u0000');
    result.credentials.push({ host, pathPrefix: path, authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` });
  }
  return result;
}

/** Project settings win over the user's; credentials of both apply (each to its own host). */
export function mergeNpmrc(project: NpmrcSettings | undefined, user: NpmrcSettings | undefined): NpmrcSettings {
  const scopes = new Map([...(user?.scopes ?? []), ...(project?.scopes ?? [])]);
  return { registry: project?.registry ?? user?.registry, scopes, credentials: [...(project?.credentials ?? []), ...(user?.credentials ?? [])] };
}

function expandEnv(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/(\\*)\$\{([^}]+)\}/g, (whole, escapes: string, name: string) => {
    if (escapes.length % 2 === 1) return whole.slice(1);
    return escapes + (env[name] ?? '');
  });
}

function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(value.trim());
}

function withSlash(url: string): string {
  const trimmed = url.trim();
  return trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}
