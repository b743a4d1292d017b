/**
 * The baseline the index is measured against: a plain scan that computes the Damerau–Levenshtein
 * (optimal string alignment) distance from the checked name to every popular name, on the same
 * skeletons the index uses. It finds the same within-one-edit neighbours, at list-length cost per
 * name. Only the benchmark and tests use it.
 */
import { osaDistance, scratchRows } from './distance';
import { skeleton } from './fold';
import type { PopularList } from './lists';

export class PlainScan {
  private readonly skeletons: string[];
  private rows = scratchRows(64);

  constructor(private readonly list: PopularList) {
    this.skeletons = list.names.map(skeleton);
  }

  /** Popular names within one edit of `name` (skeletons compared). */
  near(name: string): string[] {
    const skel = skeleton(name);
    if (skel.length + 1 > this.rows[0].length) this.rows = scratchRows(2 * skel.length);
    const out: string[] = [];
    for (let id = 0; id < this.skeletons.length; id++) {
      const other = this.skeletons[id];
      if (other.length + 1 > this.rows[0].length) this.rows = scratchRows(2 * other.length);
      // A plain scan: every pair gets the full table, no length or prefix shortcuts.
      if (other !== skel && osaDistance(skel, other, this.rows) <= 1) out.push(this.list.names[id]);
    }
    return out;
  }
}

export function plainScan(list: PopularList, name: string): string[] {
  return new PlainScan(list).near(name);
}
