/**
 * Poetry's own tables (python-poetry.org/docs/dependency-specification, /repositories):
 * `[tool.poetry.dependencies]`, the legacy `[tool.poetry.dev-dependencies]`, and
 * `[tool.poetry.group.<name>.dependencies]`, each `name = constraint` where the constraint is a
 * Poetry version string (`^1.2`, `~1.2`, `*`, `1.2.3`, `>=1,<2`), a table (`version`, `git` with
 * `branch`/`rev`/`tag`, `path`, `url`, `source`, `extras`, `markers`) or a list of such tables
 * (multiple constraints, one per Python or platform). And `[[tool.poetry.source]]`, whose
 * `priority` decides where a package may come from.
 */
import type { Manifest, PackageSource } from '../../model/model';
import { QUOTED_MAX, shorten } from '../../model/shorten';
import { booleanAt, stringAt, tableAt, tablesOf, type TomlTable } from '../toml/locatedToml';
import { tableDependency, type TableForm } from '../toml/tableDependency';

const POETRY_FORMS: TableForm = { dialect: 'poetry', refKeys: ['rev', 'tag', 'branch'], indexKey: 'source' };

export function readPoetry(root: TomlTable, out: Manifest): void {
  const poetry = tableAt(root, 'tool', 'poetry');
  if (!poetry) return;
  // Poetry publishes a package with a name and a version unless `package-mode = false` says the
  // project only manages dependencies (an application).
  const named = stringAt(poetry, 'name') && stringAt(poetry, 'version');
  if (named && booleanAt(poetry, 'package-mode') !== false) {
    out.library = true;
    out.packageName ??= stringAt(poetry, 'name')?.value;
  }
  readDependencyTable(tableAt(poetry, 'dependencies'), 'tool.poetry.dependencies', out);
  readDependencyTable(tableAt(poetry, 'dev-dependencies'), 'tool.poetry.dev-dependencies', out);
  const groups = tableAt(poetry, 'group');
  for (const [group, entry] of groups?.entries ?? []) {
    readDependencyTable(tableAt(entry.node, 'dependencies'), `tool.poetry.group.${group}.dependencies`, out);
  }
  readSources(poetry, out);
}

function readDependencyTable(table: TomlTable | undefined, section: string, out: Manifest): void {
  for (const [name, entry] of table?.entries ?? []) {
    // `python = "^3.9"` is the interpreter the project supports, not a package.
    if (name.toLowerCase() === 'python') continue;
    // A list is several constraints for different Pythons or platforms: each is checked.
    for (const node of entry.node.kind === 'array' ? entry.node.items : [entry.node]) {
      const dep = tableDependency(name, entry.keySpan, node, section, POETRY_FORMS, out);
      if (dep) out.dependencies.push(dep);
    }
  }
}

/** Priority as Poetry documents it; an unset priority is `primary`. */
function readSources(poetry: TomlTable, out: Manifest): void {
  for (const source of tablesOf(poetry.entries.get('source')?.node)) {
    const url = stringAt(source, 'url');
    const name = stringAt(source, 'name')?.value;
    if (!url) continue;
    const priority = stringAt(source, 'priority')?.value ?? (source.entries.has('secondary') ? 'supplemental' : 'primary');
    const entry: PackageSource = { kind: 'index', value: url.value, span: url.span };
    if (name) entry.name = name;
    if (priority === 'supplemental' || priority === 'secondary') {
      const shown = shorten(name ?? url.value, QUOTED_MAX);
      entry.shadowing = `Poetry looks in the supplemental source ${shown} only for packages no primary source has: whoever publishes a private package's name on PyPI is installed instead. Give private packages \`source = "${name ? shown : 'NAME'}"\` and make this source explicit.`;
    }
    out.sources.push(entry);
  }
}
