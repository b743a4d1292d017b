/** Untrusted names become exactly one URL path segment. */
import { strict as assert } from 'node:assert';
import { InvalidNameError, npmPackagePath, nugetPackagePath, pypiPackagePath } from '../../../../server/src/registries/config/packageUrls';

describe('package names in registry URLs', () => {
  it('encodes npm scopes as @scope%2fname and keeps the case', () => {
    assert.equal(npmPackagePath('@types/node'), '@types%2fnode');
    assert.equal(npmPackagePath('JSONStream'), 'JSONStream');
  });

  it('escapes /, ?, #, % and Unicode so nothing leaves the segment', () => {
    assert.equal(npmPackagePath('a?b#c'), 'a%3Fb%23c');
    assert.equal(npmPackagePath('../../-/user/x'), '..%2F..%2F-%2Fuser%2Fx');
    assert.equal(npmPackagePath('lödash'), 'l%C3%B6dash');
    assert.equal(pypiPackagePath('Friendly.Bard'), 'friendly-bard');
    assert.equal(nugetPackagePath('Newtonsoft.Json'), 'newtonsoft.json');
    const base = 'https://registry.example/npm/';
    assert.equal(new URL(base + npmPackagePath('../../-/user/x')).pathname, '/npm/..%2F..%2F-%2Fuser%2Fx');
  });

  it('refuses dot segments, which URL parsers resolve even percent-encoded', () => {
    for (const name of ['..', '.', '@scope/..', '@../x']) assert.throws(() => npmPackagePath(name), InvalidNameError, name);
    assert.throws(() => nugetPackagePath('..'), InvalidNameError);
  });
});
