/**
 * Checking one name against one ecosystem's popular names: find candidates of every kind of
 * resemblance (finders.ts) in the index (store.ts), then keep the strongest one the policy
 * accepts (policy.ts) — a resemblance counts only against a package enough times more popular.
 */
import type { Ecosystem } from '../model/model';
import { normalizeName } from '../model/names';
import { affixCandidates, editCandidates, type Query, readingCandidates, reorderCandidates, scopeCandidates, twoSlipCandidates, wordAffixCandidates } from './finders';
import { skeleton } from './fold';
import type { PopularList } from './lists';
import { nonAsciiChars } from './nonAscii';
import { type EcosystemExtras, wrappedProject } from './extras';
import { asciiFold } from './fold';
import { MIN_KNOWN_RATIO, MIN_UNKNOWN_RATIO, POLICY, STRENGTH_ORDER } from './policy';
import { imitatedPrefix } from './prefixes';
import { buildNameTable, NameStore } from './store';
import type { Lookalike, NameCheck, NameTable, PopularPackage, ReservedPrefix, Resemblance, Strength } from './types';
import { AFFIXES, IMITATION_WORDS, splitScope } from './words';

/**
 * Names popular enough to be imitated by a typo or reordered words: the smallest ratio those
 * resemblances need. Less popular names are indexed for exact and look-alike lookups only.
 */
const IMITABLE_RATIO = Math.min(POLICY.unknownRatio.strong, POLICY.unknownRatio.medium, POLICY.absentRatio.strong, POLICY.absentRatio.medium);

/** The table an index of this list needs: what a worker thread builds for the language server. */
export function tableOf(list: PopularList): NameTable {
  return buildNameTable(list, IMITABLE_RATIO);
}

const MAX_NAME_LENGTH = 256;

export class EcosystemIndex {
  readonly ecosystem: Ecosystem;
  private readonly store: NameStore;
  private readonly reserved: readonly ReservedPrefix[];
  private readonly extras: EcosystemExtras;

  /** `table`: the list's table built elsewhere (tableOf, in a worker), else it is built here. */
  constructor(list: PopularList, reserved: readonly ReservedPrefix[] = [], table?: NameTable, extras: EcosystemExtras = {}) {
    this.ecosystem = list.ecosystem;
    this.store = new NameStore(list, IMITABLE_RATIO, table);
    this.reserved = reserved;
    this.extras = extras;
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
    if (id === undefined && this.extras.established) {
      const found = this.extras.established.lookup(norm);
      result.standing = found ? { established: true, weight: found.weight } : { established: false };
    }
    // A standard-library module or a system tool is no PyPI project to depend on, whatever PyPI
    // holds by that name (unless it is a popular project: `argparse`, `docker`).
    if (id === undefined && this.extras.stdlib?.has(norm)) {
      result.stdlibModule = norm;
      return result;
    }
    if (id === undefined && this.extras.tools?.has(norm)) {
      result.systemTool = norm;
      return result;
    }
    const weight = id !== undefined ? this.store.weight(id) : result.standing ? (result.standing.established ? result.standing.weight : 0) : this.store.floor;
    // A listed name needs a target far more popular than itself; most have none, so stop here.
    if (id !== undefined && this.store.top / weight < MIN_KNOWN_RATIO) return result;

    const lookalike = this.bestLookalike(name, norm, id, weight, result.standing);
    if (lookalike) result.lookalike = lookalike;
    else if (id === undefined && this.reserved.length > 0) {
      const imitation = imitatedPrefix(name, this.reserved);
      if (imitation) result.prefixImitation = imitation;
    }
    if (!result.lookalike && result.standing?.established === false && this.extras.native) {
      const project = wrappedProject(this.ecosystem, norm);
      const meant = project === undefined ? undefined : this.extras.native.get(project);
      if (project !== undefined && meant !== undefined && meant !== norm) result.wraps = { project, meant };
    }
    if (!result.lookalike && result.nonAscii.length > 0) {
      const fold = asciiFold(name);
      if (fold !== undefined && fold !== name) result.asciiFold = fold;
    }
    return result;
  }

  private bestLookalike(name: string, norm: string, id: number | undefined, weight: number, standing: NameCheck['standing']): Lookalike | undefined {
    const known = id !== undefined;
    const absent = standing !== undefined && !standing.established;
    // PyPI compares names with delimiter runs collapsed (PEP 503), keeping case for the I/l check.
    const shown = this.ecosystem === 'pypi' ? name.replace(/[-_.]+/g, '-') : name;
    const q: Query = {
      shown,
      norm,
      skel: skeleton(shown),
      self: id,
      // Candidates less popular than any threshold could accept are dropped before any work.
      min: known ? weight * MIN_KNOWN_RATIO : standing?.established ? weight * POLICY.establishedRatio['very-strong']! : this.store.floor * MIN_UNKNOWN_RATIO,
      scope: this.ecosystem === 'npm' ? splitScope(norm).scope : undefined,
      absent,
      out: [],
    };
    editCandidates(this.store, q);
    readingCandidates(this.store, q);
    reorderCandidates(this.store, q);
    // Affixes are weak resemblances, never enough against a listed package; an established one
    // is held to the hand-written imitation words (a version digit is how ports were named:
    // `dnspython3`), a name of no standing to the learned ones and digits too.
    if (!known) {
      const hand = standing?.established ? IMITATION_WORDS[this.ecosystem] : AFFIXES[this.ecosystem];
      affixCandidates(this.store, q, standing?.established ? hand : (this.extras.affixes ?? hand), POLICY.minAffixCore, hand);
      // Any added word, for a name of no standing outside a scope (a scope's owner names its
      // packages freely). On NuGet only a word run on in PascalCase: IDs grow by dotted segments
      // (`Testcontainers.Nats`), and its established set, unlike npm's and PyPI's, does not hold
      // every real ID.
      if (absent && q.scope === undefined) wordAffixCandidates(this.store, q, POLICY.minWordAffixCore, this.ecosystem === 'nuget');
    }
    if (this.ecosystem === 'npm') scopeCandidates(this.store, q);
    // Two slips only when nothing else explains the name (`nodemailer-js` is an added `-js`, not
    // two added letters): the costlier search, for names of no standing.
    if (q.out.length === 0) twoSlipCandidates(this.store, q, POLICY.longName + 1);

    // NuGet: only a reserved prefix's owner publishes under it, and adding a segment to its own
    // IDs (`Azure.Provisioning.Redis`) is how it names packages; a typo there is still reported,
    // since other feeds do not honour the reservation.
    const owned = this.reserved.find((r) => norm.startsWith(r.prefix.toLowerCase()))?.prefix.toLowerCase();
    let best: Lookalike | undefined;
    for (const c of q.out) {
      const { strength } = c.resemblance;
      if (owned !== undefined && c.resemblance.kind === 'affix' && this.store.name(c.id).toLowerCase().startsWith(owned)) continue;
      const target = this.store.weight(c.id);
      const verdict = absent ? this.absentVerdict(c.resemblance, target, this.store.skeletonOf(c.id).length) : this.rankedVerdict(c.resemblance, target / weight, known, standing !== undefined);
      if (!verdict) continue;
      const minLength = c.resemblance.kind === 'affix' ? POLICY.minAffixCore : (absent ? POLICY.absentMinLength : POLICY.minLength)[strength];
      if (this.store.skeletonOf(c.id).length < minLength) continue;
      const ratio = absent ? Infinity : target / weight;
      if (!best || better(strength, target, best)) best = { target: this.store.entry(c.id), resemblance: c.resemblance, ratio, ...verdict };
    }
    return best;
  }

  /** A name that is no established package: any resemblance to a popular enough package counts. */
  private absentVerdict(r: Resemblance, target: number, targetLength: number): Pick<Lookalike, 'severity' | 'why'> | undefined {
    // A changed first letter makes another word of a short name (`slack`, `black`), seldom of a long one.
    const firstLetter = r.firstLetter && targetLength < POLICY.longName ? POLICY.firstLetterRatio : 0;
    const unknownScope = r.kind === 'scope' && r.strength === 'weak' ? POLICY.absentUnknownScopeRatio : 0;
    const needed = Math.max(POLICY.absentRatio[r.firstLetter ? 'medium' : r.strength], POLICY.absentKindRatio[r.kind] ?? 0, firstLetter, unknownScope);
    if (target < this.store.floor * needed) return undefined;
    if (r.strength !== 'weak' || r.firstLetter) return { severity: 'error' };
    return { severity: 'warning', why: r.kind === 'scope' ? 'a private scope looks the same' : 'real packages are often named this way after popular ones' };
  }

  /** A listed or established name (or any name, without the established set): the popularity gap decides. */
  private rankedVerdict(r: Resemblance, ratio: number, known: boolean, established: boolean): Pick<Lookalike, 'severity' | 'why'> | undefined {
    if (r.firstLetter) return undefined;
    if (established) {
      // An established package in a scope of its own was published by that scope's owner; one
      // with a version number added is a port or a major of its own (`dnspython3`).
      if ((r.kind === 'scope' && r.strength === 'weak') || r.versionDigit) return undefined;
      const needed = POLICY.establishedRatio[r.strength];
      if (needed === undefined || ratio < needed) return undefined;
      return { severity: 'warning', why: 'it is an established package, if a much smaller one' };
    }
    const needed = known ? POLICY.knownRatio[r.strength] : Math.max(POLICY.unknownRatio[r.strength], POLICY.unknownKindRatio[r.kind] ?? 0);
    if (needed === undefined || ratio < needed) return undefined;
    return r.strength === 'weak' ? { severity: 'warning', why: r.kind === 'scope' ? 'a private scope looks the same' : 'real packages are often named this way after popular ones' } : { severity: 'error' };
  }
}

/**
 * Which of two resemblances names the imitated package: one strength level is worth a hundred
 * times the popularity (`reat` is `react` with a missing letter, more than `rest` with a
 * neighbouring key), since squatters copy the most popular names.
 */
function better(strength: Strength, targetWeight: number, than: Lookalike): boolean {
  const score = (s: Strength, w: number) => 2 * STRENGTH_ORDER[s] + Math.log10(Math.max(w, 1));
  return score(strength, targetWeight) > score(than.resemblance.strength, than.target.weight);
}
