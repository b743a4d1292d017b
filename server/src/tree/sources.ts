/**
 * Where a `resolved` value points, judged by its form: the readers classify each locked package
 * with `sourceOfResolved`, and the non-registry rule asks `hostOf` whether a registry-shaped URL
 * is really served by the registry.
 */
import type { Ecosystem } from '../model/model';
import type { LockedSource } from './model';
import { shorten } from '../model/shorten';

/** Public registry hosts: a download from any of them is a registry download. */
export const PUBLIC_REGISTRY_HOSTS: Readonly<Record<Ecosystem, readonly string[]>> = {
  npm: ['registry.npmjs.org', 'registry.yarnpkg.com', 'registry.npmjs.com'],
  pypi: ['files.pythonhosted.org', 'pypi.org', 'pypi.python.org'],
  nuget: ['api.nuget.org', 'www.nuget.org'],
};

const GIT_FORMS = /^(?:git\+|git:\/\/|github:|gitlab:|bitbucket:|gist:|ssh:\/\/|[\w.-]+@[\w.-]+:(?!\/\/))/i;
const PATH_FORMS = /^(?:file:|link:|portal:|\.{0,2}[\\/]|[a-z]:[\\/])/i;

/** The form of a resolved location; undefined or empty means the default registry. */
export function sourceOfResolved(resolved: string | undefined, ecosystem: Ecosystem): LockedSource {
  const value = resolved?.trim();
  if (!value) return 'registry';
  if (GIT_FORMS.test(value)) return 'git';
  if (PATH_FORMS.test(value)) return 'path';
  if (/^https?:\/\//i.test(value)) return looksLikeRegistryArtifact(value, ecosystem) ? 'registry' : gitHostTarball(value) ? 'git' : 'url';
  return 'url';
}

/**
 * A URL shaped like a registry download: npm's `<base>/<name>/-/<file>.tgz`, a PyPI
 * `/packages/…` file or a NuGet flat-container `.nupkg`. Mirrors and private registries keep
 * these shapes, so the form is what tells a registry download from any other URL; whether the
 * host is the registry is checked separately.
 */
function looksLikeRegistryArtifact(url: string, ecosystem: Ecosystem): boolean {
  const path = pathOf(url);
  switch (ecosystem) {
    case 'npm':
      return /\/-\/[^/]+\.tgz$/i.test(path);
    case 'pypi':
      return /\/packages\//.test(path) || PUBLIC_REGISTRY_HOSTS.pypi.includes(hostOf(url) ?? '');
    case 'nuget':
      return /\.nupkg$/i.test(path);
  }
}

/** `https://codeload.github.com/u/r/tar.gz/<sha>` and friends: a git checkout delivered as a tarball. */
function gitHostTarball(url: string): boolean {
  const host = hostOf(url) ?? '';
  return host === 'codeload.github.com' || (/(^|\.)(github\.com|gitlab\.com|bitbucket\.org)$/.test(host) && /\/(archive|tarball|-\/archive)\//.test(pathOf(url)));
}

/** The lowercased host of an http(s) URL, or undefined for anything else. */
export function hostOf(value: string | undefined): string | undefined {
  const m = value ? /^[a-z+]*https?:\/\/(?:[^@/?#]*@)?([^/:?#]+)/i.exec(value.trim()) : null;
  return m ? m[1].toLowerCase() : undefined;
}

function pathOf(url: string): string {
  return url.replace(/^[a-z+]*:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
}

/** `http://…`, `git+http://…` and `git://…`: fetched without transport security. */
export function isPlainTextUrl(value: string | undefined): boolean {
  const v = value?.trim() ?? '';
  return /^(?:[a-z]+\+)?http:\/\//i.test(v) || /^git:\/\//i.test(v);
}

/** The location without a yarn `#sha1` fragment, shortened for a message. */
export function displayLocation(value: string, max = 100): string {
  const bare = /^https?:\/\//i.test(value) ? value.replace(/#[0-9a-f]{40}$/i, '') : value;
  return shorten(bare, max);
}
