/**
 * Reads the bundled popularity lists (data/*.tsv, written by scripts/data-popular.mjs): `#`
 * comment lines, a header row, then one tab-separated row per package, most popular first.
 * A row may leave its count out: npm rows then share the count of the row above, PyPI rows rank
 * one below it (the lists are sorted, so this halves their size).
 *
 * Lists are read into columns (names, weights) rather than one object per package: the server
 * reads ~67,000 rows at start, and objects would be built for nothing but the few found.
 */
import type { Ecosystem } from '../model/model';
import { PYPI_SCALE, VENDOR_WEIGHT } from './policy';
import type { PopularPackage, ReservedPrefix } from './types';

/** One ecosystem's list in columns, most popular first. */
export interface PopularList {
  ecosystem: Ecosystem;
  names: string[];
  weights: Float64Array;
  /** The entry at a position, built on demand. */
  entry(i: number): PopularPackage;
}

/** Calls `visit(first column, second column, third column)` for each data row. */
function eachRow(text: string, visit: (name: string, second: string, third: string) => void): void {
  let header = true;
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    const lineEnd = end > at && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (lineEnd > at && text.charCodeAt(at) !== 35 /* # */) {
      if (header) header = false; // the column names
      else {
        const tab1 = text.indexOf('\t', at);
        if (tab1 === -1 || tab1 > lineEnd) visit(text.slice(at, lineEnd), '', '');
        else {
          const tab2 = text.indexOf('\t', tab1 + 1);
          const cut = tab2 === -1 || tab2 > lineEnd ? lineEnd : tab2;
          visit(text.slice(at, tab1), text.slice(tab1 + 1, cut), cut < lineEnd ? text.slice(cut + 1, lineEnd) : '');
        }
      }
    }
    at = end + 1;
  }
}

function count(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new Error(`bad count "${text}" for ${name} in a popularity list`);
  return n;
}

export function parseNpmList(text: string): PopularList {
  const names: string[] = [];
  const counts: number[] = [];
  let downloads = NaN;
  eachRow(text, (name, n) => {
    if (n !== '') downloads = count(n, name);
    if (Number.isNaN(downloads)) throw new Error(`npm list: the first row has no count (${name})`);
    names.push(name);
    counts.push(downloads);
  });
  const weights = Float64Array.from(counts);
  return { ecosystem: 'npm', names, weights, entry: (i) => ({ ecosystem: 'npm', name: names[i], popularity: { kind: 'downloads-a-month', count: weights[i] }, weight: weights[i] }) };
}

export function parsePypiList(text: string): PopularList {
  const names: string[] = [];
  const ranks: number[] = [];
  let rank = 0;
  eachRow(text, (name, r) => {
    rank = r !== '' ? count(r, name) : rank + 1;
    names.push(name);
    ranks.push(rank);
  });
  const of = ranks.reduce((max, r) => Math.max(max, r), 0);
  const weights = Float64Array.from(ranks, (r) => PYPI_SCALE / Math.max(r, 1));
  return { ecosystem: 'pypi', names, weights, entry: (i) => ({ ecosystem: 'pypi', name: names[i], popularity: { kind: 'rank', rank: ranks[i], of }, weight: weights[i] }) };
}

export function parseNugetList(text: string): PopularList {
  const rows: Array<{ name: string; perDay: number; owner: string }> = [];
  eachRow(text, (name, perDay, owner) => rows.push({ name, perDay: perDay === '-' || perDay === '' ? NaN : count(perDay, name), owner }));
  // Vendor IDs (no count) are weighed VENDOR_WEIGHT and follow the counted rows in the file: sort.
  const weight = (r: (typeof rows)[number]): number => (Number.isNaN(r.perDay) ? VENDOR_WEIGHT : r.perDay);
  rows.sort((a, b) => weight(b) - weight(a));
  const names = rows.map((r) => r.name);
  const weights = Float64Array.from(rows, weight);
  return {
    ecosystem: 'nuget',
    names,
    weights,
    entry: (i) => {
      const r = rows[i];
      const popularity: PopularPackage['popularity'] = Number.isNaN(r.perDay) ? { kind: 'vendor', owner: r.owner || 'its vendor' } : { kind: 'downloads-a-day', count: r.perDay };
      return { ecosystem: 'nuget', name: r.name, popularity, weight: weights[i] };
    },
  };
}

/** The reader of each ecosystem's list. */
export const LIST_PARSERS: Readonly<Record<Ecosystem, (text: string) => PopularList>> = { npm: parseNpmList, pypi: parsePypiList, nuget: parseNugetList };

export function parsePrefixes(text: string): ReservedPrefix[] {
  const out: ReservedPrefix[] = [];
  eachRow(text, (prefix, owner) => out.push({ prefix, owner }));
  return out;
}
