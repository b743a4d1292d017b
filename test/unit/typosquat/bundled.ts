/** The bundled lists (data/ at the repository root), loaded once for every typosquat test. */
import { join } from 'node:path';
import { loadNameIndex } from '../../../server/src/typosquat/load';
import type { NameIndex } from '../../../server/src/typosquat/types';

/** The repository's data folder, from out/test/unit/typosquat. */
export const DATA_DIR = join(__dirname, '..', '..', '..', '..', 'data');

let index: NameIndex | undefined;

export function bundled(): NameIndex {
  return (index ??= loadNameIndex(DATA_DIR));
}
