import { strict as assert } from 'node:assert';
import * as fc from 'fast-check';
import type { Dependency, Manifest, Span } from '../../../server/src/model/model';
import { normalizeName } from '../../../server/src/model/names';
import { parseRequirements } from '../../../server/src/manifests/requirements';

function slice(text: string, span: Span | undefined): string | undefined {
  return span ? text.slice(span.start, span.end) : undefined;
}

/** The only dependency of a one-requirement text. */
function only(text: string): Dependency {
  const m = parseRequirements(text);
  assert.equal(m.dependencies.length, 1, `expected one dependency in ${JSON.stringify(text)}`);
  return m.dependencies[0];
}

function problemsOf(text: string): string[] {
  return parseRequirements(text).problems.map((p) => p.message);
}

/** Every span in the manifest lies inside the text and is well-formed. */
function assertSpansInside(text: string, m: Manifest): void {
  const spans: Span[] = [
    ...m.dependencies.flatMap((d) => (d.specSpan ? [d.nameSpan, d.specSpan] : [d.nameSpan])),
    ...m.sources.map((s) => s.span),
    ...m.includes.map((i) => i.span),
    ...m.problems.map((p) => p.span),
  ];
  for (const s of spans) {
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), JSON.stringify(s));
    assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `${JSON.stringify(s)} outside ${text.length}`);
  }
}

describe('requirements parser', () => {
  describe('PEP 508 requirements', () => {
    it('reads a bare name, with an empty spec span right after it', () => {
      const text = 'requests\n';
      const d = only(text);
      assert.equal(d.ecosystem, 'pypi');
      assert.equal(d.name, 'requests');
      assert.equal(d.source, 'registry');
      assert.equal(d.section, 'requirement');
      assert.equal(slice(text, d.nameSpan), 'requests');
      assert.equal(d.spec, undefined);
      assert.deepEqual(d.specSpan, { start: 8, end: 8 });
    });

    it('keeps the manifest shape', () => {
      const m = parseRequirements('');
      assert.equal(m.kind, 'requirements');
      assert.equal(m.ecosystem, 'pypi');
      assert.deepEqual([m.dependencies, m.scripts, m.sources, m.includes, m.problems], [[], [], [], [], []]);
    });

    it('reads every operator, with or without spaces, with exact spans', () => {
      const cases: Array<[string, string]> = [
        ['a==1.2.3', '==1.2.3'],
        ['a>=1,<2', '>=1,<2'],
        ['a ~= 1.4', '~= 1.4'],
        ['a===weird-thing', '===weird-thing'],
        ['a!=1.5', '!=1.5'],
        ['a >= 1.0 , < 2.0', '>= 1.0 , < 2.0'],
        ['a<=3', '<=3'],
        ['a>1', '>1'],
        ['a<2.0.dev1', '<2.0.dev1'],
        ['a==1.4.*', '==1.4.*'],
        ['a==1!2.0+local.1', '==1!2.0+local.1'],
      ];
      for (const [text, spec] of cases) {
        const d = only(text);
        assert.equal(d.name, 'a', text);
        assert.equal(d.spec, spec, text);
        assert.equal(slice(text, d.specSpan), spec, text);
        assert.deepEqual(parseRequirements(text).problems, [], text);
      }
    });

    it('reads a parenthesised spec without the parentheses', () => {
      const text = 'six (>=1.0, <2)';
      const d = only(text);
      assert.equal(d.spec, '>=1.0, <2');
      assert.equal(slice(text, d.specSpan), '>=1.0, <2');
      const empty = 'six ()';
      const e = only(empty);
      assert.equal(e.spec, undefined);
      assert.deepEqual(e.specSpan, { start: 5, end: 5 }); // inside the parentheses
    });

    it('reads extras, and puts the empty spec span after the closing bracket', () => {
      const text = 'flask [async, dotenv]';
      const d = only(text);
      assert.deepEqual(d.extras, ['async', 'dotenv']);
      assert.equal(slice(text, d.nameSpan), 'flask');
      assert.deepEqual(d.specSpan, { start: text.length, end: text.length });
      const withSpec = 'uvicorn[standard]>=0.20';
      const w = only(withSpec);
      assert.deepEqual(w.extras, ['standard']);
      assert.equal(slice(withSpec, w.specSpan), '>=0.20');
    });

    it('reads markers after a semicolon', () => {
      const text = 'Django>=3.2,<4 ; python_version >= "3.8" and sys_platform != "win32"';
      const d = only(text);
      assert.equal(d.spec, '>=3.2,<4');
      assert.equal(d.markers, 'python_version >= "3.8" and sys_platform != "win32"');
      const bare = 'pywin32;sys_platform=="win32"';
      const b = only(bare);
      assert.equal(b.markers, 'sys_platform=="win32"');
      assert.deepEqual(b.specSpan, { start: 7, end: 7 });
      assert.equal(only('foo;').markers, undefined);
    });

    it('keeps names as written and normalizes them on request', () => {
      assert.equal(only('Typing_Extensions==4.0').name, 'Typing_Extensions');
      assert.equal(normalizeName('pypi', 'Typing_Extensions'), 'typing-extensions');
      assert.equal(normalizeName('pypi', 'zope.interface'), 'zope-interface');
      assert.equal(normalizeName('pypi', 'A-_.-b__c'), 'a-b-c');
    });
  });

  describe('comments and blank lines', () => {
    it('strips comments at line start and after whitespace, but not inside words or URLs', () => {
      const text = ['# full line', '   # indented', '', 'requests==2.31.0  # pinned', 'git+https://h/r.git#egg=repo'].join('\n');
      const m = parseRequirements(text);
      assert.deepEqual(
        m.dependencies.map((d) => [d.name, d.spec]),
        [
          ['requests', '==2.31.0'],
          ['repo', undefined],
        ],
      );
      assert.deepEqual(m.problems, []);
    });

    it('does not treat `#` right after a version as a comment (pip does not either)', () => {
      const text = 'foo==1.0#not-a-comment';
      const m = parseRequirements(text);
      assert.equal(m.dependencies[0].spec, '==1.0#not-a-comment');
      assert.match(m.problems[0].message, /whitespace/);
    });
  });

  describe('line ends and continuations', () => {
    it('maps spans correctly with CRLF and lone CR line ends', () => {
      for (const eol of ['\r\n', '\r', '\n']) {
        const text = ['# c', 'alpha==1.0', 'beta>=2', '-i https://idx.example/simple'].join(eol) + eol;
        const m = parseRequirements(text);
        assert.deepEqual(
          m.dependencies.map((d) => [slice(text, d.nameSpan), slice(text, d.specSpan)]),
          [
            ['alpha', '==1.0'],
            ['beta', '>=2'],
          ],
          JSON.stringify(eol),
        );
        assert.equal(slice(text, m.sources[0].span), 'https://idx.example/simple');
      }
    });

    it('joins continuation lines and maps spans back to the original text', () => {
      const text = 'numpy \\\n  [extra] \\\n  ==1.26.4 \\\n  --hash=sha256:aaa \\\n  --hash sha256:bbb\nnext';
      const m = parseRequirements(text);
      const d = m.dependencies[0];
      assert.equal(slice(text, d.nameSpan), 'numpy');
      assert.deepEqual(d.extras, ['extra']);
      assert.equal(slice(text, d.specSpan), '==1.26.4');
      assert.deepEqual(d.hashes, ['sha256:aaa', 'sha256:bbb']);
      assert.equal(m.dependencies[1].name, 'next');
      assert.deepEqual(m.problems, []);
    });

    it('joins without inserting a space, and splits a name or spec across lines', () => {
      const text = 'req\\\nuests>=\\\n2.0';
      const d = only(text);
      assert.equal(d.name, 'requests');
      assert.equal(d.spec, '>=2.0');
      // The name spans the join: from `r` on line 1 to `s` on line 2.
      assert.deepEqual(d.nameSpan, { start: 0, end: 10 });
      assert.deepEqual(d.specSpan, { start: 10, end: 17 });
    });

    it('puts an empty spec span on the line where the name ends', () => {
      const text = 'requests \\\n; python_version < "3.8"';
      const d = only(text);
      assert.deepEqual(d.specSpan, { start: 8, end: 8 });
      assert.equal(d.markers, 'python_version < "3.8"');
    });

    it('ends a continuation at a comment line, as pip does', () => {
      const text = 'foo \\\n# comment \\\nbar';
      assert.deepEqual(
        parseRequirements(text).dependencies.map((d) => d.name),
        ['foo', 'bar'],
      );
    });

    it('warns when a comment ending in a backslash swallows the next line', () => {
      const text = 'foo==1.0  # pinned \\\nbar==2.0\nbaz';
      const m = parseRequirements(text);
      assert.deepEqual(
        m.dependencies.map((d) => d.name),
        ['foo', 'baz'],
      );
      assert.equal(m.problems.length, 1);
      assert.equal(slice(text, m.problems[0].span), 'bar==2.0');
    });

    it('handles a trailing backslash at the end of the file and CRLF continuations', () => {
      assert.equal(only('foo==1 \\').spec, '==1');
      const text = 'foo\\\r\n==1.0\r\nbar';
      const m = parseRequirements(text);
      assert.equal(slice(text, m.dependencies[0].specSpan), '==1.0');
      assert.equal(slice(text, m.dependencies[1].nameSpan), 'bar');
    });

    it('ignores a byte-order mark', () => {
      const text = '\ufeffrequests==1.0';
      const d = only(text);
      assert.equal(d.name, 'requests');
      assert.equal(slice(text, d.nameSpan), 'requests');
    });
  });

  describe('options', () => {
    it('records -r and -c includes with the span of the path', () => {
      const text = '-r base.txt\n--requirement dev.txt\n--requirement=ci.txt\n-rattached.txt\n-c constraints.txt\n--constraint="with space.txt"';
      const m = parseRequirements(text);
      assert.deepEqual(
        m.includes.map((i) => [i.kind, i.target, slice(text, i.span)]),
        [
          ['requirement', 'base.txt', 'base.txt'],
          ['requirement', 'dev.txt', 'dev.txt'],
          ['requirement', 'ci.txt', 'ci.txt'],
          ['requirement', 'attached.txt', 'attached.txt'],
          ['constraint', 'constraints.txt', 'constraints.txt'],
          ['constraint', 'with space.txt', 'with space.txt'],
        ],
      );
      assert.deepEqual(m.problems, []);
    });

    it('records package sources with the span of the value', () => {
      const text = [
        '-i https://pypi.org/simple',
        '--index-url=https://mirror.example/simple',
        '--extra-index-url https://private.example/simple',
        '--trusted-host private.example',
        '-f ./wheels',
        '--find-links=https://example.com/links',
        '--pypi-url https://legacy.example/simple',
      ].join('\n');
      const m = parseRequirements(text);
      assert.deepEqual(
        m.sources.map((s) => [s.kind, s.value, slice(text, s.span)]),
        [
          ['index-url', 'https://pypi.org/simple', 'https://pypi.org/simple'],
          ['index-url', 'https://mirror.example/simple', 'https://mirror.example/simple'],
          ['extra-index-url', 'https://private.example/simple', 'https://private.example/simple'],
          ['trusted-host', 'private.example', 'private.example'],
          ['find-links', './wheels', './wheels'],
          ['find-links', 'https://example.com/links', 'https://example.com/links'],
          ['index-url', 'https://legacy.example/simple', 'https://legacy.example/simple'],
        ],
      );
      assert.deepEqual(m.problems, []);
    });

    it('accepts abbreviated long options, as optparse does', () => {
      const text = '--extra-index https://evil.example/simple\n--trusted=evil.example';
      const m = parseRequirements(text);
      assert.deepEqual(
        m.sources.map((s) => [s.kind, s.value]),
        [
          ['extra-index-url', 'https://evil.example/simple'],
          ['trusted-host', 'evil.example'],
        ],
      );
      assert.match(problemsOf('--re x.txt')[0], /Ambiguous option '--re'/);
    });

    it('accepts and ignores switches', () => {
      const text = [
        '--no-index',
        '--pre',
        '--prefer-binary',
        '--only-binary :all:',
        '--no-binary=foo',
        '--use-feature=truststore',
        '--require-hashes',
        '--only-binary=:none: --pre',
      ].join('\n');
      const m = parseRequirements(text);
      assert.deepEqual([m.dependencies, m.sources, m.includes, m.problems], [[], [], [], []]);
    });

    it('reports unknown options, missing values and bad quoting without crashing', () => {
      const text = '--bogus\n-x foo\n--index-url\n--pre=yes\n-r "unclosed';
      const m = parseRequirements(text);
      assert.equal(m.problems.length, 5);
      assert.match(m.problems[0].message, /Unknown option '--bogus'/);
      assert.equal(slice(text, m.problems[0].span), '--bogus');
      assert.match(m.problems[1].message, /Unknown option '-x'/);
      assert.match(m.problems[2].message, /--index-url needs a value/);
      assert.match(m.problems[3].message, /does not take a value/);
      assert.match(m.problems[4].message, /Unclosed quotation/);
      assert.deepEqual([m.dependencies, m.sources, m.includes], [[], [], []]);
    });

    it('reports words after an option: pip reads them as options and installs nothing', () => {
      const text = '--pre requests';
      const m = parseRequirements(text);
      assert.equal(m.dependencies.length, 0);
      assert.equal(m.problems.length, 1);
      assert.equal(slice(text, m.problems[0].span), 'requests');
    });

    it('reports global options on a requirement line, which pip ignores', () => {
      const text = 'foo==1.0 --index-url https://evil.example/simple';
      const m = parseRequirements(text);
      assert.equal(m.dependencies[0].name, 'foo');
      assert.deepEqual(m.sources, []);
      assert.equal(slice(text, m.problems[0].span), '--index-url');
    });

    it('follows only the first include of a line and reports the rest', () => {
      const text = '-r a.txt -r b.txt --index-url https://x.example';
      const m = parseRequirements(text);
      assert.deepEqual(
        m.includes.map((i) => i.target),
        ['a.txt'],
      );
      assert.deepEqual(m.sources, []);
      assert.equal(m.problems.length, 2);
    });

    it('reads --hash in both forms and checks its format', () => {
      const text = 'foo==1.0 --hash=sha256:abc --hash sha384:def';
      assert.deepEqual(only(text).hashes, ['sha256:abc', 'sha384:def']);
      assert.match(problemsOf('foo==1 --hash=md5:abc')[0], /sha256, sha384 and sha512/);
      assert.match(problemsOf('foo==1 --hash=abc')[0], /hash name and a value/);
      assert.match(problemsOf('--hash=sha256:abc')[0], /without a requirement/);
    });
  });

  describe('editable requirements', () => {
    it('reads -e paths and VCS URLs', () => {
      const text = ['-e .', '-e git+https://github.com/o/r.git@v1#egg=my_pkg', '--editable=./sub[test,dev]', '-e git+ssh://git@host/o/x.git'].join('\n');
      const m = parseRequirements(text);
      assert.deepEqual(
        m.dependencies.map((d) => [d.source, d.name, slice(text, d.nameSpan), d.location, d.extras]),
        [
          ['editable', '.', '.', '.', undefined],
          ['editable', 'my_pkg', 'my_pkg', 'git+https://github.com/o/r.git@v1#egg=my_pkg', undefined],
          ['editable', './sub', './sub', './sub', ['test', 'dev']],
          ['editable', 'git+ssh://git@host/o/x.git', 'git+ssh://git@host/o/x.git', 'git+ssh://git@host/o/x.git', undefined],
        ],
      );
      assert.deepEqual(m.problems, []);
    });

    it('reports an editable that is neither a path nor a VCS URL', () => {
      const m = parseRequirements('-e https://example.com/pkg.tar.gz');
      assert.equal(m.dependencies[0].source, 'editable');
      assert.match(m.problems[0].message, /VCS URL/);
    });
  });

  describe('URL, VCS and path requirements', () => {
    it('reads PEP 508 direct references', () => {
      const text = 'pkg @ https://example.com/pkg-1.0.tar.gz ; sys_platform == "linux"\nother[x] @ git+https://github.com/o/other.git@v1';
      const m = parseRequirements(text);
      const [pkg, other] = m.dependencies;
      assert.deepEqual([pkg.source, pkg.name, pkg.location, pkg.markers], ['url', 'pkg', 'https://example.com/pkg-1.0.tar.gz', 'sys_platform == "linux"']);
      assert.equal(slice(text, pkg.nameSpan), 'pkg');
      assert.equal(pkg.spec, undefined);
      assert.deepEqual([other.source, other.name, other.extras, other.location], ['git', 'other', ['x'], 'git+https://github.com/o/other.git@v1']);
      assert.equal(only('x @ hg+https://h/r').source, 'git');
      assert.equal(only('x @ file:///tmp/x').source, 'path');
      assert.deepEqual(m.problems, []);
    });

    it('names a bare VCS URL by its #egg fragment', () => {
      const text = 'git+https://github.com/o/repo.git@main#egg=repo_name&subdirectory=sub';
      const d = only(text);
      assert.deepEqual([d.source, d.name, d.location], ['git', 'repo_name', text]);
      assert.equal(slice(text, d.nameSpan), 'repo_name');
    });

    it('names archive URLs by their file name', () => {
      const cases: Array<[string, string]> = [
        ['https://files.example.com/packages/my_pkg-2.1.0-py3-none-any.whl', 'my_pkg'],
        ['https://x.org/dl/some-lib-0.3.tar.gz', 'some-lib'],
        ['https://x.org/dl/thing-1.0.zip#sha256=abc', 'thing'],
        ['https://x.org/download?id=3', 'download'],
      ];
      for (const [text, name] of cases) {
        const d = only(text);
        assert.deepEqual([d.source, d.name, slice(text, d.nameSpan), d.location], ['url', name, name, text], text);
      }
    });

    it('splits markers from a bare URL only at "; " (a `;` may be part of a URL)', () => {
      assert.equal(only('https://x.org/a-1.0.tar.gz ; python_version<"3"').markers, 'python_version<"3"');
      const glued = only('https://x.org/a;b-1.0.tar.gz');
      assert.equal(glued.location, 'https://x.org/a;b-1.0.tar.gz');
      assert.equal(glued.markers, undefined);
    });

    it('reads local paths, archives and file: URLs as path sources', () => {
      const text = ['./local/pkg[dev]', '../sibling', '/abs/path/thing-1.0.tar.gz', 'file:///tmp/pkg', 'dist/foo-1.0-py3-none-any.whl', 'foo-2.0.tar.gz', 'C:\\src\\pkg'].join('\n');
      const m = parseRequirements(text);
      assert.deepEqual(
        m.dependencies.map((d) => [d.source, d.name, slice(text, d.nameSpan), d.location, d.extras]),
        [
          ['path', './local/pkg', './local/pkg', './local/pkg', ['dev']],
          ['path', '../sibling', '../sibling', '../sibling', undefined],
          ['path', 'thing', 'thing', '/abs/path/thing-1.0.tar.gz', undefined],
          ['path', 'pkg', 'pkg', 'file:///tmp/pkg', undefined],
          ['path', 'foo', 'foo', 'dist/foo-1.0-py3-none-any.whl', undefined],
          ['path', 'foo', 'foo', 'foo-2.0.tar.gz', undefined],
          ['path', 'C:\\src\\pkg', 'C:\\src\\pkg', 'C:\\src\\pkg', undefined],
        ],
      );
      assert.deepEqual(m.problems, []);
    });
  });

  describe('malformed lines', () => {
    it('reports them with the line span and keeps the dependency when a name was read', () => {
      const cases: Array<[string, RegExp, string | undefined]> = [
        ['foo==', /Missing version after '=='/, 'foo'],
        ['===', /Expected a package name/, undefined],
        ['[extra]', /Expected a package name/, undefined],
        ['name>=1,,', /Empty version clause/, 'name'],
        ['foo=1.0', /use '=='/, 'foo'],
        ['foo 1.0', /Expected a version operator/, 'foo'],
        ['foo[bar', /Missing '\]'/, 'foo'],
        ['foo[1,]', /Expected an extra name/, 'foo'],
        ['foo (>=1', /Missing '\)'/, 'foo'],
        ['requests@2.31', /'@' must be followed by a URL/, 'requests'],
        ['foo @', /Missing URL/, 'foo'],
        ['_bad', /Expected a package name/, undefined],
      ];
      for (const [line, message, name] of cases) {
        const text = `ok==1\n  ${line}  \nlast`;
        const m = parseRequirements(text);
        assert.equal(m.problems.length, 1, `${line}: ${JSON.stringify(m.problems)}`);
        assert.match(m.problems[0].message, message, line);
        assert.equal(slice(text, m.problems[0].span), line, line);
        const names = m.dependencies.map((d) => d.name);
        assert.deepEqual(names, name ? ['ok', name, 'last'] : ['ok', 'last'], line);
      }
    });

    it('reads a name with non-ASCII letters whole, so it is reported by name, and says pip rejects it', () => {
      const cases: Array<[string, string, string | undefined]> = [
        ['reqυest==2.31.0', 'reqυest', '==2.31.0'],
        ['ѕix[socks]>=1', 'ѕix', '>=1'],
        ['urllib3\u200b', 'urllib3\u200b', undefined],
        ['numpy-ж ; python_version > "3"', 'numpy-ж', undefined],
      ];
      for (const [line, name, spec] of cases) {
        const m = parseRequirements(line);
        assert.deepEqual(m.dependencies.map((d) => [d.name, d.spec]), [[name, spec]], line);
        assert.equal(slice(line, m.dependencies[0].nameSpan), name);
        assert.deepEqual(m.problems.map((p) => [slice(line, p.span), p.message]), [[name, `'${name}' is not a valid package name: pip accepts only ASCII letters, digits, '-', '_' and '.', and stops with "Invalid requirement".`]], line);
      }
    });

    it('keeps a malformed spec as written, so a pin can replace it', () => {
      const text = 'foo>=1,,';
      const d = only(text);
      assert.equal(d.spec, '>=1,,');
      assert.equal(slice(text, d.specSpan), '>=1,,');
    });

    it('accepts a single trailing comma, as packaging does', () => {
      const m = parseRequirements('foo>=1,');
      assert.equal(m.dependencies[0].spec, '>=1,');
      assert.deepEqual(m.problems, []);
    });
  });

  describe('robustness', () => {
    it('parses a 100,000-line file', () => {
      const lines: string[] = [];
      for (let i = 0; i < 100_000; i++) lines.push(i % 10 === 0 ? `# note ${i}` : `pkg-${i}[x]>=1.${i},<2 ; python_version >= "3"`);
      const text = lines.join('\n');
      const m = parseRequirements(text);
      assert.equal(m.dependencies.length, 90_000);
      assert.equal(m.problems.length, 0);
      const last = m.dependencies[m.dependencies.length - 1];
      assert.equal(slice(text, last.nameSpan), 'pkg-99999');
      assert.equal(slice(text, last.specSpan), '>=1.99999,<2');
    });

    it('parses 1 MB single lines of many shapes', () => {
      const big = 1_000_000;
      const shapes = [
        'a'.repeat(big),
        '['.repeat(big),
        `foo${'['.repeat(big)}`,
        `foo>=1${','.repeat(big)}`,
        `foo${'>=1'.repeat(big / 3)}`,
        '-'.repeat(big),
        `-r ${'"'.repeat(big)}`,
        ' #'.repeat(big / 2),
        `https://x/${'a-1'.repeat(big / 3)}.tar.gz`,
        `foo @ ${'@'.repeat(big)}`,
        `git+https://x#egg=${'&egg='.repeat(big / 5)}`,
        '--x '.repeat(big / 4),
        `foo[${'a,'.repeat(big / 2)}]`,
        `foo==${'1.'.repeat(big / 2)}x`,
        '\\\n'.repeat(big / 2),
        '\r'.repeat(big),
      ];
      for (const text of shapes) {
        const m = parseRequirements(text);
        assertSpansInside(text, m);
        for (const p of m.problems) assert.ok(p.message.length < 300, 'messages quote long text only in part');
      }
      const name = 'a'.repeat(big);
      assert.equal(only(name).name, name);
    });

    it('survives NUL bytes and other control characters', () => {
      const text = 'foo\0==1.0\n\0\0\0\nbar==\0\n-r \0\nbaz==1.0\n\u2028qux';
      const m = parseRequirements(text);
      assertSpansInside(text, m);
      assert.ok(m.dependencies.some((d) => d.name === 'baz' && d.spec === '==1.0'));
    });

    it('never throws and keeps every span inside the text, on arbitrary input', () => {
      const alphabet = fc.constantFrom(
        'a', 'Z', '0', '1', '.', '-', '_', '=', '<', '>', '~', '!', '*', '+', ',', ';', '@', '[', ']', '(', ')',
        '#', ' ', '\t', '\\', '\n', '\r', '"', "'", '/', ':', '&', '?', 'e', 'r', 'i', 'g', 'h', '\0', '\ufeff',
        '-e ', '-r ', '--hash=', 'git+https://', '#egg=', '==1.0', ' ; ', '--index-url=', '--pre', '.whl', '.tar.gz',
      );
      fc.assert(
        fc.property(fc.array(alphabet, { maxLength: 60 }).map((parts) => parts.join('')), (text) => {
          assertSpansInside(text, parseRequirements(text));
        }),
        { numRuns: 3000 },
      );
    });

    it('returns an empty manifest for non-string input instead of throwing', () => {
      const m = parseRequirements(undefined as unknown as string);
      assert.deepEqual(m.dependencies, []);
    });
  });
});
