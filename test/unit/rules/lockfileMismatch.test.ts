import { strict as assert } from 'node:assert';
import { parseLockfile } from '../../../server/src/manifests/lockfiles/lockTree';
import type { LockGraph } from '../../../server/src/tree/model';
import { slice } from '../../helpers/text';
import { analyseFixture, fixtureText } from '../../helpers/lockFixtures';

function mismatches(manifest: string, text?: string, graph?: LockGraph): Array<{ at: string | undefined; message: string }> {
  const analysis = analyseFixture(manifest, { text, ...(graph ? { tree: { graph, importer: '' } } : {}) });
  return analysis.findings.filter((f) => f.rule === 'lockfile-mismatch').map((f) => ({ at: slice(analysis.text, f.span), message: f.message }));
}

describe('lockfile-mismatch', () => {
  it('is silent when manifest and lockfile agree, in every format', () => {
    for (const manifest of ['npm-v1/package.json', 'npm-v2/package.json', 'npm-v3/package.json', 'yarn-v1/package.json', 'yarn-berry/package.json', 'pnpm-v5/package.json', 'pnpm-v6/package.json', 'pnpm-v9/package.json', 'npm-workspaces/packages/util/package.json', 'pnpm-workspaces/packages/util/package.json', 'nuget-lock/App.csproj', 'pip-compile/requirements.in', 'pylock/requirements.txt']) {
      assert.deepEqual(mismatches(manifest), [], manifest);
    }
  });

  it('reports a spec the locked version does not satisfy on the spec, a dependency missing from the lock on its name', () => {
    const text = fixtureText('npm-v3/package.json').replace('"log-symbols": "^4.1.0"', '"log-symbols": "^5.0.0"').replace('"debug": "2.6.9",', '"debug": "2.6.9",\n    "left-pad": "^1.3.0",');
    assert.deepEqual(mismatches('npm-v3/package.json', text), [
      { at: 'left-pad', message: 'left-pad is not in package-lock.json: the lockfile was made for another version of this manifest, so a locked install fails or installs something else. Run npm install to update it.' },
      { at: '^5.0.0', message: 'package-lock.json locks `log-symbols@4.1.0`, which `^5.0.0` does not admit: what gets installed is not what this manifest asks for. Run npm install to update the lockfile.' },
    ]);
  });

  it('knows yarn v1 keys entries by spec: a changed spec has no entry, even when the name is locked', () => {
    const text = fixtureText('yarn-v1/package.json').replace('"wrap-ansi": "^7.0.0"', '"wrap-ansi": "^7.0.1"');
    const [found] = mismatches('yarn-v1/package.json', text);
    assert.equal(found.at, '^7.0.1');
    assert.match(found.message, /^wrap-ansi is not in yarn\.lock \(it locks `wrap-ansi@7\.0\.0` for another spec\).*Run yarn install/);
  });

  it('checks pnpm, NuGet and pip-compile locks too', () => {
    const pnpm = fixtureText('pnpm-v9/package.json').replace('"ms": "2.1.3"', '"ms": "2.1.2"');
    assert.deepEqual(mismatches('pnpm-v9/package.json', pnpm).map((m) => m.at), ['2.1.2']);
    assert.deepEqual(mismatches('nuget-assets/App.csproj').map((m) => m.at), ['4.0.0'], 'Serilog 4.0.0 asked for, 3.1.1 restored');
    const pip = 'requests>=3\nhttpx\nflask==3.0.3\ndjango>=5\npywin32==306 ; sys_platform == "win32"\n';
    assert.deepEqual(mismatches('pip-compile/requirements.in', pip).map((m) => m.at), ['>=3', 'django']);
  });

  it('leaves alone what need not be locked or cannot be checked: peers, dist-tags, `*`, workspaces', () => {
    const text = JSON.stringify({ dependencies: { 'log-symbols': 'latest', 'wrap-ansi': '*', debug: '2.6.9', microtime: '^3.1.1', lib: 'workspace:*' }, peerDependencies: { react: '^18' }, devDependencies: { ms: '2.1.3' }, optionalDependencies: { 'has-flag': '^4.0.0' } });
    assert.deepEqual(mismatches('npm-v3/package.json', text).map((m) => m.at), []);
  });

  it('never compares a compiled requirements file with itself', () => {
    assert.deepEqual(mismatches('pip-compile/requirements.txt'), []);
  });

  it('says once that a lockfile could not be read, instead of reporting every dependency missing', () => {
    const cut = parseLockfile('pnpm-lock.yaml', fixtureText('pnpm-v9/pnpm-lock.yaml').slice(0, 300).replace(/\n[^\n]*$/, '\n  {broken'));
    assert.ok(cut);
    const found = mismatches('pnpm-v9/package.json', undefined, cut);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /^pnpm-lock\.yaml could not be parsed: .* Its locked packages were not checked against this manifest\.$/);
  });
});
