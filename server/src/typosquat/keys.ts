/**
 * The keys a popular name is indexed under, computed from its characters into a reusable buffer:
 * at load this runs for ~67,000 names, and building a string per key would cost more in garbage
 * collection than everything else. Each key hash equals `wholeHash` of the string it stands for
 * (its skeleton, its normal form…), so lookups can hash plain strings.
 */
import type { Ecosystem } from '../model/model';
import { normalizeName } from '../model/names';
import { skeleton } from './fold';
import { BASE, mix, polynomial } from './hashTable';

const AT = 0x40;
const SLASH = 0x2f;
const DASH = 0x2d;

function isDelimiter(c: number): boolean {
  return c === DASH || c === 0x5f /* _ */ || c === 0x2e /* . */;
}

/** A growable buffer of UTF-16 codes. */
export class Codes {
  codes = new Uint16Array(128);
  length = 0;

  reserve(n: number): Uint16Array {
    if (n > this.codes.length) this.codes = new Uint16Array(2 * n);
    return this.codes;
  }

  setString(s: string): void {
    const codes = this.reserve(s.length);
    for (let i = 0; i < s.length; i++) codes[i] = s.charCodeAt(i);
    this.length = s.length;
  }
}

/** Fills `out` with the codes of `skeleton(name)`. */
export function skeletonCodes(name: string, out: Codes): void {
  const codes = out.reserve(name.length);
  let n = 0;
  for (let i = 0; i < name.length; i++) {
    let c = name.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return out.setString(skeleton(name)); // rare: the general path
    if (isDelimiter(c)) continue;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    else if (c === 0x30) c = 0x6f; // 0 → o
    else if (c === 0x31) c = 0x6c; // 1 → l
    codes[n++] = c;
  }
  out.length = n;
}

/** Fills `out` with the codes of `normalizeName(ecosystem, name)`. */
export function normalCodes(ecosystem: Ecosystem, name: string, out: Codes): void {
  const codes = out.reserve(name.length);
  let n = 0;
  for (let i = 0; i < name.length; i++) {
    let c = name.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return out.setString(normalizeName(ecosystem, name));
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (ecosystem === 'pypi' && isDelimiter(c)) {
      // PEP 503: a run of delimiters is one dash.
      if (n > 0 && codes[n - 1] === DASH && isDelimiter(name.charCodeAt(i - 1))) continue;
      c = DASH;
    }
    codes[n++] = c;
  }
  out.length = n;
}

/** The scope's length (`@babel` → 6) of npm normal-form codes, or 0 when unscoped. */
export function scopeLength(codes: Uint16Array, n: number): number {
  if (n === 0 || codes[0] !== AT) return 0;
  for (let i = 1; i < n; i++) if (codes[i] === SLASH) return i > 1 ? i : 0;
  return 0;
}

/**
 * An order-free hash of the words of a normal form (`dateutil-python` and `python-dateutil`
 * hash alike), or undefined for fewer than two words. An npm scope stays part of the key.
 */
export function wordsHash(codes: Uint16Array, n: number, scope: number): number | undefined {
  let sum = scope > 0 ? mix(polynomial(codes, 0, scope) ^ 0x5bd1e995) : 0;
  let count = 0;
  let start = scope > 0 ? scope + 1 : 0;
  for (let i = start; i <= n; i++) {
    if (i < n && !isDelimiter(codes[i])) continue;
    if (i > start) {
      sum = (sum + mix(polynomial(codes, start, i))) | 0;
      count++;
    }
    start = i + 1;
  }
  return count < 2 ? undefined : mix((sum + Math.imul(count, 0x27d4eb2d)) | 0);
}

/** The hash of an npm scoped name's skeleton codes without `@` and `/` (`@types/node` → `typesnode`). */
export function flattenedHash(skeletonCodes: Uint16Array, n: number): number {
  let h = 0;
  for (let i = 0; i < n; i++) {
    const c = skeletonCodes[i];
    if (c !== AT && c !== SLASH) h = (Math.imul(h, BASE) + c) | 0;
  }
  return mix(h);
}
