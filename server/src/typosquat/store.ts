/**
 * One ecosystem's popular names, indexed for look-alike lookups. No scan at lookup: every name is
 * stored in one hash multimap (hashTable.ts) under several keys, each tagged with what it is:
 * - its normal form (exact lookups);
 * - its skeleton (fold.ts: names equal up to delimiters and look-alike characters);
 * - its skeleton's deletion neighbourhood, the skeleton minus each one of its characters
 *   ("symmetric delete"): two skeletons are within one edit — insertion, deletion, substitution
 *   or swap — only if their neighbourhoods share a string, so a lookup probes its own skeleton
 *   and deletions (about as many probes as characters) and verifies the few hits;
 * - an order-free hash of its words (`dateutil-python` for `python-dateutil`);
 * - npm: its scope, its skeleton with the scope run in (`types-node` for `@types/node`), and
 *   the skeleton of its name without the scope (`cli` for `@angular/cli`).
 * Deletions, words and flattened scopes are stored only for names popular enough to be imitated
 * (`imitableRatio`), which keeps the table a few megabytes and its build a few tens of
 * milliseconds. Keys are computed from character codes (keys.ts), building no strings.
 */
import type { Ecosystem } from '../model/model';
import { normalizeName } from '../model/names';
import { skeleton } from './fold';
import { HashMultimap, HashMultimapBuilder, mix, neighbourhood, polynomial, wholeHash } from './hashTable';
import { Codes, flattenedHash, normalCodes, scopeLength, skeletonCodes, wordsHash } from './keys';
import type { PopularList } from './lists';
import type { NameTable, PopularPackage } from './types';

/** What a value in the multimap was stored under: value = id × TAGS + tag. */
export const Tag = { Deletion: 0, Skeleton: 1, Normal: 2, Words: 3, Flattened: 4, Scope: 5, Bare: 6 } as const;
export type Tag = (typeof Tag)[keyof typeof Tag];
const TAGS = 8;
const SLASH_CODE = 0x2f;

/**
 * The table of a list: every key of every name. A pure function of the list, so the language
 * server can compute it in a worker thread (offthread/) and hand the arrays over.
 */
export function buildNameTable(list: Pick<PopularList, 'ecosystem' | 'names' | 'weights'>, imitableRatio: number): NameTable {
  const { ecosystem, names, weights } = list;
  const imitable = minWeight(weights) * imitableRatio;
  let estimate = 0;
  for (let id = 0; id < names.length; id++) estimate += weights[id] >= imitable ? names[id].length + 5 : 3;
  const builder = new HashMultimapBuilder(estimate);
  const codes = new Codes();
  let hashes = new Int32Array(256);
  const put = (hash: number, id: number, tag: Tag): void => builder.add(hash, id * TAGS + tag);
  for (let id = 0; id < names.length; id++) {
    const name = names[id];
    normalCodes(ecosystem, name, codes);
    const scope = ecosystem === 'npm' ? scopeLength(codes.codes, codes.length) : 0;
    put(mix(polynomial(codes.codes, 0, codes.length)), id, Tag.Normal);
    if (scope > 0) put(mix(polynomial(codes.codes, 0, scope)), id, Tag.Scope);
    const isImitable = weights[id] >= imitable;
    if (isImitable) {
      const words = wordsHash(codes.codes, codes.length, scope);
      if (words !== undefined) put(words, id, Tag.Words);
    }
    skeletonCodes(name, codes);
    if (!isImitable) {
      put(mix(polynomial(codes.codes, 0, codes.length)), id, Tag.Skeleton);
      continue;
    }
    if (scope > 0) {
      put(flattenedHash(codes.codes, codes.length), id, Tag.Flattened);
      const slash = codes.codes.indexOf(SLASH_CODE, 0);
      if (slash > 0 && slash < codes.length - 1) put(mix(polynomial(codes.codes, slash + 1, codes.length)), id, Tag.Bare);
    }
    if (codes.length + 1 > hashes.length) hashes = new Int32Array(2 * (codes.length + 1));
    const n = neighbourhood(codes.codes, codes.length, hashes);
    put(hashes[0], id, Tag.Skeleton);
    for (let k = 1; k < n; k++) put(hashes[k], id, Tag.Deletion);
  }
  return builder.sorted();
}

function minWeight(weights: ArrayLike<number>): number {
  let min = Infinity;
  for (let i = 0; i < weights.length; i++) min = Math.min(min, weights[i]);
  return min;
}

export class NameStore {
  readonly ecosystem: Ecosystem;
  /** The weight of the least popular entry: an upper bound for any name not in the list. */
  readonly floor: number;
  /** The weight of the most popular entry. */
  readonly top: number;
  private readonly list: PopularList;
  private readonly table: HashMultimap;
  private readonly built: Array<PopularPackage | undefined>;
  private readonly skeletons: Array<string | undefined>;
  private readonly codes = new Codes();
  private hashes = new Int32Array(256);
  private readonly found: number[] = [];
  /**
   * The scopes of the listed names (`@babel`), made on first use: a set lookup, where collecting
   * the hundreds of names a popular scope holds cost a large share of the garbage made per name.
   */
  private scopes?: ReadonlySet<string>;

  /**
   * Names at least `imitableRatio` × the least weight get the keys only typos and reorders use.
   * `table` is the list's table built elsewhere (buildNameTable in a worker), else built here.
   */
  constructor(list: PopularList, imitableRatio: number, table?: NameTable) {
    const { ecosystem, names, weights } = list;
    this.ecosystem = ecosystem;
    this.list = list;
    this.built = new Array<PopularPackage | undefined>(names.length);
    this.skeletons = new Array<string | undefined>(names.length);
    this.floor = minWeight(weights);
    this.top = weights.reduce((max, w) => Math.max(max, w), 0);
    const raw = table ?? buildNameTable(list, imitableRatio);
    this.table = new HashMultimap(raw);
  }

  /** Fills `this.hashes` with the neighbourhood hashes of the codes; returns how many. */
  private neighbourhoodOf(codes: Codes): number {
    if (codes.length + 1 > this.hashes.length) this.hashes = new Int32Array(2 * (codes.length + 1));
    return neighbourhood(codes.codes, codes.length, this.hashes);
  }

  get size(): number {
    return this.list.names.length;
  }

  name(id: number): string {
    return this.list.names[id];
  }

  weight(id: number): number {
    return this.list.weights[id];
  }

  /** The entry at a position (most popular first), built on first use. */
  entry(id: number): PopularPackage {
    return (this.built[id] ??= this.list.entry(id));
  }

  skeletonOf(id: number): string {
    return (this.skeletons[id] ??= skeleton(this.list.names[id]));
  }

  /** False when nothing is stored under `hash` (cheap: no table probe); true when something may be. */
  mayHave(hash: number): boolean {
    return this.table.mayHave(hash);
  }

  /** Ids stored under `hash` with `tag`. `visit` must not call `find` itself. */
  find(hash: number, tag: Tag, visit: (id: number) => void): void {
    const found = this.found;
    found.length = 0;
    this.table.collect(hash, found);
    for (let k = 0; k < found.length; k++) if (found[k] % TAGS === tag) visit(Math.floor(found[k] / TAGS));
  }

  /**
   * Appends to `out` the ids stored under the skeleton `skel` or under one of its deletions,
   * or that have one of its deletions as skeleton: every name within one edit, plus collisions.
   */
  neighbours(skel: string, out: number[]): void {
    this.codes.setString(skel);
    const n = this.neighbourhoodOf(this.codes);
    const start = out.length;
    for (let k = 0; k < n; k++) this.table.collect(this.hashes[k], out);
    let kept = start;
    for (let k = start; k < out.length; k++) {
      const tag = out[k] % TAGS;
      if (tag === Tag.Deletion || tag === Tag.Skeleton) out[kept++] = Math.floor(out[k] / TAGS);
    }
    out.length = kept;
  }

  /** Appends to `out` the ids stored under `hash` as a skeleton or a deletion (collisions included). */
  near(hash: number, out: number[]): void {
    if (!this.table.mayHave(hash)) return;
    const start = out.length;
    this.table.collect(hash, out);
    let kept = start;
    for (let k = start; k < out.length; k++) {
      const tag = out[k] % TAGS;
      if (tag === Tag.Deletion || tag === Tag.Skeleton) out[kept++] = Math.floor(out[k] / TAGS);
    }
    out.length = kept;
  }

  /** The position of the entry with this normal form. */
  exact(norm: string): number | undefined {
    const hash = wholeHash(norm);
    // Asked for every name checked, and most are in no list: the filter answers, nothing is made.
    if (!this.table.mayHave(hash)) return undefined;
    const found = this.found;
    found.length = 0;
    this.table.collect(hash, found);
    for (let k = 0; k < found.length; k++) {
      const id = Math.floor(found[k] / TAGS);
      if (found[k] % TAGS === Tag.Normal && normalizeName(this.ecosystem, this.list.names[id]) === norm) return id;
    }
    return undefined;
  }

  /** npm: whether any listed package is in this scope (its owner is an established publisher). */
  knownScope(scope: string): boolean {
    return (this.scopes ??= listedScopes(this.list.names)).has(scope);
  }
}

/** The scopes of npm names in normal form (`@babel/core` → `@babel`), as `scopeLength` reads them. */
function listedScopes(names: readonly string[]): Set<string> {
  const scopes = new Set<string>();
  for (const name of names) {
    if (!name.includes('@')) continue;
    const norm = normalizeName('npm', name);
    const slash = norm.startsWith('@') ? norm.indexOf('/') : -1;
    if (slash > 1) scopes.add(norm.slice(0, slash));
  }
  return scopes;
}
