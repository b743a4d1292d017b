/**
 * Checking one name against one ecosystem's popular names: find candidates of every kind of
 * resemblance (finders.ts) in the index (store.ts), then keep the strongest one the policy
 * accepts (policy.ts) — a resemblance counts only against a package enough times more popular.
 */
import type { Ecosystem } from '../model/model';
import { normalizeName } from '../model/names';
import { affixCandidates, editCandidates, type Query, readingCandidates, reorderCandidates, scopeCandidates } from './finders';
import { skeleton } from './fold';
import type { PopularList } from './lists';
import { nonAsciiChars } from './nonAscii';
import { MIN_KNOWN_RATIO, MIN_UNKNOWN_RATIO, POLICY, STRENGTH_ORDER } from './policy';
import { imitatedPrefix } from './prefixes';
import { buildNameTable, NameStore, type NameTable } from './store';
import type { Lookalike, NameCheck, PopularPackage, ReservedPrefix, Strength } from './types';
import { AFFIXES, splitScope } from './words';

/**
 * Names popular enough to be imitated by a typo or reordered words: the smallest ratio those
 * resemblances need. Less popular names are indexed for exact and look-alike lookups only.
 */
const IMITABLE_RATIO = Math.min(POLICY.unknownRatio.strong, POLICY.unknownRatio.medium);

/** The table an index of this list needs: what a worker thread builds for the language server. */
export function tableOf(list: PopularList): NameTable {
  return buildNameTable(list, IMITABLE_RATIO);
}

const MAX_NAME_LENGTH = 256;

export class EcosystemIndex {
  readonly ecosystem: Ecosystem;
  private readonly store: NameStore;
  private readonly reserved: readonly ReservedPrefix[];

  /** `table`: the list's table built elsewhere (tableOf, in a worker), else it is built here. */
  constructor(list: PopularList, reserved: readonly ReservedPrefix[] = [], table?: NameTable) {
    this.ecosystem = list.ecosystem;
    this.store = new NameStore(list, IMITABLE_RATIO, table);
    this.reserved = reserved;
  }

  /** Every entry, most popular first. */
  get entries(): PopularPackage[] {
    return Array.from({ length: this.store.size }, (_, id) => this.store.entry(id));
  }

  /** The entry with this name in normal form. */
  lookup(name: string): PopularPackage | undefined {
    const id = this.store.exact(normalizeName(this.ecosystem, name));
    return id === undefined ? undefined : this.store.entry(id);
  }

  check(written: string): NameCheck {
    const name = written.trim();
    const result: NameCheck = { name, nonAscii: nonAsciiChars(name) };
    const norm = normalizeName(this.ecosystem, name);
    const id = this.store.exact(norm);
    if (id !== undefined) result.known = this.store.entry(id);
    // @types is DefinitelyTyped's scope: nobody else can publish in it.
    if (this.ecosystem === 'npm' && norm.startsWith('@types/')) return result;
    // Registries cap names near 214 characters; anything longer is garbage, not worth a search.
    if (name.length > MAX_NAME_LENGTH) return result;
    const weight = id === undefined ? this.store.floor : this.store.weight(id);
    // A listed name needs a target far more popular than itself; most have none, so stop here.
    if (id !== undefined && this.store.top / weight < MIN_KNOWN_RATIO) return result;

    const lookalike = this.bestLookalike(name, norm, id, weight);
    if (lookalike) result.lookalike = lookalike;
    else if (id === undefined && this.reserved.length > 0) {
      const imitation = imitatedPrefix(name, this.reserved);
      if (imitation) result.prefixImitation = imitation;
    }
    return result;
  }

  private bestLookalike(name: string, norm: string, id: number | undefined, weight: number): Lookalike | undefined {
    const known = id !== undefined;
    // PyPI compares names with delimiter runs collapsed (PEP 503), keeping case for the I/l check.
    const shown = this.ecosystem === 'pypi' ? name.replace(/[-_.]+/g, '-') : name;
    const q: Query = {
      shown,
      norm,
      skel: skeleton(shown),
      self: id,
      // Candidates less popular than any threshold could accept are dropped before any work.
      min: known ? weight * MIN_KNOWN_RATIO : this.store.floor * MIN_UNKNOWN_RATIO,
      scope: this.ecosystem === 'npm' ? splitScope(norm).scope : undefined,
      out: [],
    };
    editCandidates(this.store, q);
    readingCandidates(this.store, q);
    reorderCandidates(this.store, q);
    // Affixes and unknown scopes are weak resemblances, never enough against a listed name.
    if (!known) affixCandidates(this.store, q, AFFIXES[this.ecosystem], POLICY.minAffixCore);
    if (this.ecosystem === 'npm') scopeCandidates(this.store, q);

    let best: Lookalike | undefined;
    for (const c of q.out) {
      const { strength } = c.resemblance;
      const ratio = this.store.weight(c.id) / weight;
      const needed = known ? POLICY.knownRatio[strength] : Math.max(POLICY.unknownRatio[strength], POLICY.unknownKindRatio[c.resemblance.kind] ?? 0);
      if (needed === undefined || ratio < needed) continue;
      const minLength = c.resemblance.kind === 'affix' ? POLICY.minAffixCore : POLICY.minLength[strength];
      if (this.store.skeletonOf(c.id).length < minLength) continue;
      if (!best || better(strength, ratio, best)) best = { target: this.store.entry(c.id), resemblance: c.resemblance, ratio };
    }
    return best;
  }
}

function better(strength: Strength, ratio: number, than: Lookalike): boolean {
  const d = STRENGTH_ORDER[strength] - STRENGTH_ORDER[than.resemblance.strength];
  return d > 0 || (d === 0 && ratio > than.ratio);
}
