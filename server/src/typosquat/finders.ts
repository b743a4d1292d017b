/**
 * The candidate finders: each looks one kind of resemblance up in a `NameStore` and describes
 * what it finds. Whether a candidate is reported is decided afterwards (ecosystemIndex.ts).
 */
import { normalizeName } from '../model/names';
import { code, describeEdit, listing } from './describe';
import { align, osaDistance, withinOneEdit } from './distance';
import { PAIRS, skeleton, units } from './fold';
import { concat, mix, power, Slices, stringPolynomial, wholeHash } from './hashTable';
import { Codes, scopeLength, wordsHash } from './keys';
import { type NameStore, Tag } from './store';
import type { Resemblance } from './types';
import { type Affixes, splitScope, words } from './words';

export interface Candidate {
  id: number;
  resemblance: Resemblance;
}

/** Longest skeleton searched for two slips (popular names are shorter; ~1,100 probes at most). */
const MAX_TWO_SLIP_LENGTH = 48;

/** One lookup's state, shared by the finders. */
export interface Query {
  /** The name as compared (PyPI: delimiter runs collapsed to `-`, case kept). */
  shown: string;
  /** Its normal form. */
  norm: string;
  skel: string;
  /** The checked name's own entry, if listed. */
  self: number | undefined;
  /** The least weight a candidate can have and still be reported. */
  min: number;
  /** npm: the checked name's scope (`@babel`), if any. */
  scope: string | undefined;
  /** The checked name is no established package (the shipped set says so): the looser finders apply. */
  absent: boolean;
  out: Candidate[];
}

/** The two-letter look-alikes, with the hash of the pair: [`rn`, `m`, h(`rn`)]. */
const PAIR_LIST: ReadonlyArray<readonly [string, string, number]> = Object.entries(PAIRS).map(([pair, single]) => [pair, single, stringPolynomial(pair)]);

/** Scratch buffers, reused across lookups (lookups are synchronous, one at a time). */
const scratch = { ids: [] as number[], seen: new Int32Array(0), stamp: 0, codes: new Codes(), slices: new Slices(), prefix: new Int32Array(64), powers: new Int32Array(64) };

function eligible(store: NameStore, id: number, q: Query): boolean {
  if (id === q.self || store.weight(id) < q.min) return false;
  // npm scopes are owned: a package in the imitated package's own scope has the same publisher,
  // so it is a sibling (@storybook/preact, @storybook/react), never a squat.
  return q.scope === undefined || !store.name(id).toLowerCase().startsWith(`${q.scope}/`);
}

/** Names whose skeleton is within one edit of the checked one's: typos, delimiters, look-alikes. */
export function editCandidates(store: NameStore, q: Query): void {
  const ids = scratch.ids;
  ids.length = 0;
  store.neighbours(q.skel, ids);
  if (scratch.seen.length < store.size || scratch.stamp === 0x7fffffff) {
    scratch.seen = new Int32Array(Math.max(store.size, scratch.seen.length));
    scratch.stamp = 0;
  }
  // seen[id] === stamp: already looked at in this lookup (no clearing between lookups).
  const stamp = ++scratch.stamp;
  for (const id of ids) {
    if (scratch.seen[id] === stamp || !eligible(store, id, q)) continue;
    scratch.seen[id] = stamp;
    if (!withinOneEdit(q.skel, store.skeletonOf(id))) continue; // a hash collision, or two edits apart
    const resemblance = describeEdit(q.shown, store.name(id));
    if (resemblance) q.out.push({ id, resemblance });
  }
}

/** Names with exactly the skeleton whose hash is given; `text` builds the skeleton when a hash hits. */
function withSkeleton(store: NameStore, hash: number, text: () => string, q: Query, found: (id: number) => Resemblance | undefined): void {
  let skel: string | undefined;
  store.find(hash, Tag.Skeleton, (id) => {
    if (!eligible(store, id, q)) return;
    skel ??= text();
    if (store.skeletonOf(id) !== skel) return;
    const resemblance = found(id);
    if (resemblance) q.out.push({ id, resemblance });
  });
}

/**
 * Look-alikes the skeleton keeps apart: `rn` read as `m` and back, `vv` as `w` and back (each
 * `m`, `w` swapped one at a time, the first three), and uppercase `I` read as `l`.
 */
export function readingCandidates(store: NameStore, q: Query): void {
  const { skel, shown } = q;
  for (const [pair, single] of PAIR_LIST) if (skel.includes(pair)) probeReading(store, q, skel.split(pair).join(single));
  if (shown.includes('I')) probeReading(store, q, skeleton(shown.replace(/I/g, 'l')));

  // One `m` as `rn` (one `w` as `vv`): hashed by splicing prefix hashes, no string per guess.
  if (!skel.includes('m') && !skel.includes('w')) return;
  const describe = (id: number): Resemblance | undefined => describeEdit(shown, store.name(id));
  const { codes, slices } = scratch;
  codes.setString(skel);
  slices.set(codes.codes, skel.length);
  const n = skel.length;
  for (const [pair, single, pairHash] of PAIR_LIST) {
    for (let at = skel.indexOf(single), k = 0; at !== -1 && k < 3; at = skel.indexOf(single, at + 1), k++) {
      const hash = mix(concat(concat(slices.hash(0, at), pairHash, 2), slices.hash(at + 1, n), n - at - 1));
      if (!store.mayHave(hash)) continue;
      const spliced = at;
      withSkeleton(store, hash, () => skel.slice(0, spliced) + pair + skel.slice(spliced + 1), q, describe);
    }
  }
}

/** Names whose skeleton is `reading`, another reading of the checked name's. */
function probeReading(store: NameStore, q: Query, reading: string): void {
  const hash = wholeHash(reading);
  if (store.mayHave(hash)) withSkeleton(store, hash, () => reading, q, (id) => describeEdit(q.shown, store.name(id)));
}

/** The same words in another order (`dateutil-python` for `python-dateutil`). */
export function reorderCandidates(store: NameStore, q: Query): void {
  const { codes } = scratch;
  codes.setString(q.norm);
  const scope = store.ecosystem === 'npm' ? scopeLength(codes.codes, codes.length) : 0;
  const hash = wordsHash(codes.codes, codes.length, scope);
  if (hash === undefined || !store.mayHave(hash)) return;
  let mine: WordOrder | undefined;
  store.find(hash, Tag.Words, (id) => {
    if (!eligible(store, id, q)) return;
    mine ??= wordOrder(store, q.norm);
    const theirs = wordOrder(store, normalizeName(store.ecosystem, store.name(id)));
    // The same order means only delimiters differ, which editCandidates reports.
    if (theirs.scope !== mine.scope || theirs.sorted !== mine.sorted || theirs.order === mine.order) return;
    q.out.push({ id, resemblance: { kind: 'reorder', strength: 'strong', description: 'the same words in another order' } });
  });
}

interface WordOrder {
  scope: string;
  order: string;
  sorted: string;
}

function wordOrder(store: NameStore, norm: string): WordOrder {
  const { scope = '', bare } = store.ecosystem === 'npm' ? splitScope(norm) : { bare: norm };
  const ws = words(bare);
  return { scope, order: ws.join(' '), sorted: [...ws].sort().join(' ') };
}

/**
 * An added affix (`lodash-js`, `pyrequests`) or a dropped one (`dateutil` for `python-dateutil`).
 * Added affixes are looked up by length (a slice per distinct length, not a comparison per
 * affix: the learned vocabulary has hundreds); dropped ones are tried for `dropped` only, the
 * hand-written imitation affixes, since a popular name plus a learned word (`lodash-utils`) is
 * another package, not a fuller form of the checked name.
 */
export function affixCandidates(store: NameStore, q: Query, affixes: Affixes, minCore: number, dropped: Affixes = affixes): void {
  const { skel } = q;
  const n = skel.length;
  if (n < minCore) return;
  const { codes, slices } = scratch;
  codes.setString(skel);
  slices.set(codes.codes, n);
  const whole = slices.hash(0, n);
  const lookup = affixLookup(affixes);
  // The filter first (arithmetic and one bit), the affix string only when the core may be listed.
  for (const len of lookup.prefixLengths) {
    if (n - len < minCore) break;
    const added = mix(slices.hash(len, n));
    if (store.mayHave(added) && lookup.prefixes.has(skel.slice(0, len))) addedAffix(store, q, added, len, 'prefix');
  }
  for (const len of lookup.suffixLengths) {
    if (n - len < minCore) break;
    const added = mix(slices.hash(0, n - len));
    if (store.mayHave(added) && lookup.suffixes.has(skel.slice(n - len))) addedAffix(store, q, added, len, 'suffix');
  }
  const hashes = affixHashes(dropped);
  // Plain loops, and closures only once a hash hits: a closure in the loop body would allocate a
  // context for every affix of every name checked (~0.8 KB a name).
  for (let k = 0; k < dropped.prefixes.length; k++) {
    const hash = mix(concat(hashes.prefixes[k], whole, n));
    if (store.mayHave(hash)) droppedAffix(store, q, hash, dropped.prefixes[k], 'prefix');
  }
  for (let k = 0; k < dropped.suffixes.length; k++) {
    const hash = mix(concat(whole, hashes.suffixes[k], dropped.suffixes[k].length));
    if (store.mayHave(hash)) droppedAffix(store, q, hash, dropped.suffixes[k], 'suffix');
  }
}

interface AffixLookup {
  prefixes: ReadonlySet<string>;
  suffixes: ReadonlySet<string>;
  /** The distinct lengths, shortest first. */
  prefixLengths: number[];
  suffixLengths: number[];
}

/**
 * A name of no standing that is a popular name plus one word of any kind, at a delimiter
 * (`commander-verified`, `the-isarray`, `attrs-cu12`): whatever the word, such a name borrows the
 * popular one's standing, and nothing else holds it. Only the outermost word is tried on each
 * side; the core keeps at least `minCore` letters. Printable-ASCII names only: skeleton offsets
 * then count the non-delimiter characters. Call after `affixCandidates`, which sets the slices.
 */
export function wordAffixCandidates(store: NameStore, q: Query, minCore: number, joined: boolean): void {
  const { shown, skel } = q;
  const n = skel.length;
  if (n < minCore + 1 || !/^[\x21-\x7e]+$/.test(shown)) return;
  const { slices } = scratch;
  // Skeleton offsets of the boundaries: after the first word, before the last one. `joined`
  // (NuGet): only a word run onto the last segment in PascalCase (`Serilog.Sinks.FileExtended`),
  // since a new dotted segment is how NuGet IDs grow.
  let first = -1;
  let last = -1;
  let letters = 0;
  for (let i = 0; i < shown.length; i++) {
    const c = shown.charCodeAt(i);
    const delimiter = c === 0x2d || c === 0x5f || c === 0x2e;
    const boundary = joined ? isUpper(c) && i > 0 && isLowerOrDigit(shown.charCodeAt(i - 1)) : delimiter;
    if (joined && delimiter) last = -1;
    if (boundary && letters > 0 && letters < n) {
      if (first === -1 && !joined) first = letters;
      last = letters;
    }
    if (!delimiter) letters++;
  }
  if (joined) first = -1;
  if (first === -1 && last === -1) return;
  if (first !== -1 && n - first >= minCore) {
    const hash = mix(slices.hash(first, n));
    if (store.mayHave(hash)) addedAffix(store, q, hash, first, 'prefix');
  }
  if (last >= minCore && (!joined || n - last >= 2)) {
    const hash = mix(slices.hash(0, last));
    if (store.mayHave(hash)) addedAffix(store, q, hash, n - last, 'suffix');
  }
}

const isUpper = (c: number): boolean => c >= 0x41 && c <= 0x5a;
const isLowerOrDigit = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

const affixLookups = new WeakMap<Affixes, AffixLookup>();

function affixLookup(affixes: Affixes): AffixLookup {
  let lookup = affixLookups.get(affixes);
  if (!lookup) {
    const lengths = (xs: readonly string[]) => [...new Set(xs.map((x) => x.length))].sort((a, b) => a - b);
    lookup = { prefixes: new Set(affixes.prefixes), suffixes: new Set(affixes.suffixes), prefixLengths: lengths(affixes.prefixes), suffixLengths: lengths(affixes.suffixes) };
    affixLookups.set(affixes, lookup);
  }
  return lookup;
}

/** Candidates the checked name is with `len` skeleton letters more (an affix added to them). */
function addedAffix(store: NameStore, q: Query, hash: number, len: number, side: 'prefix' | 'suffix'): void {
  const core = () => (side === 'prefix' ? q.skel.slice(len) : q.skel.slice(0, q.skel.length - len));
  withSkeleton(store, hash, core, q, () => affixResemblance('added', affixAsWritten(q.shown, len, side)));
}

/** Candidates that are the checked name with `affix` added (it dropped theirs). */
function droppedAffix(store: NameStore, q: Query, hash: number, affix: string, side: 'prefix' | 'suffix'): void {
  const full = () => (side === 'prefix' ? affix + q.skel : q.skel + affix);
  withSkeleton(store, hash, full, q, (id) => affixResemblance('dropped', affixAsWritten(store.name(id), affix.length, side)));
}

function affixResemblance(kind: 'added' | 'dropped', text: string): Resemblance {
  return { kind: 'affix', strength: 'weak', description: kind === 'added' ? `an added ${code(text)}` : `without its ${code(text)}` };
}

const affixHashCache = new WeakMap<Affixes, { prefixes: number[]; suffixes: number[] }>();

/** The (unmixed) hashes of an affix list, computed once. */
function affixHashes(affixes: Affixes): { prefixes: number[]; suffixes: number[] } {
  let hashes = affixHashCache.get(affixes);
  if (!hashes) {
    hashes = { prefixes: affixes.prefixes.map(stringPolynomial), suffixes: affixes.suffixes.map(stringPolynomial) };
    affixHashCache.set(affixes, hashes);
  }
  return hashes;
}

/** npm: a popular name in an unknown scope (`@evil/cross-env`), or a scope run in (`types-node`). */
export function scopeCandidates(store: NameStore, q: Query): void {
  const { scope, bare } = splitScope(q.norm);
  if (scope) {
    if (q.self !== undefined || store.knownScope(scope)) return;
    const id = store.exact(bare);
    if (id !== undefined && eligible(store, id, q)) {
      q.out.push({ id, resemblance: { kind: 'scope', strength: 'weak', description: `its name inside the unknown scope ${code(scope)}` } });
    }
    return;
  }
  // Most names hash to nothing stored: the filter answers before any closure is made.
  const hash = wholeHash(q.skel);
  if (!store.mayHave(hash)) return;
  store.find(hash, Tag.Flattened, (id) => {
    if (eligible(store, id, q) && store.skeletonOf(id).replace(/[@/]/g, '') === q.skel) {
      q.out.push({ id, resemblance: { kind: 'scope', strength: 'strong', description: 'its scope run into the name' } });
    }
  });
  // The bare name of a popular scoped package (`cli` for `@angular/cli`) is often a real, older
  // package; only a name of no standing is read as an unscoped copy.
  if (!q.absent) return;
  store.find(hash, Tag.Bare, (id) => {
    const skel = store.skeletonOf(id);
    if (eligible(store, id, q) && skel.slice(skel.indexOf('/') + 1) === q.skel) {
      q.out.push({ id, resemblance: { kind: 'scope', strength: 'strong', description: `its name without the scope ${code(skel.slice(0, skel.indexOf('/')))}` } });
    }
  });
}

/**
 * Two slips in a long name (`minimatchhh`, `minimtchs`, a doubled letter plus a swap): names
 * within one edit of the checked name less one character, from `minLength` skeleton letters.
 * Covers every pair of slips of which one is an added character — the common ones — at about
 * length² probes of the filter, so only names of no standing are searched this way.
 */
export function twoSlipCandidates(store: NameStore, q: Query, minLength: number): void {
  const { skel } = q;
  // The probes grow with the square of the length: a hostile file of long names must stay cheap.
  if (!q.absent || skel.length < minLength || skel.length > MAX_TWO_SLIP_LENGTH) return;
  // A name in a scope that publishes popular packages is that scope owner's (`@babel/…`): only
  // its owner can publish it, and packages of its own scope are never candidates anyway.
  if (q.scope !== undefined && store.knownScope(q.scope)) return;
  // The skeleton less one character, probed as a skeleton or deletion of a popular name, is what
  // editCandidates just probed: its hits (those more than one edit away) are still in
  // scratch.ids, so only the skeleton less two characters is probed here.
  const ids = scratch.ids;
  const n = skel.length;
  // The skeleton less two characters is a name of n - 2 letters or the deletion of one of n - 1:
  // shorter than `minLength`, no such name is reported, so only the hits above are verified.
  if (n - 1 >= minLength) probeTwoSlips(store, skel, ids);
  const stamp = ++scratch.stamp;
  for (const id of ids) {
    if (scratch.seen[id] === stamp || !eligible(store, id, q)) continue;
    scratch.seen[id] = stamp;
    const target = store.skeletonOf(id);
    if (target.length < minLength || osaDistance(skel, target) !== 2) continue;
    q.out.push({ id, resemblance: { kind: 'typo', strength: 'medium', description: `two slips: ${describeSteps(skel, target)}` } });
  }
}

/** Appends to `ids` the names stored (as a skeleton or a deletion) under `skel` less two characters. */
function probeTwoSlips(store: NameStore, skel: string, ids: number[]): void {
  const { codes, slices } = scratch;
  codes.setString(skel);
  slices.set(codes.codes, skel.length);
  const n = skel.length;
  // Prefix hashes and powers read once into locals: this loop is most of the time spent on a
  // name of no standing (about n²/2 probes, each a read of the filter).
  const prefix = scratch.prefix.length > n ? scratch.prefix : (scratch.prefix = new Int32Array(2 * (n + 1)));
  const pw = scratch.powers.length > n ? scratch.powers : (scratch.powers = new Int32Array(2 * (n + 1)));
  for (let k = 0; k <= n; k++) {
    prefix[k] = slices.hash(0, k);
    pw[k] = power(k);
  }
  for (let i = 0; i < n; i++) {
    if (i > 0 && skel.charCodeAt(i) === skel.charCodeAt(i - 1)) continue;
    const head = prefix[i];
    for (let j = i + 1; j < n; j++) {
      if (j > i + 1 && skel.charCodeAt(j) === skel.charCodeAt(j - 1)) continue;
      // hash(skel without i and j) = head · B^(n-i-2) + middle · B^(n-j-1) + tail
      const middle = (prefix[j] - Math.imul(prefix[i + 1], pw[j - i - 1])) | 0;
      const tail = (prefix[n] - Math.imul(prefix[j + 1], pw[n - j - 1])) | 0;
      const hash = (Math.imul((Math.imul(head, pw[j - i - 1]) + middle) | 0, pw[n - j - 1]) + tail) | 0;
      store.near(mix(hash), ids);
    }
  }
}

/** The differences of two skeletons, in words ("a repeated `h` and `ti` in place of `it`"). */
function describeSteps(name: string, target: string): string {
  const texts: string[] = [];
  for (const step of align([...name], [...target])) {
    if (step.op === 'substitute') texts.push(`${code(name[step.a])} in place of ${code(target[step.b])}`);
    else if (step.op === 'extra') texts.push(name[step.a] === name[step.a - 1] || name[step.a] === name[step.a + 1] ? `a repeated ${code(name[step.a])}` : `an added ${code(name[step.a])}`);
    else if (step.op === 'missing') texts.push(`a missing ${code(target[step.b])}`);
    else if (step.op === 'swap') texts.push(`${code(name.slice(step.a, step.a + 2))} in place of ${code(target.slice(step.b, step.b + 2))}`);
  }
  return listing(texts);
}

/**
 * The affix as written in `name`, with its delimiter: `letters` skeleton letters from the start
 * (or end), plus a delimiter next to them (`node-`, `-js`, `.js`, `py`).
 */
function affixAsWritten(name: string, letters: number, side: 'prefix' | 'suffix'): string {
  const us = side === 'prefix' ? units(name) : units(name).reverse();
  let taken = 0;
  let k = 0;
  while (k < us.length && taken < letters) {
    if (!us[k].delimiter) taken++;
    k++;
  }
  while (k < us.length && us[k].delimiter) k++;
  const part = us.slice(0, k).map((u) => u.raw);
  return (side === 'prefix' ? part : part.reverse()).join('');
}
