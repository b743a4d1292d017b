/**
 * NuGet.config package sources, as NuGet combines them: files from the user's config down to the
 * one nearest the project, each able to `<clear/>` what came before, `<add key value/>` (a later
 * key replaces an earlier one) and `<remove key/>`, and `<disabledPackageSources>` switching
 * sources off. Only V3 http(s) feeds are usable here; credentials (`packageSourceCredentials`) are
 * deliberately never read.
 */
import type * as XmlAst from '@xml-tools/ast';
import type * as XmlParser from '@xml-tools/parser';
import type { DocumentCstNode } from '@xml-tools/parser';

/** Loaded on first use: building the XML grammar costs ~80 ms, which server start must not pay. */
let xml: { parser: typeof XmlParser; ast: typeof XmlAst } | undefined;
function xmlTools(): { parser: typeof XmlParser; ast: typeof XmlAst } {
  return (xml ??= { parser: require('@xml-tools/parser') as typeof XmlParser, ast: require('@xml-tools/ast') as typeof XmlAst });
}

interface SourceEdit {
  op: 'clear' | 'add' | 'remove' | 'disable';
  key?: string;
  value?: string;
  protocolVersion?: string;
}

interface XmlElement {
  name: string | null;
  attributes: ReadonlyArray<{ key: string | null; value: string | null }>;
  subElements: readonly XmlElement[];
}

/** The edits one NuGet.config makes to the list of sources, in document order. */
export function parseNugetConfig(text: string): SourceEdit[] {
  let root: XmlElement | undefined;
  try {
    const { parser, ast } = xmlTools();
    const { cst, tokenVector } = parser.parse(text);
    root = (ast.buildAst(cst as DocumentCstNode, tokenVector) as unknown as { rootElement?: XmlElement }).rootElement;
  } catch {
    return [];
  }
  if (!root || root.name?.toLowerCase() !== 'configuration') return [];
  const edits: SourceEdit[] = [];
  for (const section of root.subElements) {
    const name = section.name?.toLowerCase();
    if (name !== 'packagesources' && name !== 'disabledpackagesources') continue;
    for (const item of section.subElements) {
      const attr = (key: string) => decodeEntities(item.attributes.find((a) => a.key?.toLowerCase() === key)?.value ?? undefined);
      const op = item.name?.toLowerCase();
      if (name === 'disabledpackagesources') {
        if (op === 'add' && attr('value')?.toLowerCase() === 'true') edits.push({ op: 'disable', key: attr('key') });
      } else if (op === 'clear') edits.push({ op: 'clear' });
      else if (op === 'add') edits.push({ op: 'add', key: attr('key'), value: attr('value'), protocolVersion: attr('protocolversion') });
      else if (op === 'remove') edits.push({ op: 'remove', key: attr('key') });
    }
  }
  return edits;
}

/** Applies configs from the farthest (user) to the nearest; returns the usable V3 feed URLs in order. */
export function combineNugetSources(configsFarthestFirst: string[]): string[] {
  const sources = new Map<string, { value: string; protocolVersion?: string }>();
  const disabled = new Set<string>();
  for (const text of configsFarthestFirst) {
    for (const edit of parseNugetConfig(text)) {
      const key = edit.key?.toLowerCase();
      if (edit.op === 'clear') sources.clear();
      else if (edit.op === 'add' && key && edit.value) sources.set(key, { value: edit.value, protocolVersion: edit.protocolVersion });
      else if (edit.op === 'remove' && key) sources.delete(key);
      else if (edit.op === 'disable' && key) disabled.add(key);
    }
  }
  return [...sources].filter(([key, s]) => !disabled.has(key) && isV3Feed(s.value, s.protocolVersion)).map(([, s]) => s.value.trim());
}

function isV3Feed(value: string, protocolVersion: string | undefined): boolean {
  if (!/^https?:\/\//i.test(value.trim())) return false; // local folders and UNC shares are not queried
  return protocolVersion === '3' || /\/index\.json$/i.test(value.trim());
}

function decodeEntities(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (m, name: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return named[name.toLowerCase()] ?? m;
  });
}
