/**
 * What a git dependency's ref names. A ref of 7 to 40 hexadecimal digits is a commit id (npm
 * `user/repo#29784fd`, `git+https://…#<sha>`, pip `git+https://…@<sha>#egg=x`): it cannot be
 * moved. A full 40-digit id is unambiguous; an abbreviated one is resolved by prefix, so a
 * commit pushed later could in principle share it. Anything else is a branch or a tag.
 */
export type GitRefKind = 'commit' | 'abbreviated-commit' | 'movable';

/** The ref part of a git location as written: after `#` (npm, `commit=` allowed) or pip's `@` in the path. */
export function gitRefOf(location: string): string | undefined {
  const hash = location.indexOf('#');
  const fragment = hash === -1 ? '' : location.slice(hash + 1);
  // pip puts the ref after `@` in the URL path and keeps `#egg=…`/`#subdirectory=…` for itself.
  if (fragment !== '' && !/^(egg|subdirectory|sha\d+|md5)=/i.test(fragment)) {
    return fragment.replace(/^commit=/i, '').split('&')[0];
  }
  const beforeFragment = hash === -1 ? location : location.slice(0, hash);
  const path = beforeFragment.replace(/^[a-z+]+:\/\/[^/]*/i, ''); // an `@` in the host part is a user name
  const at = path.lastIndexOf('@');
  return at === -1 ? undefined : path.slice(at + 1);
}

export function gitRefKind(location: string): GitRefKind {
  const ref = gitRefOf(location);
  if (ref === undefined) return 'movable';
  if (/^[0-9a-f]{40}$/i.test(ref)) return 'commit';
  if (/^[0-9a-f]{7,39}$/i.test(ref)) return 'abbreviated-commit';
  return 'movable';
}
