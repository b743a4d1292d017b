/**
 * The dependency a URL or path stands for: its name (from `#egg=` or an archive's file name), its
 * extras (`#egg=name[extras]`, or a path's trailing `[extras]`), and the `-e` location checks.
 */
import type { Dependency, SourceKind } from '../../model/model';
import { problem, subExtent, type LineContext, type LocatedValue } from './context';
import { archiveExtension, isPipUrl, isVcsUrl, schemeOf } from './locations';
import { excerpt, readName } from './text';

interface NamedPart {
  name: string;
  extent: [number, number];
  extras?: string[];
}

/** `#egg=name[extras]` (pip searches `[#&]egg=` anywhere in the URL). */
function eggName(value: LocatedValue): NamedPart | undefined {
  const text = value.text;
  const hash = text.indexOf('#egg=');
  const amp = text.indexOf('&egg=');
  const at = hash < 0 ? amp : amp < 0 ? hash : Math.min(hash, amp);
  if (at < 0) return undefined;
  const start = at + 5;
  let end = text.indexOf('&', start);
  if (end < 0) end = text.length;
  const nameEnd = readName(text, start, end);
  if (nameEnd === start) return undefined;
  const part: NamedPart = { name: text.slice(start, nameEnd), extent: subExtent(value, start, nameEnd) };
  const extras = nameEnd < end && text.charCodeAt(nameEnd) === 91 /* [ */ ? splitExtras(text.slice(nameEnd + 1, end)) : [];
  if (extras.length > 0) part.extras = extras;
  return part;
}

/** The project name in a wheel or sdist file name at the end of a URL or path. */
function archiveName(value: LocatedValue): NamedPart | undefined {
  const text = value.text;
  let end = text.length;
  for (const stop of ['#', '?']) {
    const at = text.indexOf(stop);
    if (at >= 0 && at < end) end = at;
  }
  const start = Math.max(text.lastIndexOf('/', end - 1), text.lastIndexOf('\\', end - 1)) + 1;
  if (start >= end) return undefined;
  const fileName = text.slice(start, end);
  const ext = archiveExtension(fileName);
  let nameEnd = end;
  if (ext === '.whl') {
    // {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl: names cannot contain `-`.
    const dash = fileName.indexOf('-');
    if (dash > 0) nameEnd = start + dash;
  } else if (ext) {
    // {name}-{version}.tar.gz: the version is the part after the first `-` followed by a digit.
    const stem = fileName.slice(0, fileName.length - ext.length);
    for (let i = 1; i < stem.length - 1; i++) {
      const next = stem.charCodeAt(i + 1);
      if (stem.charCodeAt(i) === 45 && next >= 48 && next <= 57) {
        nameEnd = start + i;
        break;
      }
    }
  }
  return { name: text.slice(start, nameEnd), extent: subExtent(value, start, nameEnd) };
}

/** Where pip's `_strip_extras` regex `^(.+)(\[[^\]]+\])$` cuts a path, or -1. */
export function trailingExtrasStart(text: string): number {
  const open = text.lastIndexOf('[');
  if (open <= 0 || open >= text.length - 2 || !text.endsWith(']')) return -1;
  return text.indexOf(']', open) === text.length - 1 ? open : -1;
}

/** pip's `_strip_extras`: a trailing `[extras]` on a path. */
export function stripPathExtras(value: LocatedValue): { location: LocatedValue; extras?: string[] } {
  const text = value.text;
  const open = trailingExtrasStart(text);
  if (open < 0) return { location: value };
  const [start, end] = subExtent(value, 0, open);
  const location: LocatedValue = { text: text.slice(0, open), start, end: value.exact ? end : value.end, exact: value.exact };
  const extras = splitExtras(text.slice(open + 1, text.length - 1));
  return extras.length > 0 ? { location, extras } : { location };
}

function splitExtras(list: string): string[] {
  const close = list.indexOf(']');
  return (close >= 0 ? list.slice(0, close) : list)
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
}

/**
 * The dependency for a location (URL or path). Its name is the `#egg=` fragment, else (for
 * archives) the project name in the file name, else the location itself.
 */
export function locationDependency(ctx: LineContext, value: LocatedValue, source: SourceKind, fileNamed: boolean): Dependency {
  const named = eggName(value) ?? (fileNamed ? archiveName(value) : undefined);
  const extent = named?.extent ?? [value.start, value.end];
  const dep: Dependency = {
    ecosystem: 'pypi',
    name: named?.name ?? value.text,
    nameSpan: ctx.line.span(extent[0], extent[1]),
    section: 'requirement',
    source,
    location: value.text,
  };
  if (named?.extras) dep.extras = named.extras;
  return dep;
}

export function editableDependency(ctx: LineContext, value: LocatedValue): Dependency {
  if (isPipUrl(value.text) || /^(git|hg|svn|bzr):/i.test(value.text)) {
    const scheme = schemeOf(value.text);
    if (!isVcsUrl(value.text) && scheme !== 'file') {
      problem(ctx, `-e needs a local project path or a VCS URL (git+https://…); pip rejects ${excerpt(value.text, 0, value.text.length)}.`, ctx.line.span(value.start, value.end));
    }
    return locationDependency(ctx, value, 'editable', false);
  }
  const { location, extras } = stripPathExtras(value);
  const dep = locationDependency(ctx, location, 'editable', false);
  if (extras) dep.extras = extras;
  return dep;
}
