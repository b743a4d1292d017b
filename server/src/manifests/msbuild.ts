/**
 * MSBuild project files (*.csproj, *.fsproj, *.vbproj, Directory.Packages.props,
 * Directory.Build.props) → Manifest.
 *
 * A well-formed file of plain markup is read by msbuildWellFormed.ts, which builds the same tree
 * in a tenth of the time. Anything else is parsed with @xml-tools/parser, an error-tolerant XML
 * parser that keeps offsets, so a half-typed file still yields every reference that can be read
 * and syntax errors become `problems`. It has no DTD support at all: entity definitions are skipped as syntax errors and `&name;` references are
 * kept as written, so nothing is ever expanded or fetched (billion laughs, external entities).
 * Its concrete syntax tree is read directly: @xml-tools/ast would build the same facts at ~4× the
 * cost of parsing (lodash-heavy; 17 ms for 500 references), and pull all of lodash into the bundle.
 *
 * Reading follows MSBuild rather than XML: item types, property names, metadata names and the
 * Include/Update attributes are matched case-insensitively (MSBuild compares them with
 * MSBuildNameIgnoreCaseComparer, so `<packagereference include="X">` is a real reference), an
 * Include may list several packages separated by `;`, and values are decoded as MSBuild sees them
 * (XML character references, then `%XX` escapes). Spans always point at the text as written.
 *
 * `Dependency.extras` carries MSBuild facts for rules:
 * - `Include` / `Update`: the item attribute, when `attribute` is `VersionOverride`;
 * - `version-both-forms`: the version is given both as an attribute and as a child element;
 * - `escaped-name`: the name uses XML or MSBuild escapes (`&#46;`, `%2E`), i.e. it is obfuscated.
 */
import type * as XmlTools from '@xml-tools/parser';

/**
 * @xml-tools/parser builds its chevrotain grammar when first loaded (~80 ms): load it when the
 * first MSBuild file is parsed, not when the server starts, so npm- and pip-only users never pay.
 */
let xmlTools: typeof XmlTools | undefined;
function parse(xml: string): ReturnType<typeof XmlTools.parse> {
  xmlTools ??= require('@xml-tools/parser') as typeof XmlTools;
  return xmlTools.parse(xml);
}
import type { Dependency, Manifest, PackageSource, ParseProblem, Span } from '../model/model';
import type { CstAttribute, CstChardata, CstDocument, CstElement, CstToken, Tokens } from './msbuildCst';
import { readWellFormed } from './msbuildWellFormed';

/**
 * Beyond this size the file is not parsed: reading costs ~1 µs per character (a second per
 * megabyte, on every edit), and real project files are a few kilobytes.
 */
const MAX_CHARS = 1_000_000;
/** Syntax errors reported; a broken file easily produces thousands, and the first ones matter. */
const MAX_SYNTAX_PROBLEMS = 20;
/** XML errors, and element depth, beyond which the rest of the file is not parsed (`preflight`). */
const MAX_SYNTAX_ERRORS = 100;
const MAX_DEPTH = 64; // MSBuild files nest ~10 deep; at ~250 unclosed the parser overflows the stack

/** NuGet item types, by lowercased name, and the `section` they produce. */
const ITEM_SECTIONS: ReadonlyMap<string, string> = new Map([
  ['packagereference', 'PackageReference'],
  ['packageversion', 'PackageVersion'],
  ['globalpackagereference', 'GlobalPackageReference'],
]);

/** Properties that list package sources, by lowercased name. */
const SOURCE_PROPERTIES: ReadonlyMap<string, PackageSource['kind']> = new Map([
  ['restoresources', 'restore-source'],
  ['restoreadditionalprojectsources', 'restore-additional-source'],
]);

interface LexError {
  readonly offset: number;
  readonly length: number;
}
interface ParseError {
  readonly name: string;
  readonly message: string;
  readonly token: { readonly image: string; readonly startOffset: number; readonly endOffset?: number };
}
interface Token {
  readonly startOffset: number;
  readonly endOffset?: number;
  readonly tokenType?: { readonly name: string };
}

/** The text being read: the parser sees `xml`, which is `text` minus a BOM, shifted by `base`. */
interface Source {
  /** The original text, for values and spans. */
  readonly text: string;
  /** What the parser reads: same length as `text.slice(base)`, neutralized where noted in `normalize` and `guard`. */
  readonly xml: string;
  /** Offset of `xml[0]` in `text`. */
  readonly base: number;
}

/** A value read from the file: decoded as MSBuild sees it, with the span of the text as written. */
interface Value {
  value: string;
  /** The trimmed text as written. */
  raw: string;
  span: Span;
}

/** `fastPath: false` reads every file with the full parser: tests compare the two readings. */
export function parseMsbuild(text: string, options: { fastPath?: boolean } = {}): Manifest {
  const manifest: Manifest = { kind: 'msbuild', ecosystem: 'nuget', dependencies: [], scripts: [], sources: [], includes: [], problems: [] };
  if (text.length > MAX_CHARS) {
    manifest.problems.push({ message: `This file is too large to analyse (${text.length} characters; the limit is ${MAX_CHARS}).`, span: { start: 0, end: 0 } });
    return manifest;
  }
  const normalized = normalize(text);
  // The usual file, well-formed, is read in one linear pass; anything else by the parser.
  const wellFormed = options.fastPath === false ? undefined : readWellFormed(normalized.xml, MAX_DEPTH);
  if (wellFormed) {
    readElements(wellFormed, normalized, manifest);
    return manifest;
  }
  const { source, problems } = guard(normalized);
  manifest.problems.push(...problems);
  const root = parseXml(source, manifest.problems);
  if (root) readElements(root, source, manifest);
  return manifest;
}

/** Line breaks the parser's `.` does not match become `\n`, and a BOM is cut off (see `guard`). */
function normalize(text: string): Source {
  const base = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { text, xml: text.slice(base).replace(/\r(?!\n)|[\u2028\u2029]/g, '\n'), base };
}

// ---------------------------------------------------------------------------------------------
// Parsing

/**
 * Makes the normalized text safe for the parser without moving any offset. Its lexer's comment and CDATA
 * patterns are lazy regexes that, when they fail, have scanned to the end of the file (or to the
 * first lone CR / U+2028 / U+2029, which their `.` does not match): a file with many unclosed
 * `<!--` took seconds per 100 kB. So those line breaks become `\n`, and an unclosed comment or
 * CDATA section is blanked to the end of the file — which is what it means in XML anyway. Then
 * `preflight` may cut the rest of a badly broken file. A BOM is cut off because the parser
 * rejects anything before `<?xml`.
 */
function guard(normalized: Source): { source: Source; problems: ParseProblem[] } {
  const { text, base } = normalized;
  let xml = normalized.xml;
  const problems: ParseProblem[] = [];
  const opener = /<!--|<!\[CDATA\[/g;
  for (let m = opener.exec(xml); m; m = opener.exec(xml)) {
    const isComment = m[0] === '<!--';
    const close = xml.indexOf(isComment ? '-->' : ']]>', m.index + m[0].length);
    if (close === -1) {
      const what = isComment ? 'Comment' : 'CDATA section';
      problems.push({ message: `Invalid XML: ${what} is not closed, so the rest of the file is part of it.`, span: { start: base + m.index, end: base + m.index + m[0].length } });
      xml = xml.slice(0, m.index) + ' '.repeat(xml.length - m.index);
      break;
    }
    opener.lastIndex = close + 3;
  }
  const cut = preflight(xml);
  if (cut) {
    problems.push({ message: cut.message, span: { start: base + cut.at, end: base + Math.min(cut.at + 1, xml.length) } });
    xml = xml.slice(0, cut.at) + ' '.repeat(xml.length - cut.at);
  }
  return { source: { text, xml, base }, problems };
}

/**
 * Where to stop feeding the parser, if anywhere. Its error recovery is slow — ~40 µs per error,
 * and quadratic in tags left open (its AST builder searches the whole token list for each), so
 * 40 kB of `<a<a<a…` took over a second — and its recursive descent overflows the stack on deep
 * nesting. This linear pre-scan meets the markup roughly as the parser does and cuts the file
 * where the error budget or the depth limit runs out. It counts only real XML errors, so it never
 * hides anything from a file MSBuild would load. Comments and CDATA are all closed by now.
 */
function preflight(xml: string): Cut | undefined {
  let errors = 0;
  let depth = 0;
  let inRoot = false;
  for (let pos = 0; pos < xml.length; ) {
    const lt = xml.indexOf('<', pos);
    errors += bareAmpersands(xml.slice(pos, lt === -1 ? xml.length : lt));
    if (errors > MAX_SYNTAX_ERRORS) return { at: pos, message: TOO_MANY_ERRORS };
    if (lt === -1) break;
    const markup = scanMarkup(xml, lt, inRoot);
    errors += markup.errors;
    depth = Math.max(0, depth + markup.depth);
    inRoot ||= markup.depth > 0;
    if (errors > MAX_SYNTAX_ERRORS) return { at: lt, message: TOO_MANY_ERRORS };
    if (depth > MAX_DEPTH) return { at: lt, message: `Elements are nested more than ${MAX_DEPTH} levels deep; the rest of the file, from here on, is not read.` };
    pos = markup.end;
  }
  return undefined;
}

interface Cut {
  at: number;
  message: string;
}

const TOO_MANY_ERRORS = 'Invalid XML: too many syntax errors; the rest of the file, from here on, is not read.';

/** Bare `&` in text: each is a lexer error (a reference needs a name and `;`). */
function bareAmpersands(text: string): number {
  return text.includes('&') ? (text.match(/&(?!#\d+;|#x[0-9a-fA-F]+;|[A-Za-z_:][\w.:-]*;)/g)?.length ?? 0) : 0;
}

/** One piece of markup from `<` at `lt`: where it ends, its errors, and +1/-1 for open/close tags. */
function scanMarkup(xml: string, lt: number, inRoot: boolean): { end: number; errors: number; depth: number } {
  if (xml.startsWith('<!--', lt)) return { end: endOf(xml, '-->', lt + 4), errors: 0, depth: 0 };
  if (xml.startsWith('<![CDATA[', lt)) return { end: endOf(xml, ']]>', lt + 9), errors: 0, depth: 0 };
  // DOCTYPE and its declarations recover cheaply before the root element, not inside it.
  if (xml[lt + 1] === '!') return { end: lt + 2, errors: inRoot ? 1 : 0, depth: 0 };
  if (xml[lt + 1] === '?') {
    // The parser only knows one-line processing instructions (its `.` stops at line ends).
    const line = /[^\r\n]*/y;
    line.lastIndex = lt;
    line.test(xml);
    const close = xml.lastIndexOf('?>', line.lastIndex - 2);
    return close >= lt + 2 ? { end: close + 2, errors: 0, depth: 0 } : { end: lt + 2, errors: 1, depth: 0 };
  }
  const name = /\/?[^\s/>"'<=]+/y;
  name.lastIndex = lt + 1;
  if (!name.test(xml)) return { end: lt + 1, errors: 1, depth: 0 };
  const tag = scanTagBody(xml, name.lastIndex);
  const depth = xml[lt + 1] === '/' ? -1 : tag.selfClosing ? 0 : 1;
  return { end: tag.end, errors: tag.errors, depth };
}

/** The offset just past the next `terminator`, or the end of the text. */
function endOf(xml: string, terminator: string, from: number): number {
  const at = xml.indexOf(terminator, from);
  return at === -1 ? xml.length : at + terminator.length;
}

/** Counts bad attributes from `from` to the tag's `>` (or the next `<`, which leaves it open). */
function scanTagBody(xml: string, from: number): { end: number; errors: number; selfClosing: boolean } {
  const attribute = /\s*(?:[^\s/>"'<=]+\s*=\s*(?:"[^<"]*"|'[^<']*')|(\/?>))/y;
  const junk = /\s*(?:[^\s<>]+|[^<])/y; // one bad word, or else one character
  let errors = 0;
  let at = from;
  while (at < xml.length && xml[at] !== '<') {
    attribute.lastIndex = at;
    const m = attribute.exec(xml);
    if (m?.[1]) return { end: attribute.lastIndex, errors, selfClosing: m[1] === '/>' };
    if (m) {
      at = attribute.lastIndex;
      continue;
    }
    errors++;
    junk.lastIndex = at;
    at = junk.test(xml) ? junk.lastIndex : at + 1;
  }
  return { end: at, errors: errors + 1, selfClosing: false }; // never closed
}

/**
 * Runs the parser and returns the root element, if there is one (error recovery may leave the
 * document's element node empty). Never throws: deep nesting overflows its recursive descent.
 */
function parseXml(source: Source, problems: ParseProblem[]): CstElement | undefined {
  try {
    const { cst, tokenVector, lexErrors, parseErrors } = parse(source.xml);
    problems.push(...syntaxProblems(source, lexErrors, parseErrors, tokenVector));
    const root = (cst as unknown as CstDocument).children.element?.[0];
    return root && Object.keys(root.children).length > 0 ? root : undefined;
  } catch (error) {
    const why = error instanceof RangeError ? 'it is nested too deeply' : `the XML parser failed (${String(error)})`;
    problems.push({ message: `This file could not be analysed: ${why}.`, span: { start: 0, end: 0 } });
    return undefined;
  }
}

function syntaxProblems(source: Source, lexErrors: readonly LexError[], parseErrors: readonly ParseError[], tokens: readonly Token[]): ParseProblem[] {
  const end = source.xml.length;
  const at = (start: number, stop: number): Span => ({ start: source.base + start, end: source.base + stop });
  const found: ParseProblem[] = [];
  for (const e of lexErrors) {
    found.push({ message: `Invalid XML: unexpected character '${source.xml.charAt(e.offset)}'.`, span: at(e.offset, e.offset + e.length) });
  }
  for (const e of parseErrors) {
    // Chevrotain reports the end of input as a token with NaN offsets.
    const start = Number.isFinite(e.token.startOffset) ? e.token.startOffset : end;
    const stop = e.token.endOffset !== undefined && Number.isFinite(e.token.endOffset) ? e.token.endOffset + 1 : start;
    found.push({ message: parseErrorMessage(e, start >= end), span: at(start, stop) });
  }
  found.sort((a, b) => a.span.start - b.span.start);
  const shown = found.slice(0, MAX_SYNTAX_PROBLEMS);
  if (found.length > MAX_SYNTAX_PROBLEMS) {
    const next = found[MAX_SYNTAX_PROBLEMS];
    shown.push({ message: `${found.length - MAX_SYNTAX_PROBLEMS} more XML syntax errors are not shown.`, span: next.span });
  }
  const doctype = tokens.find((t) => t.tokenType?.name === 'DocType');
  if (doctype) {
    const span = at(doctype.startOffset, (doctype.endOffset ?? doctype.startOffset) + 1);
    shown.push({ message: 'DOCTYPE declaration: MSBuild does not use DTDs, and entity definitions are ignored here (never expanded), so values are read as written.', span });
  }
  return shown.sort((a, b) => a.span.start - b.span.start);
}

/** Chevrotain token type names, as the characters a user would type. */
const TOKEN_TEXT: Readonly<Record<string, string>> = {
  OPEN: "'<'",
  CLOSE: "'>'",
  SLASH_OPEN: "'</'",
  SLASH_CLOSE: "'/>'",
  SPECIAL_CLOSE: "'?>'",
  EQUALS: "'='",
  STRING: 'a quoted value',
  Name: 'a name',
};

function parseErrorMessage(e: ParseError, atEnd: boolean): string {
  const found = atEnd ? 'the end of the file' : `'${e.token.image.length > 20 ? `${e.token.image.slice(0, 20)}…` : e.token.image}'`;
  if (e.name === 'NotAllInputParsedException') return `Invalid XML: unexpected ${found} after the root element.`;
  const expected = /--> (\w+) <--/.exec(e.message)?.[1];
  const wanted = expected ? TOKEN_TEXT[expected] : undefined;
  if (atEnd && expected === 'SLASH_OPEN') return 'Invalid XML: the file ends before all elements are closed.';
  return wanted ? `Invalid XML: expected ${wanted} but found ${found}.` : `Invalid XML: unexpected ${found}.`;
}

// ---------------------------------------------------------------------------------------------
// Reading MSBuild

/**
 * Visits every element in document order, wherever error recovery put it. Iterative, so depth
 * costs no stack (`preflight` caps it anyway).
 */
function readElements(root: CstElement, source: Source, manifest: Manifest): void {
  const stack: CstElement[] = [root];
  for (let el = stack.pop(); el; el = stack.pop()) {
    const name = elementName(el);
    const section = name === undefined ? undefined : ITEM_SECTIONS.get(name);
    const sourceKind = name === undefined ? undefined : SOURCE_PROPERTIES.get(name);
    if (section) manifest.dependencies.push(...readItem(el, section, source));
    else if (sourceKind) manifest.sources.push(...readSources(el, sourceKind, source));
    else if (name === 'propertygroup') readProperties(el, source, manifest);
    const children = subElements(el);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/**
 * Plain properties (`<AspireVersion>9.1.0</AspireVersion>`), for `$(Property)` versions. A group or
 * property with a `Condition` is not evaluated: it is left out, so what it sets stays unresolved.
 */
function readProperties(group: CstElement, source: Source, manifest: Manifest): void {
  if (attributeNamed(group, 'condition')) return;
  for (const el of subElements(group)) {
    const name = elementName(el);
    if (name === undefined || attributeNamed(el, 'condition')) continue;
    const value = elementValue(el, source);
    if (value === undefined || value.value.includes('<')) continue;
    (manifest.properties ??= new Map()).set(name, value.value);
  }
}

function readItem(el: CstElement, section: string, source: Source): Dependency[] {
  // Include and Update are exclusive in MSBuild; an item with only Remove/Exclude adds nothing.
  const include = attributeNamed(el, 'include');
  const itemAttribute = include ? 'Include' : 'Update';
  const target = include ?? attributeNamed(el, 'update');
  const names = target ? attributeValue(target, source) : undefined;
  if (!names) return [];
  const version = readVersion(el, source);
  const deps: Dependency[] = [];
  for (const name of splitList(names.span, source.text)) {
    const dep: Dependency = { ecosystem: 'nuget', name: name.value, nameSpan: name.span, section, source: 'registry', attribute: itemAttribute };
    const extras: string[] = [];
    if (version.value) {
      dep.specSpan = version.value.span;
      if (version.value.value !== '') dep.spec = version.value.value;
    }
    if (version.fromOverride) {
      dep.attribute = 'VersionOverride';
      extras.push(itemAttribute);
    }
    if (version.bothForms) extras.push('version-both-forms');
    if (name.value !== name.raw) extras.push('escaped-name');
    if (extras.length > 0) dep.extras = extras;
    deps.push(dep);
  }
  return deps;
}

/**
 * The version in effect. `VersionOverride` (central package management) beats `Version`; for each,
 * a child element beats an attribute, because MSBuild applies attribute metadata first.
 */
function readVersion(el: CstElement, source: Source): { value?: Value; fromOverride: boolean; bothForms: boolean } {
  const override = metadata(el, 'versionoverride', source);
  const version = metadata(el, 'version', source);
  const chosen = override.child ?? override.attribute;
  if (chosen) return { value: chosen, fromOverride: true, bothForms: override.child !== undefined && override.attribute !== undefined };
  return { value: version.child ?? version.attribute, fromOverride: false, bothForms: version.child !== undefined && version.attribute !== undefined };
}

function metadata(el: CstElement, lowerName: string, source: Source): { attribute?: Value; child?: Value } {
  const attr = attributeNamed(el, lowerName);
  // The last child element wins, as each one sets the metadata again.
  const children = subElements(el);
  let last: CstElement | undefined;
  for (let i = children.length - 1; i >= 0 && !last; i--) if (elementName(children[i]) === lowerName) last = children[i];
  const child = last ? elementValue(last, source) : undefined;
  return { attribute: attr ? attributeValue(attr, source) : undefined, child };
}

function readSources(el: CstElement, kind: PackageSource['kind'], source: Source): PackageSource[] {
  const list = elementValue(el, source);
  if (!list) return [];
  // Entries such as `$(RestoreSources)` stay as written: they stand for further sources.
  return splitList(list.span, source.text).map((entry) => ({ kind, value: entry.value, span: entry.span }));
}

// ---------------------------------------------------------------------------------------------
// The syntax tree

/** A token that was really read: not missing, and not made up by error recovery. */
function realToken(tokens: Tokens): CstToken | undefined {
  const token = tokens?.[0];
  return token && token.isInsertedInRecovery !== true ? token : undefined;
}

/** Like `realToken`, but only when the rule matched the token exactly once. */
function onlyToken(tokens: Tokens): CstToken | undefined {
  return tokens?.length === 1 ? realToken(tokens) : undefined;
}

/**
 * The element's name, lowercased (MSBuild compares names case-insensitively); undefined when it
 * has none. A single prefix is dropped (`<x:PackageReference>` is a PackageReference), as
 * @xml-tools/ast did; a name with more colons is kept whole.
 */
function elementName(el: CstElement): string | undefined {
  const image = realToken(el.children.Name)?.image;
  if (image === undefined) return undefined;
  const colon = image.indexOf(':');
  const local = colon > 0 && colon < image.length - 1 && image.indexOf(':', colon + 1) === -1 ? image.slice(colon + 1) : image;
  return local.toLowerCase();
}

/** The elements directly inside `el`, in document order. */
function subElements(el: CstElement): readonly CstElement[] {
  return el.children.content?.[0]?.children.element ?? [];
}

// ---------------------------------------------------------------------------------------------
// Values

/** The first attribute with this name, compared case-insensitively as MSBuild does. */
function attributeNamed(el: CstElement, lowerName: string): CstAttribute | undefined {
  return el.children.attribute?.find((a) => realToken(a.children.Name)?.image.toLowerCase() === lowerName);
}

/** An attribute's value inside its quotes, trimmed; undefined when the value is missing. */
function attributeValue(attr: CstAttribute, source: Source): Value | undefined {
  const token = realToken(attr.children.STRING);
  if (!token || token.endOffset === undefined) return undefined;
  return xmlValue(source, token.startOffset + 1, token.endOffset);
}

/**
 * An element's text, trimmed: `<Version> 1.2.3 </Version>` → `1.2.3`. A CDATA section is
 * unwrapped; comments around the text are skipped. Undefined for `<Version/>`.
 */
function elementValue(el: CstElement, source: Source): Value | undefined {
  const c = el.children;
  const startClose = onlyToken(c.OPEN) ? onlyToken(c.START_CLOSE) : undefined; // none for `<Version/>`
  if (startClose?.endOffset === undefined) return undefined;
  const start = startClose.endOffset + 1;
  const close = onlyToken(c.END) ? onlyToken(c.SLASH_OPEN) : undefined;
  let end = close?.startOffset ?? source.xml.indexOf('<', start); // unclosed: up to the next tag
  if (end === -1) end = source.xml.length;
  const inner = source.xml.slice(start, end);
  if (!inner.includes('<')) return xmlValue(source, start, end);
  const cdata = /^(\s*<!\[CDATA\[)([\s\S]*)\]\]>\s*$/.exec(inner);
  if (cdata) return xmlValue(source, start + cdata[1].length, start + cdata[1].length + cdata[2].length);
  // Mixed content: from the first to the last piece of text, as MSBuild would not read markup.
  let first: number | undefined;
  let last: number | undefined;
  for (const text of el.children.content?.[0]?.children.chardata ?? []) {
    const at = text.location;
    if (at?.endOffset === undefined || !(at.startOffset >= start && at.endOffset < end) || chardataText(text).trim() === '') continue;
    first ??= at.startOffset;
    last = at.endOffset;
  }
  if (first === undefined || last === undefined) return xmlValue(source, start, start);
  return xmlValue(source, first, last + 1);
}

/** The text of a chardata node: its tokens, in order. */
function chardataText(node: CstChardata): string {
  const tokens = [...(node.children.SEA_WS ?? []), ...(node.children.TEXT ?? [])];
  if (tokens.length === 1) return tokens[0].image;
  return tokens.sort((a, b) => a.startOffset - b.startOffset).map((t) => t.image).join('');
}

/** `[start, end)` in parser offsets, as a value. */
function xmlValue(source: Source, start: number, end: number): Value {
  return trimmedValue(source.text, source.base + start, source.base + end);
}

/** `[start, end)` in original offsets, whitespace-trimmed, decoded, with the span as written. */
function trimmedValue(text: string, start: number, end: number): Value {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  const raw = text.slice(s, e);
  return { value: decodeMsbuild(raw), raw, span: { start: s, end: e } };
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/**
 * Splits an MSBuild list (`A;B`, possibly over several lines) into its trimmed, non-empty entries.
 * `span` is in original offsets. A `;` written as a character reference separates too, since
 * MSBuild splits after XML decoding; `%3B` does not, which is how MSBuild escapes a literal `;`.
 */
function splitList(span: Span, text: string): Value[] {
  // Entity references are matched whole so that the `;` ending `&#46;` does not split.
  const token = /&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z_][\w.-]*);|;/g;
  const list = text.slice(span.start, span.end); // searching `text` itself would scan past the span
  const entries: Value[] = [];
  let from = span.start;
  for (let m = token.exec(list); m; m = token.exec(list)) {
    if (m[0] !== ';' && !/^&#(?:0*59|x0*3[bB]);$/.test(m[0])) continue;
    entries.push(trimmedValue(text, from, span.start + m.index));
    from = span.start + m.index + m[0].length;
  }
  entries.push(trimmedValue(text, from, span.end));
  return entries.filter((entry) => entry.raw !== '');
}

const XML_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * What MSBuild reads for a value as written: XML character and predefined entity references,
 * then MSBuild's `%XX` escapes. Any other `&name;` is left alone — DTD entities are never expanded.
 */
function decodeMsbuild(raw: string): string {
  if (!raw.includes('&') && !raw.includes('%')) return raw;
  const xml = raw.replace(/&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return XML_ENTITIES[name] ?? whole;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
  return xml.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
