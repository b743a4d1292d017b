/**
 * The fast reader of well-formed MSBuild files against @xml-tools/parser: whatever the fast reader
 * accepts, it must read exactly as the parser does (dependencies, spans, extras, sources and
 * problems), on generated project files and on mutations of them that break the XML.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseMsbuild } from '../../../server/src/manifests/msbuild';
import { readWellFormed } from '../../../server/src/manifests/msbuildWellFormed';

const ROOT = join(__dirname, '..', '..', '..', '..');

function assertSameReading(text: string): void {
  assert.deepEqual(parseMsbuild(text), parseMsbuild(text, { fastPath: false }), JSON.stringify(text));
}

const space = fc.constantFrom('', ' ', '  ', '\n', '\r\n', '\n    ', '\t');
const someSpace = fc.constantFrom(' ', '\n  ', '\r\n\t');
const packageId = fc.constantFrom('Serilog', 'Newtonsoft.Json', 'Microsoft.Extensions.Logging', 'Acme.Internal', 'A;B', 'Pkg&#46;Name', 'Pkg%2EName', '$(Name)', ' Spaced ', '');
const version = fc.constantFrom('1.2.3', '[1.0,2.0)', '1.*', ' 3.0.0 ', '$(Version)', '', '1.0&amp;', 'x"y');
const itemType = fc.constantFrom('PackageReference', 'packagereference', 'PackageVersion', 'GlobalPackageReference', 'Reference', 'x:PackageReference');
const comment = fc.constantFrom('<!-- a comment -->', '<!-- <PackageReference Include="Hidden" /> -->', '<!---->');

function quoted(value: string, q: '"' | "'"): string {
  return q + value.replace(new RegExp(q, 'g'), q === '"' ? '&quot;' : '&apos;') + q;
}

const attribute = fc.tuple(fc.constantFrom('Include', 'include', 'Update', 'Version', 'VERSION', 'VersionOverride', 'Condition', 'PrivateAssets'), fc.oneof(packageId, version), fc.constantFrom<'"' | "'">('"', "'"), space, space).map(([name, value, q, s1, s2]) => `${name}${s1}=${s2}${quoted(value, q)}`);

const childValue = fc.oneof(version, version.map((v) => `<![CDATA[${v}]]>`), fc.tuple(comment, version).map(([c, v]) => `${c}${v}`), fc.tuple(version, comment).map(([v, c]) => ` ${v} ${c} `));

const item = fc
  .tuple(itemType, fc.array(fc.tuple(someSpace, attribute), { maxLength: 3 }), fc.array(fc.tuple(fc.constantFrom('Version', 'VersionOverride', 'PrivateAssets'), childValue, space), { maxLength: 2 }), space, fc.boolean())
  .map(([type, attrs, children, s, selfClose]) => {
    const head = `<${type}${attrs.map(([sp, a]) => sp + a).join('')}${s}`;
    if (selfClose && children.length === 0) return `${head}/>`;
    return `${head}>${children.map(([n, v, sp]) => `${sp}<${n}>${v}</${n}>`).join('')}</${type}>`;
  });

const property = fc.tuple(fc.constantFrom('RestoreSources', 'RestoreAdditionalProjectSources', 'TargetFramework'), fc.constantFrom('https://api.nuget.org/v3/index.json;http://feed.example/x', ' $(RestoreSources) ; ./local ', 'net8.0')).map(([n, v]) => `<${n}>${v}</${n}>`);

const group = fc.oneof(
  fc.array(fc.tuple(space, fc.oneof(item, comment)), { maxLength: 4 }).map((xs) => `<ItemGroup>${xs.map(([s, x]) => s + x).join('')}\n</ItemGroup>`),
  fc.array(fc.tuple(space, property), { maxLength: 3 }).map((xs) => `<PropertyGroup Condition="'$(Configuration)' == 'Release'">${xs.map(([s, x]) => s + x).join('')}</PropertyGroup>`),
);

const project = fc
  .tuple(fc.boolean(), fc.boolean(), space, fc.array(fc.tuple(someSpace, group), { maxLength: 4 }), space, fc.option(comment))
  .map(([bom, decl, s0, groups, s1, trailing]) => `${bom ? '\uFEFF' : ''}${decl ? '<?xml version="1.0" encoding="utf-8"?>\n' : ''}${s0}<Project Sdk="Microsoft.NET.Sdk">${groups.map(([s, g]) => s + g).join('')}${s1}</Project>${trailing ? `\n${trailing}` : ''}\n`);

/** A generated project broken in one place: characters cut, duplicated, swapped, or markup inserted. */
const broken = fc
  .tuple(project, fc.nat(), fc.nat(), fc.constantFrom('<', '>', '/', '&', '"', "'", '=', '<!', '<?x?>', '</Project>', 'é', '·', '\r', '<!DOCTYPE x>', ' x', ''), fc.constantFrom('cut', 'insert', 'dup', 'swap'))
  .map(([t, a, b, junk, op]) => {
    const i = a % (t.length + 1);
    const j = b % (t.length + 1);
    const [lo, hi] = i < j ? [i, j] : [j, i];
    if (op === 'cut') return t.slice(0, lo) + t.slice(Math.min(hi, lo + 3));
    if (op === 'insert') return t.slice(0, lo) + junk + t.slice(lo);
    if (op === 'dup') return t.slice(0, hi) + t.slice(lo, Math.min(hi, lo + 12)) + t.slice(hi);
    return t.slice(0, lo) + t.slice(hi) + t.slice(lo, hi);
  });

describe('msbuild: the fast reader of well-formed files', () => {
  it('reads generated project files exactly as the parser does, and takes them all', () => {
    fc.assert(
      fc.property(project, (text) => {
        // A reference in text (`1.0&amp;` as an element's value) is the parser's to read.
        const referenceInText = />[^<]*&/.test(text);
        if (!referenceInText) assert.ok(readWellFormed(text.replace(/^\uFEFF/, ''), 64), `fast reader gave up on ${JSON.stringify(text)}`);
        assertSameReading(text);
      }),
      { numRuns: 600 },
    );
  });

  it('reads broken files exactly as the parser does (by leaving them to it)', () => {
    fc.assert(fc.property(broken, assertSameReading), { numRuns: 1500 });
  });

  it('reads the bundled examples and fixtures exactly as the parser does', () => {
    for (const path of ['examples/dotnet-api/Acme.Api.csproj', 'examples/dotnet-api/Directory.Packages.props', 'test/fixtures/lockfiles/nuget-assets/App.csproj', 'test/fixtures/lockfiles/nuget-lock/App.csproj']) {
      const text = readFileSync(join(ROOT, path), 'utf8');
      assert.ok(readWellFormed(text.replace(/^\uFEFF/, ''), 64), path);
      assertSameReading(text);
    }
  });

  it('leaves to the parser what only it reads: references in text, DOCTYPEs, instructions, deep nesting', () => {
    for (const text of [
      '<Project><ItemGroup><PackageReference Include="A"><Version>1.0&amp;</Version></PackageReference></ItemGroup></Project>',
      '<!DOCTYPE Project><Project />',
      '<Project><?pi x?></Project>',
      '<Project><ItemGroup></Project>',
      '<Project></project>',
      `<Project>${'<a>'.repeat(70)}${'</a>'.repeat(70)}</Project>`,
    ]) {
      assert.equal(readWellFormed(text, 64), undefined, text);
      assertSameReading(text);
    }
  });
});
