import { strict as assert } from 'node:assert';
import type { Dependency, Manifest, Span } from '../../../server/src/model/model';
import { normalizeName } from '../../../server/src/model/names';
import { parseMsbuild } from '../../../server/src/manifests/msbuild';

const slice = (text: string, span: Span | undefined): string | undefined => (span ? text.slice(span.start, span.end) : undefined);

/** name, name as sliced, spec, spec as sliced: the facts most tests check. */
function summary(text: string, m: Manifest): Array<[string, string, string | undefined, string | undefined]> {
  return m.dependencies.map((d) => [d.name, text.slice(d.nameSpan.start, d.nameSpan.end), d.spec, slice(text, d.specSpan)]);
}

function project(items: string): string {
  return `<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n${items}\n  </ItemGroup>\n</Project>\n`;
}

function only(text: string): Dependency {
  const m = parseMsbuild(text);
  assert.equal(m.dependencies.length, 1, JSON.stringify(m.dependencies));
  return m.dependencies[0];
}

describe('msbuild manifest', () => {
  it('reads a PackageReference with a Version attribute, spans inside the quotes', () => {
    const text = project('    <PackageReference Include="Newtonsoft.Json" Version="13.0.1" />');
    const m = parseMsbuild(text);
    assert.equal(m.kind, 'msbuild');
    assert.equal(m.ecosystem, 'nuget');
    assert.deepEqual(m.problems, []);
    const d = only(text);
    assert.equal(d.name, 'Newtonsoft.Json');
    assert.equal(slice(text, d.nameSpan), 'Newtonsoft.Json');
    assert.equal(d.spec, '13.0.1');
    assert.equal(slice(text, d.specSpan), '13.0.1');
    assert.equal(d.ecosystem, 'nuget');
    assert.equal(d.section, 'PackageReference');
    assert.equal(d.attribute, 'Include');
    assert.equal(d.source, 'registry');
  });

  it('reads a <Version> child element, trimmed', () => {
    const text = project('    <PackageReference Include="Serilog">\n      <Version>\n        [3.1.1]\n      </Version>\n      <PrivateAssets>all</PrivateAssets>\n    </PackageReference>');
    assert.deepEqual(summary(text, parseMsbuild(text)), [['Serilog', 'Serilog', '[3.1.1]', '[3.1.1]']]);
  });

  it('trims whitespace inside attribute values but keeps the spans exact', () => {
    const text = project('    <PackageReference Include="  Polly " Version=" 8.2.0  " />');
    assert.deepEqual(summary(text, parseMsbuild(text)), [['Polly', 'Polly', '8.2.0', '8.2.0']]);
  });

  it('reads Update references', () => {
    const d = only(project('    <PackageReference Update="Microsoft.NETCore.App" Version="2.1.0" />'));
    assert.equal(d.name, 'Microsoft.NETCore.App');
    assert.equal(d.attribute, 'Update');
    assert.equal(d.spec, '2.1.0');
  });

  it('lets VersionOverride win over Version, as an attribute or a child element', () => {
    const attr = project('    <PackageReference Include="A" Version="1.0.0" VersionOverride="2.0.0" />');
    const a = only(attr);
    assert.equal(a.spec, '2.0.0');
    assert.equal(slice(attr, a.specSpan), '2.0.0');
    assert.equal(a.attribute, 'VersionOverride');
    assert.deepEqual(a.extras, ['Include']);

    const child = project('    <PackageReference Update="B" Version="1.0.0">\n      <VersionOverride>3.0.0</VersionOverride>\n    </PackageReference>');
    const b = only(child);
    assert.equal(b.spec, '3.0.0');
    assert.equal(slice(child, b.specSpan), '3.0.0');
    assert.equal(b.attribute, 'VersionOverride');
    assert.deepEqual(b.extras, ['Update']);
  });

  it('gives a CPM reference (no version) neither spec nor specSpan', () => {
    const d = only(project('    <PackageReference Include="Newtonsoft.Json" />'));
    assert.equal(d.spec, undefined);
    assert.equal(d.specSpan, undefined);
  });

  it('gives an empty Version="" no spec but an empty span where a version goes', () => {
    const text = project('    <PackageReference Include="A" Version="" />');
    const d = only(text);
    assert.equal(d.spec, undefined);
    assert.deepEqual(d.specSpan, { start: text.indexOf('Version=""') + 9, end: text.indexOf('Version=""') + 9 });
  });

  it('reads Directory.Packages.props: PackageVersion and GlobalPackageReference', () => {
    const text = [
      '<Project>',
      '  <PropertyGroup>',
      '    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>',
      '  </PropertyGroup>',
      '  <ItemGroup>',
      '    <PackageVersion Include="Newtonsoft.Json" Version="13.0.3" />',
      '    <PackageVersion Include="xunit" Version="[2.6.2]" Condition="\'$(TargetFramework)\' == \'net8.0\'" />',
      '    <GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3.6.133" />',
      '  </ItemGroup>',
      '</Project>',
    ].join('\n');
    const m = parseMsbuild(text);
    assert.deepEqual(summary(text, m), [
      ['Newtonsoft.Json', 'Newtonsoft.Json', '13.0.3', '13.0.3'],
      ['xunit', 'xunit', '[2.6.2]', '[2.6.2]'],
      ['Nerdbank.GitVersioning', 'Nerdbank.GitVersioning', '3.6.133', '3.6.133'],
    ]);
    assert.deepEqual(
      m.dependencies.map((d) => d.section),
      ['PackageVersion', 'PackageVersion', 'GlobalPackageReference'],
    );
  });

  it('records $(Property) versions as written', () => {
    const text = project('    <PackageReference Include="A" Version="$(AVersion)" />');
    const d = only(text);
    assert.equal(d.spec, '$(AVersion)');
    assert.equal(slice(text, d.specSpan), '$(AVersion)');
  });

  it('matches names case-insensitively, as MSBuild compares item, metadata and attribute names', () => {
    const text = project('    <packagereference include="A" version="1.0" />\n    <PACKAGEREFERENCE INCLUDE="B"><VERSION>2.0</VERSION></PACKAGEREFERENCE>');
    assert.deepEqual(summary(text, parseMsbuild(text)), [
      ['A', 'A', '1.0', '1.0'],
      ['B', 'B', '2.0', '2.0'],
    ]);
    assert.equal(parseMsbuild(text).dependencies[1].section, 'PackageReference');
  });

  it('reads namespaced (old-style) projects by local name', () => {
    const text = '<Project ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">\n<ItemGroup><PackageReference Include="A"><Version>1.0</Version></PackageReference></ItemGroup></Project>';
    assert.deepEqual(summary(text, parseMsbuild(text)), [['A', 'A', '1.0', '1.0']]);
  });

  it('splits an Include list into one dependency per package', () => {
    const text = project('    <PackageReference Include="A; B ;;C" Version="1.0" />');
    assert.deepEqual(summary(text, parseMsbuild(text)), [
      ['A', 'A', '1.0', '1.0'],
      ['B', 'B', '1.0', '1.0'],
      ['C', 'C', '1.0', '1.0'],
    ]);
  });

  it('decodes XML and MSBuild escapes in names, flags them, and keeps spans as written', () => {
    const text = project('    <PackageReference Include="Newtonsoft&#46;Json" Version="1.0" />\n    <PackageReference Include="Seri%6Cog" Version="1.0" />\n    <PackageReference Include="X&#59;Y" Version="1.0" />');
    const m = parseMsbuild(text);
    assert.deepEqual(
      m.dependencies.map((d) => [d.name, slice(text, d.nameSpan), d.extras]),
      [
        ['Newtonsoft.Json', 'Newtonsoft&#46;Json', ['escaped-name']],
        ['Serilog', 'Seri%6Cog', ['escaped-name']],
        ['X', 'X', undefined],
        ['Y', 'Y', undefined],
      ],
    );
  });

  it('flags a version given both as attribute and child element; the child wins', () => {
    const text = project('    <PackageReference Include="A" Version="1.0">\n      <Version>2.0</Version>\n    </PackageReference>');
    const d = only(text);
    assert.equal(d.spec, '2.0');
    assert.deepEqual(d.extras, ['version-both-forms']);
  });

  it('unwraps a CDATA version and skips comments around it', () => {
    const text = project('    <PackageReference Include="A"><Version><![CDATA[ 1.5.0 ]]></Version></PackageReference>\n    <PackageReference Include="B"><Version><!-- pinned --> 2.5.0 </Version></PackageReference>');
    assert.deepEqual(summary(text, parseMsbuild(text)), [
      ['A', 'A', '1.5.0', '1.5.0'],
      ['B', 'B', '2.5.0', '2.5.0'],
    ]);
  });

  it('ignores Remove-only items, other items, and references inside comments', () => {
    const text = project('    <PackageReference Remove="A" />\n    <ProjectReference Include="..\\Lib\\Lib.csproj" />\n    <!-- <PackageReference Include="Hidden" Version="1.0" /> -->\n    <Reference Include="System.Xml" />');
    assert.deepEqual(parseMsbuild(text).dependencies, []);
  });

  it('reads RestoreSources lists over several lines, one source per entry with exact spans', () => {
    const text = [
      '<Project>',
      '  <PropertyGroup>',
      '    <RestoreSources>$(RestoreSources);',
      '      https://api.nuget.org/v3/index.json ;',
      '      https://contoso.example/nuget/v3/index.json;',
      '    </RestoreSources>',
      '    <RestoreAdditionalProjectSources>http://insecure.example/feed</RestoreAdditionalProjectSources>',
      '  </PropertyGroup>',
      '</Project>',
    ].join('\n');
    const m = parseMsbuild(text);
    assert.deepEqual(
      m.sources.map((s) => [s.kind, s.value, slice(text, s.span)]),
      [
        ['restore-source', '$(RestoreSources)', '$(RestoreSources)'],
        ['restore-source', 'https://api.nuget.org/v3/index.json', 'https://api.nuget.org/v3/index.json'],
        ['restore-source', 'https://contoso.example/nuget/v3/index.json', 'https://contoso.example/nuget/v3/index.json'],
        ['restore-additional-source', 'http://insecure.example/feed', 'http://insecure.example/feed'],
      ],
    );
    assert.deepEqual(m.dependencies, []);
  });

  it('keeps exact spans with CRLF line ends and a BOM', () => {
    const text = '\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<Project>\r\n  <PropertyGroup>\r\n    <RestoreSources>https://a.example/v3/index.json;\r\n      https://b.example/v3/index.json</RestoreSources>\r\n  </PropertyGroup>\r\n  <ItemGroup>\r\n    <PackageReference Include="A">\r\n      <Version>\r\n        1.2.3\r\n      </Version>\r\n    </PackageReference>\r\n    <PackageReference Include="B" Version="4.5.6" />\r\n  </ItemGroup>\r\n</Project>\r\n';
    const m = parseMsbuild(text);
    assert.deepEqual(m.problems, []);
    assert.deepEqual(summary(text, m), [
      ['A', 'A', '1.2.3', '1.2.3'],
      ['B', 'B', '4.5.6', '4.5.6'],
    ]);
    assert.deepEqual(
      m.sources.map((s) => slice(text, s.span)),
      ['https://a.example/v3/index.json', 'https://b.example/v3/index.json'],
    );
  });

  it('handles a lone CR line break', () => {
    const text = '<Project>\r<ItemGroup>\r<PackageReference Include="A" Version="1.0" />\r</ItemGroup>\r</Project>';
    const m = parseMsbuild(text);
    assert.deepEqual(m.problems, []);
    assert.deepEqual(summary(text, m), [['A', 'A', '1.0', '1.0']]);
  });

  describe('broken XML', () => {
    it('reads what it can from unclosed tags and reports the problem', () => {
      const text = project('    <PackageReference Include="A" Version="1.0">\n    <PackageReference Include="B" Version="2.0" />').replace('</ItemGroup>', '');
      const m = parseMsbuild(text);
      assert.deepEqual(summary(text, m), [
        ['A', 'A', '1.0', '1.0'],
        ['B', 'B', '2.0', '2.0'],
      ]);
      assert.ok(m.problems.length > 0);
      for (const p of m.problems) assert.match(p.message, /XML/);
    });

    it('reads a truncated file up to the cut', () => {
      const full = project('    <PackageReference Include="A" Version="1.0" />\n    <PackageReference Include="B">\n      <Version>2.0</Version>\n    </PackageReference>\n    <PackageReference Include="C" Version="3.0" />');
      const text = full.slice(0, full.indexOf('<Version>2.0') + '<Version>2.0'.length);
      const m = parseMsbuild(text);
      assert.deepEqual(summary(text, m), [
        ['A', 'A', '1.0', '1.0'],
        ['B', 'B', '2.0', '2.0'],
      ]);
      const end = m.problems.find((p) => /ends before/.test(p.message));
      assert.ok(end, JSON.stringify(m.problems));
      assert.deepEqual(end.span, { start: text.length, end: text.length });

      const midAttribute = full.slice(0, full.indexOf('Include="C" Vers') + 'Include="C" Vers'.length);
      assert.deepEqual(
        parseMsbuild(midAttribute).dependencies.map((d) => [d.name, d.spec]),
        [
          ['A', '1.0'],
          ['B', '2.0'],
          ['C', undefined],
        ],
      );
      const midValue = full.slice(0, full.indexOf('Include="C" Version="3.') + 'Include="C" Version="3.'.length);
      assert.deepEqual(
        parseMsbuild(midValue).dependencies.map((d) => d.name),
        ['A', 'B', 'C'],
      );
    });

    it('turns lex and parse errors into problems with spans inside the text', () => {
      const text = project('    <PackageReference Include="A" Version="1.0" / >\n    <PackageReference Include="B" Version="2.0" />\n    <Foo & bar>');
      const m = parseMsbuild(text);
      assert.ok(m.problems.length > 0);
      for (const p of m.problems) {
        assert.ok(p.span.start >= 0 && p.span.start <= p.span.end && p.span.end <= text.length, JSON.stringify(p));
        assert.match(p.message, /^Invalid XML: /);
      }
      assert.ok(m.problems.some((p) => slice(text, p.span) === '&'), JSON.stringify(m.problems));
      assert.ok(m.dependencies.some((d) => d.name === 'B'));
    });

    it('survives garbage and never throws', () => {
      const inputs = ['', '   ', 'not xml at all', '\u0000\u0001<<<>>>&&&"\'', '<', '</>', '<a', '<?xml', '<!DOCTYPE', '<![CDATA[', '<!--', ']]>', '<a b="', "<a b='>", '<Project><ItemGroup><PackageReference Include=', '\uFEFF', '\uFEFF<', '<a>\u2028</a>', '<PackageReference Include="A" Version="1.0"/><PackageReference Include="B"/>'];
      for (const text of inputs) {
        const m = parseMsbuild(text);
        for (const p of m.problems) assert.ok(p.span.start >= 0 && p.span.end <= text.length && p.span.start <= p.span.end, `${JSON.stringify(text)}: ${JSON.stringify(p)}`);
      }
      assert.equal(parseMsbuild('').dependencies.length, 0);
      // Two roots: the second is still read.
      assert.deepEqual(
        parseMsbuild('<PackageReference Include="A" Version="1.0"/><PackageReference Include="B"/>').dependencies.map((d) => d.name),
        ['A'],
      );
    });

    it('blanks an unclosed comment to the end, as XML reads it, and says so', () => {
      const text = project('    <PackageReference Include="A" Version="1.0" />\n    <!-- <PackageReference Include="B" Version="2.0" />');
      const m = parseMsbuild(text);
      assert.deepEqual(m.dependencies.map((d) => d.name), ['A']);
      const p = m.problems.find((x) => /Comment is not closed/.test(x.message));
      assert.ok(p);
      assert.equal(slice(text, p.span), '<!--');
    });

    it('reports a too deeply nested file instead of overflowing the stack', () => {
      const deep = '<a>'.repeat(20_000) + project('<PackageReference Include="A" Version="1.0" />');
      const m = parseMsbuild(deep);
      assert.ok(m.problems.some((p) => /nested more than 64 levels/.test(p.message)), JSON.stringify(m.problems.slice(0, 3)));
      // Closed nesting within the limit is read.
      const nested = `${'<a>'.repeat(50)}${project('<PackageReference Include="A" Version="1.0" />')}${'</a>'.repeat(50)}`;
      assert.equal(only(nested).name, 'A');
    });

    it('stays bounded on hostile input: 200 kB of each kind of broken markup ends in a few problems (timed in bench/hostile.bench.ts)', () => {
      const n = 50_000;
      for (const text of [
        `<Project>${'<!--\n'.repeat(n)}</Project>`,
        `<Project>${'<![CDATA[\n'.repeat(n)}</Project>`,
        `<Project>${'<!--\r'.repeat(n)}-->`,
        `<Project>${'<!--\u2028'.repeat(n)}-->`,
        `<Project>${'<!--'.repeat(n)}`,
        `<Project>${'<!'.repeat(n)}`,
        `<Project>${'<!A'.repeat(n)}`,
        `<Project>${'<!ENTITY\n'.repeat(n)}`,
        `<Project>${'<?pi x\n'.repeat(n)}`,
        `<Project>${'<?a '.repeat(n)}</Project>`,
        `<Project>${'<a'.repeat(n)}`,
        `<Project>${'< '.repeat(n)}`,
        `<Project>${'<'.repeat(n)}`,
        `<a>${'<b '.repeat(n)}`,
        '<a b="'.repeat(n),
        `<a ${'b '.repeat(n)}/>`,
        `<a ${'! '.repeat(n)}>`,
        `<a>${'& '.repeat(n)}</a>`,
        '</a>'.repeat(n),
        '<a>'.repeat(n),
        `<!DOCTYPE x [${'<!ENTITY a "b"\n'.repeat(n)}]><a/>`,
        `<a b="${'x'.repeat(4 * n)}`,
      ]) {
        const result = parseMsbuild(text);
        assert.ok(result.problems.length <= 24, `${result.problems.length} problems for ${JSON.stringify(text.slice(0, 24))}`);
      }
    });

    it('cuts a badly broken file after many errors but keeps what came before', () => {
      const text = project(`    <PackageReference Include="A" Version="1.0" />\n${'    <x y z>\n'.repeat(500)}    <PackageReference Include="B" Version="2.0" />`);
      const m = parseMsbuild(text);
      assert.deepEqual(m.dependencies.map((d) => d.name), ['A']);
      const cut = m.problems.find((p) => /too many syntax errors/.test(p.message));
      assert.ok(cut);
      assert.equal(slice(text, cut.span), '<');
    });

    it('refuses files over the size limit with a problem', () => {
      const m = parseMsbuild(`<Project>${' '.repeat(1_000_001)}</Project>`);
      assert.equal(m.problems.length, 1);
      assert.match(m.problems[0].message, /too large/);
    });
  });

  describe('DTDs and entities (never expanded)', () => {
    it('keeps a billion-laughs document harmless and fast', () => {
      const entities = ['<!ENTITY lol "lol">'];
      for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
      const text = `<?xml version="1.0"?>\n<!DOCTYPE Project [\n ${entities.join('\n ')}\n]>\n${project('    <PackageReference Include="A&lol9;" Version="&lol9;" />\n    <PackageReference Include="B" Version="1.0" />')}`;
      const m = parseMsbuild(text);
      assert.ok(text.length < 2000);
      assert.deepEqual(summary(text, m), [
        ['A&lol9;', 'A&lol9;', '&lol9;', '&lol9;'],
        ['B', 'B', '1.0', '1.0'],
      ]);
      assert.ok(m.problems.some((p) => /DOCTYPE/.test(p.message) && slice(text, p.span) === '<!DOCTYPE'));
      for (const d of m.dependencies) assert.ok(d.name.length < 20 && (d.spec ?? '').length < 20);
    });

    it('never resolves an external SYSTEM entity or DTD', () => {
      const text = `<?xml version="1.0"?>\n<!DOCTYPE Project SYSTEM "http://attacker.invalid/evil.dtd">\n${project('    <PackageReference Include="A" Version="&ext;" />')}`;
      const withEntity = `<?xml version="1.0"?>\n<!DOCTYPE Project [ <!ENTITY ext SYSTEM "file:///etc/passwd"> ]>\n${project('    <PackageReference Include="A" Version="&ext;" />')}`;
      for (const t of [text, withEntity]) {
        const d = only(t);
        assert.equal(d.spec, '&ext;');
        assert.equal(slice(t, d.specSpan), '&ext;');
      }
      // Nothing asynchronous (a fetch) can have been started: parsing is synchronous and pure.
      assert.ok(!(parseMsbuild(text) instanceof Promise));
    });
  });

  it('parses a project with 500 references, in document order', () => {
    const lines: string[] = [];
    for (let i = 0; i < 500; i++) lines.push(`    <PackageReference Include="Package.Number${i}" Version="1.${i}.0" />`);
    const text = project(lines.join('\r\n'));
    const m = parseMsbuild(text);
    assert.equal(m.dependencies.length, 500);
    assert.deepEqual(m.problems, []);
    m.dependencies.forEach((d, i) => {
      assert.equal(slice(text, d.nameSpan), `Package.Number${i}`);
      assert.equal(slice(text, d.specSpan), `1.${i}.0`);
    });
  });

  it('normalizes NuGet IDs to lower case', () => {
    assert.equal(normalizeName('nuget', 'Newtonsoft.Json'), 'newtonsoft.json');
    assert.equal(normalizeName('nuget', 'ISTANBUL.Tools'), 'istanbul.tools');
  });

  describe('reading the syntax tree', () => {
    it('drops a single namespace prefix from element names, and only that', () => {
      const text = project('    <x:PackageReference Include="A"><x:Version>1.0</x:Version></x:PackageReference>\n    <a:b:PackageReference Include="B" Version="2.0" />\n    <:PackageReference Include="C" Version="3.0" />\n    <PackageReference: Include="D" Version="4.0" />');
      assert.deepEqual(summary(text, parseMsbuild(text)), [['A', 'A', '1.0', '1.0']]);
      const props = '<Project><PropertyGroup><x:RestoreSources>https://a.test;https://b.test</x:RestoreSources></PropertyGroup></Project>';
      assert.deepEqual(parseMsbuild(props).sources.map((s) => s.value), ['https://a.test', 'https://b.test']);
    });

    it('matches attribute names whole: a prefixed Include is not an Include', () => {
      const text = project('    <PackageReference x:Include="A" Version="1.0" />\n    <PackageReference Include="B" x:Version="2.0" />');
      assert.deepEqual(summary(text, parseMsbuild(text)), [['B', 'B', undefined, undefined]]);
    });

    it('uses the first of repeated attributes, compared case-insensitively', () => {
      const text = project('    <PackageReference Include="A" include="B" Version="1.0" VERSION="2.0" />');
      assert.deepEqual(summary(text, parseMsbuild(text)), [['A', 'A', '1.0', '1.0']]);
    });

    it('reads the text of a value with markup around it', () => {
      const text = project('    <PackageReference Include="A"><Version> <b/> 1.0 <c/> </Version></PackageReference>');
      assert.deepEqual(summary(text, parseMsbuild(text)), [['A', 'A', '1.0', '1.0']]);
      const sources = '<Project><PropertyGroup><RestoreSources>https://c.test<!-- c --></RestoreSources></PropertyGroup></Project>';
      assert.deepEqual(parseMsbuild(sources).sources.map((s) => s.value), ['https://c.test']);
    });

    it('takes metadata from direct children only, the last one winning even when empty', () => {
      const nested = project('    <PackageReference Include="A" Version="1.0"><Version>2.0</Version><Meta><Version>9.9</Version></Meta></PackageReference>');
      assert.deepEqual(summary(nested, parseMsbuild(nested)), [['A', 'A', '2.0', '2.0']]);
      const emptyLast = project('    <PackageReference Include="A"><Version>1.0</Version><Version></Version></PackageReference>');
      const d = only(emptyLast);
      assert.equal(d.spec, undefined);
      assert.equal(slice(emptyLast, d.specSpan), '');
      const selfClosingLast = only(project('    <PackageReference Include="A"><Version>1.0</Version><Version/></PackageReference>'));
      assert.equal(selfClosingLast.spec, undefined);
      assert.equal(selfClosingLast.specSpan, undefined);
    });

    it('never reads a value that error recovery made up', () => {
      const text = project('    <PackageReference Include= Version="1.0"/>\n    <PackageReference Include="B" Version=/>\n    <PackageReference Include="C"/>');
      const m = parseMsbuild(text);
      assert.deepEqual(summary(text, m), [
        ['B', 'B', undefined, undefined],
        ['C', 'C', undefined, undefined],
      ]);
      assert.ok(m.problems.length > 0);
    });

    it('reads references at every nesting level, in document order', () => {
      let text = '';
      for (let i = 0; i < 60; i++) text += `<L${i}><PackageReference Include="P${i}" Version="1.${i}" />`;
      for (let i = 59; i >= 0; i--) text += `<PackageReference Include="Q${i}" Version="2.${i}" /></L${i}>`;
      const m = parseMsbuild(text);
      assert.deepEqual(m.problems, []);
      const expected = [...Array.from({ length: 60 }, (_, i) => `P${i}`), ...Array.from({ length: 60 }, (_, i) => `Q${59 - i}`)];
      assert.deepEqual(m.dependencies.map((d) => d.name), expected);
      for (const d of m.dependencies) assert.equal(slice(text, d.specSpan), d.spec);
    });
  });
});
