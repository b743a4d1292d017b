/**
 * TOML lockfiles (pylock.toml, uv.lock, poetry.lock, pdm.lock) as plain data: smol-toml, which is
 * fast and keeps no positions (a lockfile's findings are reported on the manifest).
 */
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };
import { unparsable, type LockGraph } from '../../tree/model';
import { asObject, type Obj } from './untrusted';

// smol-toml is an ES module with a CommonJS build; TypeScript's node16 mode only sees the former,
// so the types come from an import-mode type import and the value from its `require` export.
const { parse } = require('smol-toml') as typeof SmolToml;

/** The document's top-level table; throws on broken TOML (the readers mark the lockfile unparsable). */
export function parseTomlData(text: string): Obj {
  return asObject(parse(text));
}

/** The lockfile's top-level table, or undefined once `graph` is marked unparsable (broken TOML). */
export function tomlLockOrUnparsable(text: string, graph: LockGraph): Obj | undefined {
  try {
    return parseTomlData(text);
  } catch (err) {
    unparsable(graph, err);
    return undefined;
  }
}
