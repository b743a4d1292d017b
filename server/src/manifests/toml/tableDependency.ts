/**
 * `name = value` dependencies of Poetry and Pipfile tables: the value is a version string in the
 * tool's dialect, or a table saying where the code comes from (`version`, `git` with a ref,
 * `path`, `url`/`file`, `editable`/`develop`, an index by name, `extras`, `markers`).
 */
import type { Dependency, Manifest, SourceKind, Span } from '../../model/model';
import { sourceOfUrl } from '../requirements/locations';
import { booleanAt, itemsOf, stringAt, type TomlNode, type TomlString } from './locatedToml';

export interface TableForm {
  dialect: NonNullable<Dependency['specDialect']>;
  /** Keys that name a git ref, in the order they win (Poetry `rev`/`tag`/`branch`, Pipfile `ref`). */
  refKeys: readonly string[];
  /** The key that ties a dependency to a named index (Poetry `source`, Pipfile `index`). */
  indexKey: string;
}

export function tableDependency(name: string, nameSpan: Span, node: TomlNode, section: string, form: TableForm, out: Manifest): Dependency | undefined {
  const dep: Dependency = { ecosystem: 'pypi', name, nameSpan, section, source: 'registry', specDialect: form.dialect };
  if (node.kind === 'string') {
    setSpec(dep, node);
    return dep;
  }
  if (node.kind !== 'table') {
    out.problems.push({ message: `The value of ${name} must be a version string or a table (for example { version = "1.2.3" }).`, span: node.span });
    return undefined;
  }
  const version = stringAt(node, 'version');
  if (version) setSpec(dep, version);
  const location = locationOf(node, form);
  if (location) {
    dep.source = location.source;
    dep.location = location.text;
    // Findings about where the code comes from point at the location, not at the name.
    dep.specSpan = location.span;
    if (!version) delete dep.spec;
  }
  const index = stringAt(node, form.indexKey);
  if (index) dep.index = index.value;
  const extras = itemsOf(node.entries.get('extras')?.node).filter((n): n is TomlString => n.kind === 'string').map((n) => n.value);
  if (extras.length > 0) dep.extras = extras;
  const markers = stringAt(node, 'markers');
  if (markers) dep.markers = markers.value;
  return dep;
}

function setSpec(dep: Dependency, value: TomlString): void {
  dep.spec = value.value;
  // An escaped string's span is not its value: no edit may land inside it.
  if (value.exact) dep.specSpan = value.span;
}

interface Location {
  source: SourceKind;
  text: string;
  span: Span;
}

function locationOf(table: TomlNode, form: TableForm): Location | undefined {
  const git = stringAt(table, 'git');
  const editable = booleanAt(table, 'editable') === true || booleanAt(table, 'develop') === true;
  if (git) {
    const ref = form.refKeys.map((k) => stringAt(table, k)).find((r) => r !== undefined);
    return { source: editable ? 'editable' : 'git', text: ref ? `${git.value}@${ref.value}` : git.value, span: git.span };
  }
  for (const key of ['path', 'file', 'url']) {
    const where = stringAt(table, key);
    if (!where) continue;
    const source = key === 'path' ? 'path' : sourceOfUrl(where.value);
    return { source: editable ? 'editable' : source, text: where.value, span: where.span };
  }
  return undefined;
}
