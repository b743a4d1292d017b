/**
 * Edit distances: the optimal-string-alignment form of Damerau–Levenshtein (insertions,
 * deletions, substitutions and swaps of two adjacent characters, each costing one).
 */

/** Whether two strings are at most one edit apart, in O(length) without a table. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    // One substitution, or one swap of neighbours.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // One insertion or deletion: the rest of the longer one, past the extra character, matches.
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * The full distance, row by row. Used by the benchmark's plain scan (the baseline the index is
 * measured against) and by tests; the index itself never needs it.
 */
export function osaDistance(a: string, b: string, rows: Int32Array[] = scratchRows(b.length)): number {
  const lb = b.length;
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[lb];
}

/** Three rows long enough for strings up to `length` (pass them in to avoid reallocating). */
export function scratchRows(length: number): Int32Array[] {
  return [new Int32Array(length + 1), new Int32Array(length + 1), new Int32Array(length + 1)];
}

/** One step of an alignment of `a` (the checked name) against `b` (the popular name). */
export type Step =
  | { op: 'same'; a: number; b: number }
  | { op: 'substitute'; a: number; b: number }
  | { op: 'extra'; a: number } // a has a character b lacks
  | { op: 'missing'; b: number } // a lacks a character of b
  | { op: 'swap'; a: number; b: number }; // a[a], a[a+1] are b[b+1], b[b]

/**
 * A cheapest alignment of two token sequences (tokens compare with ===). The common prefix and
 * suffix are matched first and only the middle goes through the table: names that resemble each
 * other differ in a few tokens, so the table is a few cells.
 */
export function align(a: readonly string[], b: readonly string[]): Step[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const steps: Step[] = [];
  for (let i = 0; i < pre; i++) steps.push({ op: 'same', a: i, b: i });
  steps.push(...alignMiddle(a, b, pre, a.length - suf, b.length - suf));
  for (let k = suf; k > 0; k--) steps.push({ op: 'same', a: a.length - k, b: b.length - k });
  return steps;
}

/** The table alignment of a[from, aEnd) against b[from, bEnd), indexes relative to the whole. */
function alignMiddle(a: readonly string[], b: readonly string[], from: number, aEnd: number, bEnd: number): Step[] {
  const la = aEnd - from;
  const lb = bEnd - from;
  const w = lb + 1;
  const d = new Int32Array((la + 1) * w);
  const A = (i: number): string => a[from + i - 1];
  const B = (j: number): string => b[from + j - 1];
  for (let j = 0; j <= lb; j++) d[j] = j;
  for (let i = 1; i <= la; i++) {
    d[i * w] = i;
    for (let j = 1; j <= lb; j++) {
      let v = Math.min(d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + (A(i) === B(j) ? 0 : 1));
      if (i > 1 && j > 1 && A(i) === B(j - 1) && A(i - 1) === B(j)) v = Math.min(v, d[(i - 2) * w + j - 2] + 1);
      d[i * w + j] = v;
    }
  }
  // Walk back, preferring matches, then swaps, then substitutions, so a typo reads as one step.
  const steps: Step[] = [];
  let i = la;
  let j = lb;
  while (i > 0 || j > 0) {
    const here = d[i * w + j];
    if (i > 0 && j > 0 && A(i) === B(j) && here === d[(i - 1) * w + j - 1]) {
      steps.push({ op: 'same', a: from + i - 1, b: from + j - 1 });
      i--;
      j--;
    } else if (i > 1 && j > 1 && A(i) === B(j - 1) && A(i - 1) === B(j) && here === d[(i - 2) * w + j - 2] + 1) {
      steps.push({ op: 'swap', a: from + i - 2, b: from + j - 2 });
      i -= 2;
      j -= 2;
    } else if (i > 0 && j > 0 && here === d[(i - 1) * w + j - 1] + 1) {
      steps.push({ op: 'substitute', a: from + i - 1, b: from + j - 1 });
      i--;
      j--;
    } else if (j > 0 && here === d[i * w + j - 1] + 1) {
      steps.push({ op: 'missing', b: from + j - 1 });
      j--;
    } else {
      steps.push({ op: 'extra', a: from + i - 1 });
      i--;
    }
  }
  return steps.reverse();
}
