/** The `typosquat` rule: findings on the dependency's name, messages, fixes, and what it skips. */
import { strict as assert } from 'node:assert';
import type { ManifestKind } from '../../../server/src/model/model';
import { parseSettings } from '../../../server/src/model/settings';
import { parseManifest } from '../../../server/src/manifests';
import { typosquat } from '../../../server/src/rules/typosquat';
import type { RawFinding } from '../../../server/src/rules/types';
import type { NameIndex } from '../../../server/src/typosquat/types';
import { slice } from '../../helpers/text';
import { bundled } from '../typosquat/bundled';
import { fixtureIndex } from '../typosquat/fixtures';

const fixtures = fixtureIndex();

function run(kind: ManifestKind, text: string, names: NameIndex | 'none' = fixtures): RawFinding[] {
  return typosquat.check({ manifest: parseManifest(kind, text), text, settings: parseSettings({}), names: names === 'none' ? undefined : names });
}

describe('typosquat rule', () => {
  it('reports a look-alike on the name, with the message of the issue and a preferred fix keeping the spec', () => {
    const text = '{"dependencies": {"crossenv": "^7.0.3", "lodash": "^4"}}';
    const [f, ...rest] = run('package.json', text);
    assert.equal(rest.length, 0);
    assert.equal(slice(text, f.span), 'crossenv');
    assert.equal(f.package, 'crossenv');
    assert.equal(f.message, '`crossenv` looks like `cross-env` (a missing `-`), which has 60M downloads a month; this one is not in the top lists.');
    assert.equal(f.detail, 'crossenv: not among the popular npm packages\ncross-env: 60M downloads a month');
    assert.deepEqual(f.fixes, [{ title: 'Replace with cross-env', kind: 'replace-name', preferred: true, edits: [{ span: f.span, newText: 'cross-env' }] }]);
    assert.equal(f.severity, undefined); // the rule's default (error)
    const fixed = text.slice(0, f.span.start) + f.fixes?.[0].edits[0].newText + text.slice(f.span.end);
    assert.equal(fixed, '{"dependencies": {"cross-env": "^7.0.3", "lodash": "^4"}}');
  });

  it("leaves popular names inside the project's own scope alone: its package's, its workspaces'", () => {
    assert.deepEqual(run('package.json', '{"name": "@evil/app", "dependencies": {"@evil/cross-env": "1.0.0"}}'), []);
    assert.deepEqual(run('package.json', '{"name": "app", "dependencies": {"@Evil/utils": "workspace:*", "@evil/cross-env": "1.0.0"}}'), []);
    assert.deepEqual(run('package.json', '{"name": "app", "dependencies": {"@evil/utils": "file:../utils", "@evil/cross-env": "1.0.0"}}'), []);
    // A stranger's scope is still reported.
    assert.deepEqual(run('package.json', '{"name": "@acme/app", "dependencies": {"@evil/cross-env": "1.0.0"}}').map((f) => f.package), ['@evil/cross-env']);
  });

  it('names PyPI ranks and NuGet vendors in messages', () => {
    const [py] = run('requirements', 'urlib3==2.0.0\n');
    assert.equal(py.message, "`urlib3` looks like `urllib3` (a single `l` where it has two), which is #2 of PyPI's most downloaded projects; this one is not in the top lists.");
    const [cs] = run('msbuild', '<Project><ItemGroup><PackageReference Include="Microsoft.Extensions.Loging" Version="8.0.0" /></ItemGroup></Project>');
    assert.match(cs.message, /looks like `Microsoft\.Extensions\.Logging` \(a single `g` where it has two\), which Microsoft publishes;/);
  });

  it('warns (not errors) on the weak signals: affixes and unknown scopes', () => {
    const [f] = run('package.json', '{"dependencies": {"@evil/cross-env": "1.0.0"}}');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /inside the unknown scope `@evil`/);
  });

  it('names the ID a look-alike character passes for (its ASCII fold) with a fix, and reports other non-ASCII names and prefix imitations without one', () => {
    const [a] = run('msbuild', '<Project><ItemGroup><PackageReference Include="Cоntoso.Internal" Version="1.0.0" /></ItemGroup></Project>');
    assert.equal(a.message, '`Cоntoso.Internal` passes for `Contoso.Internal`: it has non-ASCII characters: Cyrillic `о` (U+043E), which looks like `o`. A look-alike character is a classic way to pass for a known package.');
    assert.equal(a.fixes?.[0].title, 'Replace with Contoso.Internal');
    assert.equal(a.fixes?.[0].edits[0].newText, 'Contoso.Internal');
    const [u] = run('msbuild', '<Project><ItemGroup><PackageReference Include="Contoso.日本" Version="1.0.0" /></ItemGroup></Project>');
    assert.match(u.message, /^`Contoso\.日本` has non-ASCII characters: .*Real NuGet IDs are ASCII almost without exception/);
    assert.equal(u.fixes, undefined);
    const [p] = run('msbuild', '<Project><ItemGroup><PackageReference Include="Microsfot.Extensions.Caching" Version="1.0.0" /></ItemGroup></Project>');
    assert.match(p.message, /imitates the reserved `Microsoft\.` prefix \(`fo` in place of `of`\): only Microsoft can publish/);
    const [z] = run('package.json', '{"dependencies": {"cross\u200benv": "1.0.0"}}');
    assert.match(z.message, /^`cross\u200benv` looks like `cross-env` \(U\+200B in place of `-`\), .* It also has non-ASCII characters: an invisible character \(U\+200B\)\.$/);
  });

  it('checks the real name of an npm alias, pointing inside the spec', () => {
    const text = '{"dependencies": {"env": "npm:crossenv@^7"}}';
    const [f] = run('package.json', text);
    assert.equal(slice(text, f.span), 'crossenv');
    assert.equal(f.fixes?.[0].edits[0].newText, 'cross-env');
  });

  it('skips git, URL, path and workspace sources, and does nothing without the lists', () => {
    const text = '{"dependencies": {"crossenv": "github:x/crossenv", "expresss": "file:../expresss", "lodahs": "workspace:*"}}';
    assert.deepEqual(run('package.json', text), []);
    assert.deepEqual(run('package.json', '{"dependencies": {"crossenv": "1.0.0"}}', 'none'), []);
  });

  it('finds the issue examples with the bundled lists', () => {
    const npm = run('package.json', '{"dependencies": {"crossenv": "1.0.0"}}', bundled());
    assert.match(npm[0].message, /^`crossenv` looks like `cross-env` \(a missing `-`\), which has \d+M downloads a month; no established npm package has this name \(never published, or taken down\)\.$/);
    const req = 'urlib3==1.0\ncolourama==1.0\njeIlyfish==1.0\npython3-dateutil==1.0\ndateutil-python==1.0\nrequests==2.31.0\n';
    assert.deepEqual(
      run('requirements', req, bundled()).map((f) => f.fixes?.[0].edits[0].newText),
      ['urllib3', 'colorama', 'jellyfish', 'python-dateutil', 'python-dateutil'],
    );
    // A Greek upsilon: the look-alike names the target and the character.
    const [greek] = run('package.json', '{"dependencies": {"reqυest": "1.0.0"}}', bundled());
    assert.match(greek.message, /^`reqυest` looks like `request` \(Greek `υ` in place of `u`\)/);
    // In a requirements file too: the name is read whole, not as `req` followed by junk.
    const [pip] = run('requirements', 'reqυests==2.31.0\n', bundled());
    assert.match(pip.message, /^`reqυests` looks like `requests` \(Greek `υ` in place of `u`\)/);
    assert.equal(pip.fixes?.[0].title, 'Replace with requests');
    // A standard-library module: named, no replacement, an error when PyPI has no such project.
    const [std] = run('requirements', 'hashlib==1.0\n', bundled());
    assert.match(std.message, /^`hashlib` is a module of Python's standard library .* no established PyPI project has that name/);
    assert.equal(std.severity, undefined);
    assert.equal(std.fixes, undefined);
    // A wrapper of a well-known project: a warning that says why, replaced by the package most used.
    const [wrap] = run('package.json', '{"dependencies": {"node-opencv": "1.0.0"}}', bundled());
    assert.equal(wrap.severity, 'warning');
    assert.equal(wrap.fixes?.[0].title, 'Replace with opencv.js');
    const cs = run('msbuild', '<Project><ItemGroup><PackageReference Include="Newtonsoft.Jsoon" Version="13.0.1" /></ItemGroup></Project>', bundled());
    assert.equal(cs[0].fixes?.[0].title, 'Replace with Newtonsoft.Json');
  });
});
