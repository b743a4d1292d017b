/**
 * Where each dependency of one manifest is looked up, and with which credentials:
 * - npm: the `registries.npm` setting, else `registry=` of the project's then the user's .npmrc,
 *   else registry.npmjs.org; `@scope:registry=` lines route their scope wherever they point;
 * - PyPI: the requirements file's own `--index-url` when it names a PEP 691 simple index (pip
 *   installs from there), else the `registries.pypi` JSON API, else pypi.org; its
 *   `--extra-index-url`s too, since pip takes the highest version any of them serves;
 * - NuGet: the `registries.nuget` service index, else the NuGet.config sources, else nuget.org;
 * - OSV: the `registries.osv` setting, else api.osv.dev.
 * Workspace config files are read only when the workspace is trusted (`readWorkspaceConfig`).
 */
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Manifest } from '../../model/model';
import type { Settings } from '../../model/settings';
import { CredentialStore, splitUserInfo } from '../http/credentials';
import { combineNugetSources } from './nugetConfig';
import { mergeNpmrc, parseNpmrc, type ReadText } from './npmrc';

export const PUBLIC = {
  npm: 'https://registry.npmjs.org/',
  pypi: 'https://pypi.org/pypi/',
  nuget: 'https://api.nuget.org/v3/index.json',
  osv: 'https://api.osv.dev/',
} as const;

export type PypiEndpoint = { kind: 'json'; base: string } | { kind: 'simple'; base: string };

export interface Endpoints {
  npmRegistryFor(name: string): string;
  pypi: PypiEndpoint;
  /** The requirements file's `--extra-index-url`s (simple indexes), each also asked for every package. */
  pypiExtra: PypiEndpoint[];
  /** NuGet V3 service index URLs, in the order they are tried. */
  nuget: string[];
  osv: string;
  credentials: CredentialStore;
}

export interface EndpointContext {
  settings: Settings;
  manifest: Manifest;
  /** The manifest's file path; undefined for untitled documents (then no project config). */
  manifestPath?: string;
  /** Whether config files in the workspace may be read (false in an untrusted workspace). */
  readWorkspaceConfig: boolean;
  readText: ReadText;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export function endpointsFor(ctx: EndpointContext): Endpoints {
  const env = ctx.env ?? process.env;
  const home = ctx.home ?? homedir();
  const credentials = new CredentialStore();
  const projectDir = ctx.manifestPath && ctx.readWorkspaceConfig ? dirname(ctx.manifestPath) : undefined;

  const npmrc = ctx.manifest.ecosystem === 'npm' ? readNpmrc(ctx, projectDir, env, home) : mergeNpmrc(undefined, undefined);
  for (const c of npmrc.credentials) credentials.add(c);
  const npmDefault = withSlash(ctx.settings.registries.npm ?? npmrc.registry ?? PUBLIC.npm);

  const pypi = pypiEndpoint(ctx, env, credentials);
  const nuget = ctx.settings.registries.nuget
    ? [ctx.settings.registries.nuget]
    : ctx.manifest.ecosystem === 'nuget'
      ? nugetSources(ctx, projectDir, env, home)
      : [PUBLIC.nuget];

  return {
    npmRegistryFor(name) {
      const scope = name.startsWith('@') ? name.slice(0, name.indexOf('/')).toLowerCase() : undefined;
      return (scope && npmrc.scopes.get(scope)) || npmDefault;
    },
    pypi,
    pypiExtra: extraIndexes(ctx, env, credentials, pypi),
    nuget,
    osv: withSlash(ctx.settings.registries.osv ?? PUBLIC.osv),
    credentials,
  };
}

function readNpmrc(ctx: EndpointContext, projectDir: string | undefined, env: NodeJS.ProcessEnv, home: string) {
  const read = (path: string) => {
    const text = ctx.readText(path);
    return text === undefined ? undefined : parseNpmrc(text, env);
  };
  const project = projectDir ? read(join(projectDir, '.npmrc')) : undefined;
  const user = read(env.NPM_CONFIG_USERCONFIG ?? env.npm_config_userconfig ?? join(home, '.npmrc'));
  return mergeNpmrc(project, user);
}

/** pip uses the last `--index-url`; pypi.org's own simple index is read through its richer JSON API. */
function pypiEndpoint(ctx: EndpointContext, env: NodeJS.ProcessEnv, credentials: CredentialStore): PypiEndpoint {
  const json: PypiEndpoint = { kind: 'json', base: withSlash(ctx.settings.registries.pypi ?? PUBLIC.pypi) };
  const indexUrl = [...ctx.manifest.sources].reverse().find((s) => s.kind === 'index-url')?.value;
  return (indexUrl && indexEndpoint(indexUrl, env, credentials, json)) || json;
}

function extraIndexes(ctx: EndpointContext, env: NodeJS.ProcessEnv, credentials: CredentialStore, primary: PypiEndpoint): PypiEndpoint[] {
  if (ctx.manifest.ecosystem !== 'pypi') return [];
  const json: PypiEndpoint = { kind: 'json', base: withSlash(ctx.settings.registries.pypi ?? PUBLIC.pypi) };
  const out: PypiEndpoint[] = [];
  for (const source of ctx.manifest.sources) {
    if (source.kind !== 'extra-index-url') continue;
    const endpoint = indexEndpoint(source.value, env, credentials, json);
    if (endpoint && endpoint.base !== primary.base && !out.some((e) => e.base === endpoint.base)) out.push(endpoint);
  }
  return out;
}

/** The endpoint of an index URL as written (`${VAR}` expanded, user info made a credential); undefined unless http(s). */
function indexEndpoint(written: string, env: NodeJS.ProcessEnv, credentials: CredentialStore, pypiJson: PypiEndpoint): PypiEndpoint | undefined {
  const expanded = written.replace(/\$\{([A-Z0-9_]+)\}/g, (_m, name: string) => env[name] ?? '');
  const { url, credential } = splitUserInfo(expanded.trim());
  if (!/^https?:\/\//i.test(url)) return undefined;
  if (/^https:\/\/pypi\.org\/simple\/?$/i.test(url)) return pypiJson;
  if (credential) credentials.add(credential);
  return { kind: 'simple', base: withSlash(url) };
}

const NUGET_CONFIG_NAMES = ['nuget.config', 'NuGet.config', 'NuGet.Config'];

function nugetSources(ctx: EndpointContext, projectDir: string | undefined, env: NodeJS.ProcessEnv, home: string): string[] {
  const nearestFirst: string[] = [];
  for (let dir = projectDir; dir !== undefined; ) {
    const text = NUGET_CONFIG_NAMES.map((n) => ctx.readText(join(dir as string, n))).find((t) => t !== undefined);
    if (text !== undefined) nearestFirst.push(text);
    const parent = dirname(dir);
    dir = parent === dir ? undefined : parent;
  }
  const userConfig = env.APPDATA ? join(env.APPDATA, 'NuGet', 'NuGet.Config') : join(home, '.nuget', 'NuGet', 'NuGet.Config');
  const user = ctx.readText(userConfig);
  const sources = combineNugetSources([...(user !== undefined ? [user] : []), ...nearestFirst.reverse()]);
  return sources.length > 0 ? sources : [PUBLIC.nuget];
}

export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
