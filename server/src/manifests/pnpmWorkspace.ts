/**
 * pnpm-workspace.yaml → Manifest: its `overrides:` entries, each a spec that decides what installs
 * for every package of the workspace (pnpm 10 moved them here from package.json's `pnpm.overrides`),
 * checked as dependencies of their own like package.json's overrides. Its `catalog:` and
 * `catalogs:` entries are not dependencies here: a catalog range is judged where a package.json
 * uses it (`"vite": "catalog:"`), with the range in the hover, so it is reported once.
 *
 * The values are read by readPnpmWorkspace (projectContext.ts), which also resolves an override
 * that points at a catalog; the positions come from a scan of the block form pnpm itself writes
 * (`overrides:` then indented `key: value` lines). Flow mappings (`overrides: {a: 1}`) give values
 * without positions and are left to the package.json side, which still applies them.
 */
import type { Dependency, Manifest, Span } from '../model/model';
import { npmSourceKind, resolutionTarget } from './packageJson';
import { readPnpmWorkspace } from './projectContext';

/** `key: value` at one indentation, either side optionally quoted; ` # comment` (after a blank, as YAML says) is not part of a plain value. */
const ENTRY = /^([ \t]+)(?:'([^']*)'|"([^"]*)"|([^'"#\s][^:#]*?))[ \t]*:(?:[ \t]+(?:'([^']*)'|"([^"]*)"|([^'"#\s].*?)))?[ \t]*(?:[ \t]#.*)?$/;
const TOP_LEVEL = /^([^\s#'"][^:]*|'[^']*'|"[^"]*"):/;

interface LocatedEntry {
  key: string;
  keySpan: Span;
  value?: string;
  valueSpan?: Span;
}

export function parsePnpmWorkspace(text: string): Manifest {
  const manifest: Manifest = { kind: 'pnpm-workspace.yaml', ecosystem: 'npm', dependencies: [], scripts: [], sources: [], includes: [], problems: [] };
  const input = typeof text === 'string' ? text : '';
  if (!/^overrides:/m.test(input)) return manifest;
  const resolved = readPnpmWorkspace(input, 'this file').workspaceOverrides?.values;
  for (const entry of overrideEntries(input)) {
    // `-` removes the package: nothing installs. `{…}` / `[…]` are no spec pnpm accepts here.
    if (entry.value === undefined || entry.value.trim() === '-' || /^[{[]/.test(entry.value.trim())) continue;
    const dep: Dependency = { ecosystem: 'npm', name: resolutionTarget(entry.key), nameSpan: entry.keySpan, section: 'overrides', path: ['overrides', entry.key], source: 'registry' };
    const written = entry.value.trim();
    const spec = /^catalog:/i.test(written) ? resolved?.get(entry.key) : written;
    if (/^catalog:/i.test(written)) dep.indirect = spec !== undefined && spec !== written ? { written, from: `this file's ${written === 'catalog:' ? 'default catalog' : `catalog "${written.slice('catalog:'.length)}"`}` } : { written };
    dep.spec = spec ?? written;
    dep.specSpan = entry.valueSpan;
    const kind = npmSourceKind(dep.spec);
    dep.source = kind.source;
    if (kind.aliasOf) dep.aliasOf = kind.aliasOf;
    if (kind.source !== 'registry' && kind.source !== 'alias') dep.location = dep.spec;
    manifest.dependencies.push(dep);
  }
  return manifest;
}

/** The `key: value` lines directly under a top-level `overrides:` (the first indentation seen). */
function overrideEntries(text: string): LocatedEntry[] {
  const out: LocatedEntry[] = [];
  let inOverrides = false;
  let indent: string | undefined;
  // Lines end in \n, \r\n or a lone \r (old Mac editors): offsets must stay exact for all three.
  for (const line of text.matchAll(/[^\r\n]*(?:\r\n|\r|\n|$)/g)) {
    if (line[0] === '') break;
    const start = line.index ?? 0;
    const content = line[0].replace(/[\r\n]+$/, '');
    if (TOP_LEVEL.test(content)) {
      inOverrides = /^overrides:[ \t]*(?:#.*)?$/.test(content);
      indent = undefined;
      continue;
    }
    if (!inOverrides) continue;
    const m = ENTRY.exec(content);
    if (!m) continue;
    indent ??= m[1];
    if (m[1] !== indent) continue; // deeper lines are not entries of this map
    const key = m[2] ?? m[3] ?? m[4];
    const keyAt = start + content.indexOf(key, m[1].length);
    const entry: LocatedEntry = { key, keySpan: { start: keyAt, end: keyAt + key.length } };
    const value = m[5] ?? m[6] ?? m[7];
    if (value !== undefined) {
      const valueAt = start + content.indexOf(value, keyAt - start + key.length + 1);
      entry.value = value;
      entry.valueSpan = { start: valueAt, end: valueAt + value.length };
    }
    out.push(entry);
  }
  return out;
}
