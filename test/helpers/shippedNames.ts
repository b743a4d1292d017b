/**
 * The shipped popularity index, loaded once for the whole test run, as getAnalysisServices keeps
 * it once per process (typosquat/load.ts remembers nothing itself).
 */
import type { NameIndex } from '../../server/src/typosquat/types';
import { shippedNameIndex } from '../../server/src/typosquat/load';

let loaded: { index: NameIndex | undefined } | undefined;

export function sharedShippedNames(): NameIndex | undefined {
  return (loaded ??= { index: shippedNameIndex() }).index;
}
