/**
 * package.json → Manifest. Parsed with jsonc-parser's error-tolerant tree, so a half-typed file
 * still yields every dependency that can be read; syntax errors become `problems`.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Dependency, Manifest, ManifestScript, ParseProblem, SourceKind, Span } from '../model/model';
import { guardJsonDepth, MAX_JSON_DEPTH } from './jsonDepthGuard';
import { isOverrideEntry } from '../model/overrides';
import { runToEnd, type Steps } from '../model/steps';
import { jsonTreeInSteps } from './jsonTreeInSteps';

const DEPENDENCY_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;
const BUNDLE_SECTIONS = ['bundleDependencies', 'bundledDependencies'] as const;
/** A dependency entry is about four tokens (name, colon, spec, comma): the tree is built as many entries per step as they are read. */
const TOKENS_PER_ENTRY = 4;
/** Smaller files are parsed in one step, as they always were: a few milliseconds. */
const STEPPED_FROM_CHARS = 100_000;

/** The span of a string node's content, inside the quotes. */
function innerSpan(node: Node): Span {
  return node.type === 'string' ? { start: node.offset + 1, end: node.offset + Math.max(1, node.length - 1) } : { start: node.offset, end: node.offset + node.length };
}

function propertyEntries(node: Node | undefined): Array<{ key: Node; value: Node | undefined }> {
  if (!node || node.type !== 'object' || !node.children) return [];
  const out: Array<{ key: Node; value: Node | undefined }> = [];
  for (const prop of node.children) {
    const [key, value] = prop.children ?? [];
    if (key && key.type === 'string') out.push({ key, value });
  }
  return out;
}

function property(root: Node | undefined, name: string): Node | undefined {
  return propertyEntries(root).find((e) => e.key.value === name)?.value;
}

/** Classifies an npm spec the way npm-package-arg does, far enough to tell where code comes from. */
export function npmSourceKind(spec: string): { source: SourceKind; aliasOf?: string } {
  const s = spec.trim();
  if (/^npm:/i.test(s)) {
    const rest = s.slice(4);
    const at = rest.indexOf('@', rest.startsWith('@') ? 1 : 0);
    return { source: 'alias', aliasOf: at === -1 ? rest : rest.slice(0, at) };
  }
  if (/^workspace:/i.test(s)) return { source: 'workspace' };
  if (/^(file|link):/i.test(s) || /^(\.{1,2}[\\/]|[\\/]|~[\\/]|[a-zA-Z]:[\\/])/.test(s)) return { source: 'path' };
  if (/^(git\+[a-z]+:|git:|github:|gitlab:|bitbucket:|gist:)/i.test(s)) return { source: 'git' };
  if (/^https?:\/\//i.test(s)) return { source: /\.git(#.*)?$/i.test(s) ? 'git' : 'url' };
  // GitHub shorthand `user/repo` or `user/repo#ref` (a registry range never contains `/`).
  if (/^[^@\s/:][^\s/:]*\/[^\s/:]+(#.*)?$/.test(s)) return { source: 'git' };
  return { source: 'registry' };
}

function dependencyFrom(name: string, keyNode: Node, valueNode: Node | undefined, section: string, path?: string[]): Dependency {
  const dep: Dependency = { ecosystem: 'npm', name, nameSpan: innerSpan(keyNode), section, source: 'registry' };
  if (path) dep.path = path;
  if (valueNode && valueNode.type === 'string' && typeof valueNode.value === 'string') {
    dep.spec = valueNode.value;
    dep.specSpan = innerSpan(valueNode);
    const kind = npmSourceKind(valueNode.value);
    dep.source = kind.source;
    if (kind.aliasOf) dep.aliasOf = kind.aliasOf;
    if (kind.source !== 'registry' && kind.source !== 'alias') dep.location = valueNode.value;
    // pnpm catalogs: the range is in pnpm-workspace.yaml (resolved by manifests/indirectSpecs.ts).
    if (/^catalog:/i.test(valueNode.value.trim())) dep.indirect = { written: valueNode.value.trim() };
  }
  return dep;
}

/** yarn `resolutions` keys look like `**\/foo`, `parent/foo`, `@scope/foo`, `foo@1.x`: the package is the last name. */
export function resolutionTarget(key: string): string {
  // pnpm selects a child with `parent>child` (and `parent@1>child@2`): the package is the last one.
  const parts = key.slice(key.lastIndexOf('>') + 1).split('/');
  let name = parts[parts.length - 1];
  if (parts.length >= 2 && parts[parts.length - 2].startsWith('@')) name = `${parts[parts.length - 2]}/${name}`;
  const at = name.indexOf('@', name.startsWith('@') ? 1 : 0);
  return at > 0 ? name.slice(0, at) : name;
}

/** npm `overrides` nest: `{ "foo": "1.0.0", "bar": { ".": "2.0.0", "baz": "3.0.0" } }`. */
function collectOverrides(node: Node | undefined, path: string[], out: Dependency[], problems: ParseProblem[], depth = 0): void {
  if (depth > 32) return; // npm itself would not accept absurd nesting; never recurse unbounded
  for (const { key, value } of propertyEntries(node)) {
    const keyText = String(key.value);
    if (value?.type === 'object') {
      const self = property(value, '.');
      const selfKey = propertyEntries(value).find((e) => e.key.value === '.');
      const name = resolutionTarget(keyText);
      if (self && selfKey) out.push({ ...dependencyFrom(name, key, self, 'overrides', [...path, keyText]) });
      collectOverrides(value, [...path, keyText], out, problems, depth + 1);
    } else if (keyText !== '.') {
      if (value && value.type !== 'string') {
        problems.push({ message: `The override for "${keyText}" should be a version string.`, span: { start: value.offset, end: value.offset + value.length } });
        continue;
      }
      out.push(dependencyFrom(resolutionTarget(keyText), key, value, 'overrides', [...path, keyText]));
    }
  }
}

export function parsePackageJson(original: string): Manifest {
  return runToEnd(parsePackageJsonInSteps(original, Infinity));
}

/**
 * `parsePackageJson` a step at a time: the tree of a well-formed file is built, and its
 * dependencies read, `entriesPerStep` at a time, so the language server serves other requests
 * between the steps of a 60,000-dependency file. A file with syntax errors is parsed in one go
 * with jsonc-parser's error recovery (it is being typed, so it is rarely that large).
 */
export function* parsePackageJsonInSteps(original: string, entriesPerStep: number): Steps<Manifest> {
  const guarded = guardJsonDepth(original);
  const text = guarded.text;
  const errors: ParseError[] = [];
  const stepped = entriesPerStep !== Infinity && text.length >= STEPPED_FROM_CHARS;
  const wellFormed = stepped ? yield* jsonTreeInSteps(text, entriesPerStep * TOKENS_PER_ENTRY) : undefined;
  const root = wellFormed ?? parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: ParseProblem[] = errors.slice(0, 50).map((e) => ({
    message: `package.json is not valid JSON: ${describeParseError(printParseErrorCode(e.error))}.`,
    // An error at the end of the text (an unclosed object) must still point inside it.
    span: { start: Math.min(e.offset, text.length), end: Math.min(text.length, e.offset + Math.max(1, e.length)) },
  }));
  if (guarded.cutAt !== undefined) {
    problems.push({ message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels was not read (no manifest needs that; it is a way to crash parsers).`, span: { start: guarded.cutAt, end: guarded.cutAt + 1 } });
  }
  const manifest: Manifest = { kind: 'package.json', ecosystem: 'npm', dependencies: [], scripts: [], sources: [], includes: [], problems };
  if (!root) return manifest;
  if (root.type !== 'object') {
    problems.push({ message: 'package.json should contain a JSON object.', span: { start: root.offset, end: root.offset + root.length } });
    return manifest;
  }

  const name = property(root, 'name');
  if (name?.type === 'string' && typeof name.value === 'string') manifest.packageName = name.value;
  const version = property(root, 'version');
  if (manifest.packageName && version?.type === 'string' && property(root, 'private')?.value !== true) manifest.library = true;

  for (const section of DEPENDENCY_SECTIONS) {
    const sectionNode = property(root, section);
    if (sectionNode && sectionNode.type !== 'object') {
      problems.push({ message: `"${section}" should be an object of package names and version specs.`, span: { start: sectionNode.offset, end: sectionNode.offset + sectionNode.length } });
      continue;
    }
    let read = 0;
    for (const { key, value } of propertyEntries(sectionNode)) {
      if (++read % entriesPerStep === 0) yield;
      if (value && value.type !== 'string') {
        problems.push({ message: `The version of "${key.value}" should be a string.`, span: { start: value.offset, end: value.offset + value.length } });
      }
      manifest.dependencies.push(dependencyFrom(String(key.value), key, value, section));
    }
  }

  for (const section of BUNDLE_SECTIONS) {
    const node = property(root, section);
    if (node?.type !== 'array') continue;
    for (const item of node.children ?? []) {
      if (item.type === 'string') {
        manifest.dependencies.push({ ecosystem: 'npm', name: String(item.value), nameSpan: innerSpan(item), section: 'bundleDependencies', source: 'registry' });
      }
    }
  }

  collectOverrides(property(root, 'overrides'), ['overrides'], manifest.dependencies, problems);
  collectOverrides(property(property(root, 'pnpm'), 'overrides'), ['pnpm', 'overrides'], manifest.dependencies, problems);
  for (const { key, value } of propertyEntries(property(root, 'resolutions'))) {
    if (value?.type !== 'string') continue;
    manifest.dependencies.push(dependencyFrom(resolutionTarget(String(key.value)), key, value, 'resolutions', ['resolutions', String(key.value)]));
  }

  manifest.scripts = readScripts(property(root, 'scripts'));
  resolveOverrideReferences(manifest);
  return manifest;
}

/**
 * npm and pnpm overrides may say `"$foo"`: the version this package.json gives `foo`; pnpm's `"-"`
 * removes a dependency and installs nothing.
 */
function resolveOverrideReferences(manifest: Manifest): void {
  manifest.dependencies = manifest.dependencies.filter((dep) => !(isOverrideEntry(dep) && dep.spec?.trim() === '-'));
  let declared: Map<string, Dependency> | undefined; // built on the first `$name`, so a file of them stays linear
  for (const dep of manifest.dependencies) {
    const spec = dep.spec?.trim();
    if (!isOverrideEntry(dep) || !spec?.startsWith('$')) continue;
    if (!declared) {
      declared = new Map();
      for (const d of manifest.dependencies) if (!isOverrideEntry(d) && d.spec !== undefined && !declared.has(d.name)) declared.set(d.name, d);
    }
    const target = declared.get(spec.slice(1));
    dep.indirect = { written: spec, from: target ? `this file's ${target.section}` : undefined };
    if (target?.spec !== undefined) {
      dep.spec = target.spec;
      dep.source = target.source;
      if (target.aliasOf) dep.aliasOf = target.aliasOf;
      if (target.location) dep.location = target.location;
    }
  }
}

function readScripts(node: Node | undefined): ManifestScript[] {
  const scripts: ManifestScript[] = [];
  for (const { key, value } of propertyEntries(node)) {
    if (value?.type !== 'string') continue;
    scripts.push({ name: String(key.value), command: String(value.value), nameSpan: innerSpan(key), commandSpan: innerSpan(value) });
  }
  return scripts;
}

function describeParseError(code: string): string {
  // printParseErrorCode gives identifiers like "CommaExpected"; make them read like a sentence.
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
