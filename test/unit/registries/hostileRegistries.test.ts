/**
 * Hostile registry answers, generated: a real document of each service with any part replaced by
 * arbitrary JSON (keys like `__proto__`, markup, bidi controls, huge strings, wrong types) never
 * throws out of a parser, pollutes no prototype, stays small enough to cache, and whatever reaches
 * a rule's message or a hover is escaped.
 */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze } from '../../../server/src/analysis/analyze';
import { parseSettings } from '../../../server/src/model/settings';
import { hoverMarkdown } from '../../../server/src/lsp/hoverContent';
import { parsePackument } from '../../../server/src/registries/npm/packument';
import { PackumentReader } from '../../../server/src/registries/npm/packumentSlim';
import { parseCatalogLeaf } from '../../../server/src/registries/nuget/catalogLeaf';
import { parseRegistrationIndex, parseRegistrationPage } from '../../../server/src/registries/nuget/registration';
import { parseServiceIndex } from '../../../server/src/registries/nuget/serviceIndex';
import { parseOsvRecord } from '../../../server/src/registries/osv/advisory';
import { resolveVersion } from '../../../server/src/registries/facts/resolve';
import { parsePypiJson } from '../../../server/src/registries/pypi/pypiJson';
import { parseSimpleIndex } from '../../../server/src/registries/pypi/simpleIndex';
import type { Advisory, PackageInfo, RegistryView } from '../../../server/src/registries/types';
import { fixtureJson } from '../../helpers/fixtureServer';
import { REPO_ROOT } from '../../helpers/lspClient';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'registry');
const fixtures = (folder: string) => readdirSync(join(FIXTURES, folder)).filter((f) => f.endsWith('.json')).map((f) => `${folder}/${f}`);

const HOSTILE_TEXT = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '[x](command:workbench.action.terminal.new)',
  '<img src=https://t.example/p.gif>',
  '![beacon](https://t.example/p.gif)',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '\u202eevil\u202c',
  '```\n[x](command:evil)',
  '\u0000\u0007\u001b[31m',
  'x'.repeat(5000),
];

/** JSON as a registry would send it: generated as text and parsed, so `__proto__` is an own key, as JSON.parse makes it. */
type Tree = null | boolean | number | string | Tree[] | { entries: Array<[string, Tree]> };
const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...HOSTILE_TEXT), fc.constantFrom('1.0.0', '2.0.0-rc.1', '1.0', '*', 'latest', '2021-02-20T15:42:16.891Z'));
const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
    text,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.array(fc.tuple(text, tie('tree')), { maxLength: 4 }).map((entries) => ({ entries })),
  ),
})).tree;
function toJson(t: Tree): string {
  if (t === null || typeof t !== 'object') return JSON.stringify(t);
  if (Array.isArray(t)) return `[${t.map(toJson).join(',')}]`;
  return `{${t.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
}
const json = tree.map((t) => JSON.parse(toJson(t)) as unknown);

/** Every path to a value inside a document. */
function pathsOf(doc: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  out.push(prefix);
  if (doc && typeof doc === 'object' && out.length < 5000) {
    for (const key of Object.keys(doc)) pathsOf((doc as Record<string, unknown>)[key], [...prefix, key], out);
  }
  return out;
}

/** The document with the value at one of its paths replaced (or, with `undefined`, removed). */
function replaced(doc: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  // An earlier edit may have removed this path: then there is nothing to replace.
  if (!doc || typeof doc !== 'object' || !Object.prototype.hasOwnProperty.call(doc, path[0])) return doc;
  if (Array.isArray(doc) && !/^\d+$/.test(path[0])) return doc; // `length`
  const copy: Record<string, unknown> = Array.isArray(doc) ? ([...doc] as unknown as Record<string, unknown>) : { ...(doc as Record<string, unknown>) };
  const [head, ...rest] = path;
  const inner = replaced(copy[head], rest, value);
  if (inner === undefined && Array.isArray(copy)) copy.splice(Number(head), 1); // JSON has no sparse arrays
  else if (inner === undefined) delete copy[head];
  else Object.defineProperty(copy, head, { value: inner, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A fixture with up to three of its parts replaced by arbitrary JSON or removed. */
function mutatedFixture(file: string): fc.Arbitrary<unknown> {
  const original = fixtureJson(file);
  const paths = pathsOf(original);
  return fc.array(fc.tuple(fc.nat(), fc.option(json, { nil: undefined, freq: 4 })), { minLength: 1, maxLength: 3 }).map((edits) => {
    let doc = original;
    for (const [at, value] of edits) doc = replaced(doc, paths[at % paths.length], value);
    return doc;
  });
}

function assertNoPollution(): void {
  assert.deepEqual(Object.keys(Object.prototype), []);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(typeof ({} as { toString: unknown }).toString, 'function');
}

/** What a parser keeps is cacheable and bounded: no string beyond the text caps, JSON all through. */
function assertCacheable(value: unknown, what: string): void {
  const serialised = JSON.stringify(value);
  if (serialised === undefined) return;
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'string') assert.ok(v.length <= 2100, `${what}: ${path} keeps ${v.length} characters`);
    else if (v && typeof v === 'object') {
      assert.ok(Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype, `${what}: ${path} is not plain data`);
      for (const [k, inner] of Object.entries(v)) walk(inner, `${path}.${k}`);
    }
  };
  walk(value, what);
}

const PARSERS: Array<{ files: string[]; parse: (doc: unknown) => unknown }> = [
  { files: fixtures('npm'), parse: (doc) => parsePackument(doc, 'express', 'registry.test') },
  { files: fixtures('pypi'), parse: (doc) => parsePypiJson(doc, 'requests', 'pypi.test') },
  { files: fixtures('pypi-simple'), parse: (doc) => parseSimpleIndex(doc, 'private-lib', 'index.test') },
  { files: ['nuget/index.json'], parse: parseServiceIndex },
  { files: fixtures('nuget/registration'), parse: (doc) => [parseRegistrationIndex(doc), parseRegistrationPage(doc)] },
  { files: fixtures('nuget/catalog'), parse: parseCatalogLeaf },
  { files: fixtures('osv/vulns'), parse: (doc) => parseOsvRecord(doc, 'npm', 'express') },
];

describe('hostile registry answers', () => {
  for (const { files, parse } of PARSERS) {
    const folder = files[0].split('/').slice(0, -1).join('/');
    it(`${folder}: a document with any part replaced never throws, pollutes nothing and stays cacheable`, () => {
      fc.assert(
        fc.property(fc.constantFrom(...files).chain((file) => mutatedFixture(file).map((doc) => [file, doc] as const)), ([file, doc]) => {
          const result = parse(doc);
          assertNoPollution();
          assertCacheable(result, file);
        }),
        { numRuns: 150 },
      );
    });
    it(`${folder}: any JSON at all where a document should be is "unreadable", never an error`, () => {
      fc.assert(
        fc.property(json, (doc) => {
          parse(doc);
          assertNoPollution();
        }),
        { numRuns: 150 },
      );
    });
  }

  it('npm: a hostile document read as it arrives, in any chunks, gives the facts of the whole parse', () => {
    const read = (text: string, size: number) => {
      const reader = new PackumentReader();
      const bytes = Buffer.from(text);
      for (let at = 0; at < bytes.length; at += size) reader.write(bytes.subarray(at, at + size));
      const slim = reader.end();
      return slim && parsePackument(slim, 'express', 'registry.test');
    };
    const documents = fc.oneof(fc.constantFrom(...fixtures('npm')).chain(mutatedFixture), json);
    fc.assert(
      fc.property(documents, fc.integer({ min: 1, max: 64 }), (doc, size) => {
        const text = JSON.stringify(doc) ?? 'null';
        assert.deepEqual(read(text, size), parsePackument(JSON.parse(text), 'express', 'registry.test'));
        assertNoPollution();
      }),
      { numRuns: 300 },
    );
  });

  it('hostile facts never break a rule or the hover, and the hover renders no link, HTML or bidi text', () => {
    const settings = parseSettings({});
    const text = '{\n  "dependencies": {\n    "express": "^4.0.0"\n  }\n}\n';
    const osv = fc.constantFrom(...fixtures('osv/vulns')).chain(mutatedFixture);
    fc.assert(
      fc.property(mutatedFixture('npm/hostile-text.json'), fc.array(osv, { maxLength: 3 }), (packument, records) => {
        const info = parsePackument(packument, 'express', 'registry.test');
        const advisories = records.map((r) => parseOsvRecord(r, 'npm', 'express')).filter((a): a is Advisory => a !== undefined);
        const view = (pkg: PackageInfo | undefined): RegistryView => ({
          now: Date.now(),
          factsFor: (dep) => {
            if (!pkg) return { state: 'not-found', source: 'registry.test' };
            const { resolved, unresolved } = resolveVersion(dep, pkg);
            return { state: 'found', package: pkg, resolved, unresolved, advisories: { state: 'known', value: advisories } };
          },
        });
        const registry = view(info);
        const logged: string[] = [];
        const analysis = analyze({ kind: 'package.json', text, settings, registry: () => registry, logger: { error: (m) => logged.push(m) } });
        assert.deepEqual(logged, [], 'a rule failed');
        for (const f of analysis.findings) assert.ok(f.message.length <= 2000);
        const hover = hoverMarkdown(analysis, analysis.manifest.dependencies[0], undefined, registry);
        assertNoPollution();
        // What Markdown renders (outside code blocks and code spans) has no live link, HTML or bidi text.
        const rendered = hover.replace(/```[\s\S]*?```/g, '').replace(/`[^`]*`/g, '');
        assert.doesNotMatch(rendered, /(^|[^\\])\]\((command|javascript):/);
        assert.doesNotMatch(rendered, /(^|[^\\])<(script|img)/i);
        assert.doesNotMatch(rendered, /(^|[^\\])!\[/);
        assert.doesNotMatch(hover, /[\u202a-\u202e\u2066-\u2069\u0000\u0007\u001b]/);
        assert.ok(hover.length < 20_000, `a hover of ${hover.length} characters`);
      }),
      { numRuns: 200 },
    );
  });
});
