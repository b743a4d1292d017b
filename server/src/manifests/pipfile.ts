/**
 * Pipfile → Manifest (pipenv.pypa.io/en/latest/pipfile): `[[source]]` indexes (`url`,
 * `verify_ssl`, `name`), `[packages]`, `[dev-packages]` and any other table of packages (custom
 * categories), each `name = "*"` / a PEP 440 specifier, or a table (`version`, `git` + `ref`,
 * `path`, `file`, `editable`, `index`, `extras`, `markers`).
 *
 * Pipenv installs from the first source only, unless a package names another with `index`; so
 * the first source stands for pip's --index-url, and the others are not merged.
 */
import type { Manifest, PackageSource } from '../model/model';
import { booleanAt, parseLocatedToml, stringAt, tablesOf, type TomlTable } from './toml/locatedToml';
import { tableDependency, type TableForm } from './toml/tableDependency';

const PIPFILE_FORMS: TableForm = { dialect: 'pipfile', refKeys: ['ref'], indexKey: 'index' };
/** Tables of a Pipfile that are not categories of packages. */
const NOT_PACKAGES = new Set(['source', 'requires', 'scripts', 'pipenv']);
const PYPI_SIMPLE = /^https:\/\/pypi\.(?:org|python\.org)\/simple\/?$/i;

export function parsePipfile(text: string): Manifest {
  const manifest: Manifest = { kind: 'Pipfile', ecosystem: 'pypi', dependencies: [], scripts: [], sources: [], includes: [], problems: [] };
  const { root, problems } = parseLocatedToml(typeof text === 'string' ? text : '');
  manifest.problems.push(...problems);
  readSources(root, manifest);
  for (const [category, entry] of root.entries) {
    if (NOT_PACKAGES.has(category) || entry.node.kind !== 'table') continue;
    readPackages(entry.node, category, manifest);
  }
  return manifest;
}

function readPackages(table: TomlTable, category: string, out: Manifest): void {
  for (const [name, entry] of table.entries) {
    const dep = tableDependency(name, entry.keySpan, entry.node, category, PIPFILE_FORMS, out);
    if (dep) out.dependencies.push(dep);
  }
}

function readSources(root: TomlTable, out: Manifest): void {
  tablesOf(root.entries.get('source')?.node).forEach((table, position) => {
    const url = stringAt(table, 'url');
    if (!url) return;
    const source: PackageSource = { kind: position === 0 && !PYPI_SIMPLE.test(url.value) ? 'index-url' : 'index', value: url.value, span: url.span };
    const name = stringAt(table, 'name')?.value;
    if (name) source.name = name;
    if (booleanAt(table, 'verify_ssl') === false) source.tlsVerify = false;
    out.sources.push(source);
  });
}
