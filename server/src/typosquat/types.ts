/** Contract between the typosquat index and the rule that uses it (the index is built by typosquat/). */
import type { Ecosystem } from '../core/model';

export interface NameIndex {
  /** Placeholder until the index lands; the helper building typosquat/ replaces this contract. */
  readonly ecosystems: readonly Ecosystem[];
}
