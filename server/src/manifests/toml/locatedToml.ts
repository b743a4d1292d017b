/**
 * A TOML document as a tree of values that keep their positions, for the manifests written in
 * TOML (pyproject.toml, Pipfile). Parsed by `toml-eslint-parser`, which keeps a range on every
 * node; this file folds its syntax (headers, dotted keys, arrays of tables) into plain nested
 * tables so the readers can ask for `tool.poetry.dependencies` without knowing how it was written.
 *
 * The parser stops at the first error. A broken file is not dropped: the line of the error is
 * blanked (same length, so every offset still holds) and the text is parsed again, a bounded
 * number of times, so what the rest of the file declares is still checked.
 */
import type * as TomlParser from 'toml-eslint-parser' with { 'resolution-mode': 'import' };
import type { AST } from 'toml-eslint-parser' with { 'resolution-mode': 'import' };
import type { ParseProblem, Span } from '../../model/model';
import { guardTomlDepth, MAX_TOML_DEPTH } from './tomlDepthGuard';

// An ES module only; Node 20.19+ `require`s it, and the bundles are built by esbuild.
const { parseTOML, ParseError } = require('toml-eslint-parser') as typeof TomlParser;

export interface TomlString {
  kind: 'string';
  value: string;
  /** The content inside the quotes. */
  span: Span;
  /** Whether `value` is exactly the text at `span` (no escapes), so sub-tokens can be located in it. */
  exact: boolean;
}
export interface TomlArray {
  kind: 'array';
  items: TomlNode[];
  span: Span;
}
export interface TomlEntry {
  keySpan: Span;
  node: TomlNode;
}
export interface TomlTable {
  kind: 'table';
  entries: Map<string, TomlEntry>;
  span: Span;
}
export interface TomlScalar {
  kind: 'scalar';
  value: unknown;
  span: Span;
}
export type TomlNode = TomlString | TomlArray | TomlTable | TomlScalar;

export interface LocatedToml {
  root: TomlTable;
  problems: ParseProblem[];
}

/** A broken file is re-read at most this many times: each retry blanks one more line. */
const MAX_RECOVERIES = 20;
/** ...and re-reads stop once this many characters have been parsed, so a huge broken file costs a few parses, not twenty. */
const RECOVERY_BUDGET = 4_000_000;

export function parseLocatedToml(text: string): LocatedToml {
  const problems: ParseProblem[] = [];
  // TOML ends lines with LF or CRLF only; a file saved with lone CRs (old Mac style) is read as
  // if they were LFs. Same length, so every offset still holds.
  const guarded = guardTomlDepth(text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text);
  if (guarded.cutAt !== undefined) {
    problems.push({ message: `This is nested more than ${MAX_TOML_DEPTH} levels deep; Manifest Guard does not read that deep, and reads the rest of the file as if it were empty.`, span: { start: guarded.cutAt, end: Math.min(text.length, guarded.cutAt + 1) } });
  }
  let source = guarded.text;
  const recoveries = Math.min(MAX_RECOVERIES, Math.floor(RECOVERY_BUDGET / Math.max(1, text.length)));
  for (let attempt = 0; attempt <= recoveries; attempt++) {
    try {
      return { root: buildTree(parseTOML(source), source), problems };
    } catch (err) {
      if (!(err instanceof ParseError)) break;
      const at = Math.min(Math.max(0, err.index), source.length);
      // `name =` with nothing after it is reported where the next line starts: that line is fine.
      const line = /same line/.test(err.message) ? previousLine(source, at) : lineAround(source, at);
      const last = attempt === recoveries;
      const then = last ? 'Manifest Guard stops reading here: fix the broken lines to have the dependencies checked.' : 'the line is skipped and the rest of the file is still checked.';
      problems.push({ message: `This is not valid TOML (${err.message}); ${then}`, span: trimmedSpan(text, line) });
      source = source.slice(0, line.start) + ' '.repeat(line.end - line.start) + source.slice(line.end);
    }
  }
  if (problems.length === 0) problems.push({ message: 'This file could not be read as TOML.', span: { start: 0, end: 0 } });
  return { root: { kind: 'table', entries: new Map(), span: { start: 0, end: 0 } }, problems };
}

function lineAround(text: string, index: number): Span {
  let start = index;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = index;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  // An error at the very end of a line (a missing closing quote) belongs to that line.
  if (start === end && start > 0) return lineAround(text, start - 1);
  return { start, end };
}

/** The last line with content before `index`'s line (itself when there is none). */
function previousLine(text: string, index: number): Span {
  const current = lineAround(text, index);
  for (let end = current.start; end > 0; ) {
    const line = lineAround(text, end - 1);
    if (text.slice(line.start, line.end).trim() !== '') return line;
    end = line.start;
  }
  return current;
}

function trimmedSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

function buildTree(program: AST.TOMLProgram, text: string): TomlTable {
  const root: TomlTable = { kind: 'table', entries: new Map(), span: { start: 0, end: text.length } };
  const top = program.body[0];
  if (!top) return root;
  for (const item of top.body) {
    if (item.type === 'TOMLKeyValue') {
      setKeyValue(root, item, text);
      continue;
    }
    const table = headerTable(root, item);
    if (!table) continue;
    for (const kv of item.body) setKeyValue(table, kv, text);
  }
  return root;
}

/** The table a `[a.b]` or `[[a.b]]` header opens (its resolved key has array indexes in it). */
function headerTable(root: TomlTable, header: AST.TOMLTable): TomlTable | undefined {
  const path = header.resolvedKey;
  const keySpan = rangeSpan(header.key.range);
  let current: TomlNode = root;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (typeof key === 'number') {
      if (current.kind !== 'array') return undefined;
      let item: TomlNode | undefined = current.items[key];
      if (!item) current.items[key] = item = { kind: 'table', entries: new Map(), span: rangeSpan(header.range) };
      current = item;
      continue;
    }
    if (current.kind !== 'table') return undefined;
    const existing: TomlEntry | undefined = current.entries.get(key);
    if (existing) {
      current = existing.node;
      continue;
    }
    const isArrayOfTables = header.kind === 'array' && i === path.length - 2;
    const node: TomlNode = isArrayOfTables ? { kind: 'array', items: [], span: rangeSpan(header.range) } : { kind: 'table', entries: new Map(), span: rangeSpan(header.range) };
    current.entries.set(key, { keySpan, node });
    current = node;
  }
  return current.kind === 'table' ? current : undefined;
}

function setKeyValue(table: TomlTable, kv: AST.TOMLKeyValue, text: string): void {
  const keys = kv.key.keys;
  let current = table;
  for (let i = 0; i < keys.length - 1; i++) {
    const name = keyName(keys[i]);
    let entry = current.entries.get(name);
    if (!entry) current.entries.set(name, (entry = { keySpan: keySpanOf(keys[i]), node: { kind: 'table', entries: new Map(), span: rangeSpan(kv.range) } }));
    if (entry.node.kind !== 'table') return;
    current = entry.node;
  }
  const last = keys[keys.length - 1];
  current.entries.set(keyName(last), { keySpan: keySpanOf(last), node: valueNode(kv.value, text) });
}

function keyName(key: AST.TOMLBare | AST.TOMLQuoted): string {
  return key.type === 'TOMLBare' ? key.name : key.value;
}

/** A quoted key's span is its content, as for strings. */
function keySpanOf(key: AST.TOMLBare | AST.TOMLQuoted): Span {
  const span = rangeSpan(key.range);
  return key.type === 'TOMLQuoted' ? { start: span.start + 1, end: Math.max(span.start + 1, span.end - 1) } : span;
}

function valueNode(value: AST.TOMLContentNode, text: string): TomlNode {
  switch (value.type) {
    case 'TOMLArray':
      return { kind: 'array', items: value.elements.map((e) => valueNode(e, text)), span: rangeSpan(value.range) };
    case 'TOMLInlineTable': {
      const table: TomlTable = { kind: 'table', entries: new Map(), span: rangeSpan(value.range) };
      for (const kv of value.body) setKeyValue(table, kv, text);
      return table;
    }
    default:
      return value.kind === 'string' ? stringNode(value, text) : { kind: 'scalar', value: value.value, span: rangeSpan(value.range) };
  }
}

function stringNode(value: AST.TOMLStringValue, text: string): TomlString {
  const quote = value.multiline ? 3 : 1;
  let start = value.range[0] + quote;
  const end = Math.max(start, value.range[1] - quote);
  // A newline right after the opening quotes of a multi-line string is not part of the value.
  if (value.multiline && text[start] === '\r' && text[start + 1] === '\n') start += 2;
  else if (value.multiline && text[start] === '\n') start += 1;
  const raw = text.slice(start, end);
  return { kind: 'string', value: value.value, span: { start, end }, exact: raw === value.value };
}

function rangeSpan(range: AST.Range): Span {
  return { start: range[0], end: range[1] };
}

// ---------------------------------------------------------------------------------------------
// reading

/** The node at a key path, or undefined. */
export function nodeAt(table: TomlNode | undefined, ...path: string[]): TomlNode | undefined {
  let current = table;
  for (const key of path) {
    if (current?.kind !== 'table') return undefined;
    current = current.entries.get(key)?.node;
  }
  return current;
}

export function tableAt(table: TomlNode | undefined, ...path: string[]): TomlTable | undefined {
  const node = nodeAt(table, ...path);
  return node?.kind === 'table' ? node : undefined;
}

export function stringAt(table: TomlNode | undefined, ...path: string[]): TomlString | undefined {
  const node = nodeAt(table, ...path);
  return node?.kind === 'string' ? node : undefined;
}

export function booleanAt(table: TomlNode | undefined, ...path: string[]): boolean | undefined {
  const node = nodeAt(table, ...path);
  return node?.kind === 'scalar' && typeof node.value === 'boolean' ? node.value : undefined;
}

/** The items of an array (a single value reads as a one-item list: some tools accept both). */
export function itemsOf(node: TomlNode | undefined): TomlNode[] {
  if (!node) return [];
  return node.kind === 'array' ? node.items : [node];
}

/** The tables of an array of tables (`[[tool.uv.index]]`). */
export function tablesOf(node: TomlNode | undefined): TomlTable[] {
  return itemsOf(node).filter((n): n is TomlTable => n.kind === 'table');
}
