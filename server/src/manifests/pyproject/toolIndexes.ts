/**
 * Where uv and PDM fetch packages from, as pyproject.toml declares it.
 *
 * uv (docs.astral.sh/uv/concepts/indexes): `[[tool.uv.index]]` (`name`, `url`, `default`,
 * `explicit`), the pip-style `index-url` / `extra-index-url` under `[tool.uv]`, and
 * `index-strategy`. uv's default strategy (`first-index`) takes a package from the first index
 * that has it, so an extra index does not open dependency confusion; `unsafe-best-match` merges
 * them and takes the highest version anywhere, which is pip's behaviour and its attack.
 * `[tool.uv.sources]` ties a dependency to git, a URL, a path, a workspace member or an index:
 * the dependency of that name is updated in place.
 *
 * PDM (pdm-project.org/en/latest/usage/config/#configure-the-package-indexes): `[[tool.pdm.source]]`
 * (`name`, `url`, `verify_ssl`, `type`); PDM merges its sources with PyPI unless
 * `[tool.pdm.resolution] respect-source-order = true`.
 */
import type { Dependency, Manifest, PackageSource, Span } from '../../model/model';
import { QUOTED_MAX, shorten } from '../../model/shorten';
import { normalizeName } from '../../model/names';
import { sourceOfUrl } from '../requirements/locations';
import { booleanAt, itemsOf, stringAt, tableAt, tablesOf, type TomlTable } from '../toml/locatedToml';

export function readUv(root: TomlTable, out: Manifest): void {
  const uv = tableAt(root, 'tool', 'uv');
  if (!uv) return;
  const strategy = stringAt(uv, 'index-strategy');
  const merges = strategy?.value === 'unsafe-best-match';
  const mergedNote = (url: string): string =>
    `With index-strategy = "unsafe-best-match", uv merges ${shorten(url, QUOTED_MAX)} with the other indexes and installs the highest version found on any: a public package with a private package's name wins. Remove the strategy (uv's default stops at the first index that has the package), or pin private packages to their index in [tool.uv.sources].`;

  const indexUrl = stringAt(uv, 'index-url');
  if (indexUrl) out.sources.push({ kind: 'index-url', value: indexUrl.value, span: indexUrl.span });
  for (const item of itemsOf(uv.entries.get('extra-index-url')?.node)) {
    if (item.kind !== 'string') continue;
    out.sources.push(merges ? { kind: 'extra-index-url', value: item.value, span: item.span, shadowing: mergedNote(item.value) } : { kind: 'index', value: item.value, span: item.span });
  }
  for (const index of tablesOf(uv.entries.get('index')?.node)) {
    const url = stringAt(index, 'url');
    if (!url) continue;
    const name = stringAt(index, 'name')?.value;
    let source: PackageSource;
    if (booleanAt(index, 'default') === true) source = { kind: 'index-url', value: url.value, span: url.span };
    else if (merges && booleanAt(index, 'explicit') !== true) source = { kind: 'extra-index-url', value: url.value, span: url.span, shadowing: mergedNote(url.value) };
    else source = { kind: 'index', value: url.value, span: url.span };
    if (name) source.name = name;
    out.sources.push(source);
  }
  if (strategy && merges && out.sources.some((s) => s.kind === 'extra-index-url')) {
    out.sources.push({ kind: 'index-strategy', value: strategy.value, span: strategy.span, shadowing: `index-strategy = "unsafe-best-match" makes uv take the highest version from any index, as pip's --extra-index-url does: a public package can shadow a private one of the same name.` });
  }
  readUvSources(tableAt(uv, 'sources'), out);
}

/** `[tool.uv.sources] name = { git = …, rev = … }` and friends, applied to the dependency of that name. */
function readUvSources(sources: TomlTable | undefined, out: Manifest): void {
  for (const [name, entry] of sources?.entries ?? []) {
    // A list holds alternatives by marker; the first is enough to say where the code comes from.
    const table = entry.node.kind === 'array' ? tableAt(entry.node.items[0]) : tableAt(entry.node);
    if (!table) continue;
    const key = normalizeName('pypi', name);
    const targets = out.dependencies.filter((d) => normalizeName('pypi', d.name) === key);
    for (const dep of targets) applyUvSource(dep, table);
  }
}

function applyUvSource(dep: Dependency, table: TomlTable): void {
  const index = stringAt(table, 'index');
  if (index) {
    dep.index = index.value;
    return;
  }
  if (booleanAt(table, 'workspace') === true) {
    setLocation(dep, 'workspace', dep.name, undefined);
    return;
  }
  const git = stringAt(table, 'git');
  if (git) {
    const ref = stringAt(table, 'rev') ?? stringAt(table, 'tag') ?? stringAt(table, 'branch');
    setLocation(dep, 'git', ref ? `${git.value}@${ref.value}` : git.value, git.span);
    return;
  }
  const url = stringAt(table, 'url');
  if (url) {
    setLocation(dep, sourceOfUrl(url.value), url.value, url.span);
    return;
  }
  const path = stringAt(table, 'path');
  if (path) setLocation(dep, booleanAt(table, 'editable') === true ? 'editable' : 'path', path.value, path.span);
}

/**
 * The dependency now comes from elsewhere: its spec no longer picks the version, and findings
 * about the location point at the location in [tool.uv.sources].
 */
function setLocation(dep: Dependency, source: Dependency['source'], location: string, span: Span | undefined): void {
  dep.source = source;
  dep.location = location;
  if (span) dep.specSpan = span;
}

export function readPdmSources(root: TomlTable, out: Manifest): void {
  const pdm = tableAt(root, 'tool', 'pdm');
  if (!pdm) return;
  const ordered = booleanAt(pdm, 'resolution', 'respect-source-order') === true;
  for (const source of tablesOf(pdm.entries.get('source')?.node)) {
    const url = stringAt(source, 'url');
    if (!url) continue;
    const name = stringAt(source, 'name')?.value;
    const entry: PackageSource = { kind: 'index', value: url.value, span: url.span };
    if (name === 'pypi') entry.kind = 'index-url';
    else if (!ordered && stringAt(source, 'type')?.value !== 'find_links') {
      entry.kind = 'extra-index-url';
      entry.shadowing = `PDM merges the source ${shorten(name ?? url.value, QUOTED_MAX)} with PyPI and takes the best match from either: a public package with a private package's name can win. Set respect-source-order = true under [tool.pdm.resolution], or replace PyPI with a single proxying index named "pypi".`;
    }
    if (name) entry.name = name;
    if (booleanAt(source, 'verify_ssl') === false) entry.tlsVerify = false;
    out.sources.push(entry);
  }
}
