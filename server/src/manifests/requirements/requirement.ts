/**
 * The requirement part of a line (pip's `parse_req_from_line`): a PEP 508 name with extras and a
 * version spec, a `name @ url` direct reference, a bare URL, or a path; then the markers.
 */
import type { Dependency } from '../../model/model';
import { located, problem, type LineContext, type LocatedValue } from './context';
import { locationDependency, stripPathExtras, trailingExtrasStart } from './locationDependency';
import { archiveExtension, archiveExtensionAt, looksLikePath, looksLikePathAt, schemeOf, sourceOfUrl, startsWithPipUrl } from './locations';
import { readVersionSpec } from './specifier';
import { excerpt, indexOfIn, isBlank, readDisguisedName, readName, skipBlanks, trimEnd, trimStart } from './text';

/** Parses the requirement part of a line (pip's `parse_req_from_line`). */
export function parseRequirementText(ctx: LineContext, start: number, end: number): Dependency | undefined {
  const text = ctx.line.text;
  // pip: in a URL a `;` may be part of the URL, so there only `; ` starts the markers.
  const isUrl = startsWithPipUrl(text, start, end);
  const semicolon = isUrl ? indexOfIn(text, '; ', start, end) : indexOfIn(text, ';', start, end);
  const bodyEnd = trimEnd(text, start, semicolon >= 0 ? semicolon : end);
  const markerStart = semicolon >= 0 ? trimStart(text, semicolon + 1, end) : end;
  const markers = markerStart < end ? text.slice(markerStart, end) : undefined;

  const dep = isUrl
    ? urlDependency(ctx, located(text, start, bodyEnd))
    : parseNonUrlRequirement(ctx, start, bodyEnd);
  if (dep && markers !== undefined) dep.markers = markers;
  return dep;
}

/** A bare URL line: a VCS checkout (named by `#egg=`), an archive URL or a `file:` location. */
function urlDependency(ctx: LineContext, url: LocatedValue): Dependency {
  const source = sourceOfUrl(url.text);
  return locationDependency(ctx, url, source, source !== 'git');
}

function parseNonUrlRequirement(ctx: LineContext, start: number, end: number): Dependency | undefined {
  const text = ctx.line.text;
  const disguisedEnd = readDisguisedName(text, start, end);
  const nameEnd = disguisedEnd > start ? disguisedEnd : readName(text, start, end);
  const extras = nameEnd > start ? readExtras(text, skipBlanks(text, nameEnd, end), end) : undefined;
  const afterExtras = extras && !('error' in extras) ? extras.end : nameEnd;
  const next = skipBlanks(text, afterExtras, end);

  if (nameEnd > start && next < end && text.charCodeAt(next) === 64 /* @ */ && !(extras && 'error' in extras)) {
    return urlRequirement(ctx, start, nameEnd, extras?.names, next + 1, end);
  }
  if (looksLikePathAt(text, start, end)) return pathRequirement(ctx, start, end);
  // An archive's file name, possibly followed by [extras] (pip's `_strip_extras`).
  const extrasAt = text.charCodeAt(end - 1) === 93 /* ] */ ? trailingExtrasStart(text.slice(start, end)) : -1;
  if (archiveExtensionAt(text, start, extrasAt < 0 ? end : start + extrasAt)) {
    return pathRequirement(ctx, start, end);
  }
  if (nameEnd === start) {
    problem(ctx, `Expected a package name, a URL or a path at the start of the requirement, found ${excerpt(text, start, end)}.`);
    return undefined;
  }
  const dep: Dependency = {
    ecosystem: 'pypi',
    name: text.slice(start, nameEnd),
    nameSpan: ctx.line.span(start, nameEnd),
    section: 'requirement',
    source: 'registry',
  };
  if (disguisedEnd > start) {
    problem(ctx, `${excerpt(text, start, nameEnd)} is not a valid package name: pip accepts only ASCII letters, digits, '-', '_' and '.', and stops with "Invalid requirement".`, dep.nameSpan);
  }
  if (extras && 'error' in extras) {
    // Without knowing where the extras end there is no safe place to insert a version.
    problem(ctx, extras.error);
    return dep;
  }
  if (extras && extras.names.length > 0) dep.extras = extras.names;
  readVersionSpec(ctx, dep, afterExtras, end);
  return dep;
}

type Extras = { names: string[]; end: number } | { error: string };

/** `[a, b]` at `pos` (undefined when there is no `[`). */
function readExtras(text: string, pos: number, end: number): Extras | undefined {
  if (pos >= end || text.charCodeAt(pos) !== 91 /* [ */) return undefined;
  let cursor = skipBlanks(text, pos + 1, end);
  if (cursor < end && text.charCodeAt(cursor) === 93 /* ] */) return { names: [], end: cursor + 1 };
  // Built from its first element: an empty array's first push reserves 17 slots, and most lines have one extra.
  let names: string[] | undefined;
  for (;;) {
    const nameEnd = readName(text, cursor, end);
    if (nameEnd === cursor) return { error: `Expected an extra name in ${excerpt(text, pos, end)}.` };
    const name = text.slice(cursor, nameEnd);
    if (names) names.push(name);
    else names = [name];
    cursor = skipBlanks(text, nameEnd, end);
    const c = cursor < end ? text.charCodeAt(cursor) : -1;
    if (c === 93 /* ] */) return { names, end: cursor + 1 };
    if (c !== 44 /* , */) return { error: cursor >= end ? `Missing ']' after the extras.` : `Unexpected ${excerpt(text, cursor, cursor + 1)} in the extras.` };
    cursor = skipBlanks(text, cursor + 1, end);
  }
}

/** `name [extras] @ url`: PEP 508 direct reference. */
function urlRequirement(
  ctx: LineContext,
  start: number,
  nameEnd: number,
  extras: string[] | undefined,
  afterAt: number,
  end: number,
): Dependency {
  const text = ctx.line.text;
  const urlStart = skipBlanks(text, afterAt, end);
  let urlEnd = urlStart;
  while (urlEnd < end && !isBlank(text.charCodeAt(urlEnd))) urlEnd++;
  const url = text.slice(urlStart, urlEnd);
  if (urlStart >= end) problem(ctx, `Missing URL after '@'.`);
  else if (urlEnd < end) problem(ctx, `Unexpected ${excerpt(text, skipBlanks(text, urlEnd, end), end)} after the URL.`);
  else if (schemeOf(url) === undefined && !looksLikePath(url)) {
    problem(ctx, `'@' must be followed by a URL (to pin a version, use '==' instead of '@').`);
  }
  const dep: Dependency = {
    ecosystem: 'pypi',
    name: text.slice(start, nameEnd),
    nameSpan: ctx.line.span(start, nameEnd),
    section: 'requirement',
    source: sourceOfUrl(url),
    location: url,
  };
  if (extras && extras.length > 0) dep.extras = extras;
  return dep;
}

/** A local directory or archive (pip checks the file system; a path-like text is enough here). */
function pathRequirement(ctx: LineContext, start: number, end: number): Dependency {
  const { location, extras } = stripPathExtras(located(ctx.line.text, start, end));
  // A directory's project name lives in its pyproject.toml/setup.py, so the path stands for it.
  const dep = locationDependency(ctx, location, 'path', archiveExtension(location.text) !== undefined);
  if (extras) dep.extras = extras;
  return dep;
}
