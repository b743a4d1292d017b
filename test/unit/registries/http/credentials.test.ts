/** Which requests carry which credentials (.npmrc nerf darts, index URLs with user info). */
import { strict as assert } from 'node:assert';
import { CredentialStore, splitUserInfo } from '../../../../server/src/registries/http/credentials';
import { parseNpmrc } from '../../../../server/src/registries/config/npmrc';

describe('registry credentials', () => {
  it('reads .npmrc registries, scopes and per-host auth, expanding ${VAR}', () => {
    const rc = parseNpmrc(
      ['registry=https://npm.corp.example/', '@acme:registry=https://npm.acme.dev/team', '//npm.acme.dev/team/:_authToken=${ACME_TOKEN}', '//npm.corp.example/:username=bob', '//npm.corp.example/:_password=' + Buffer.from('pw').toString('base64'), '__proto__=x'].join('\n'),
      { ACME_TOKEN: 'tok-1' },
    );
    assert.equal(rc.registry, 'https://npm.corp.example/');
    assert.equal(rc.scopes.get('@acme'), 'https://npm.acme.dev/team/');
    assert.deepEqual(rc.credentials.map((c) => [c.host, c.pathPrefix, c.authorization]), [
      ['npm.acme.dev', '/team/', 'Bearer tok-1'],
      ['npm.corp.example', '/', `Basic ${Buffer.from('bob:pw').toString('base64')}`],
    ]);
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  it('sends a credential only to its host and path, never over plain http to a remote host', () => {
    const store = new CredentialStore();
    store.add({ host: 'npm.acme.dev', pathPrefix: '/team/', authorization: 'Bearer t' });
    store.add({ host: 'insecure.example', pathPrefix: '/', authorization: 'Bearer u' });
    store.add({ host: '127.0.0.1:4873', pathPrefix: '/', authorization: 'Bearer local' });
    assert.equal(store.authorizationFor(new URL('https://npm.acme.dev/team/@acme%2fx')), 'Bearer t');
    assert.equal(store.authorizationFor(new URL('https://npm.acme.dev/other/x')), undefined);
    assert.equal(store.authorizationFor(new URL('https://npm.acme.dev.evil.example/team/x')), undefined);
    assert.equal(store.authorizationFor(new URL('http://insecure.example/x')), undefined);
    assert.equal(store.authorizationFor(new URL('http://127.0.0.1:4873/x')), 'Bearer local');
    assert.equal(store.authorizationFor(new URL('http://127.0.0.1:9999/x')), undefined);
  });

  it('turns user info in an index URL into a Basic credential for that host only', () => {
    const { url, credential } = splitUserInfo('https://user:p%40ss@pypi.corp.example/simple');
    assert.equal(url, 'https://pypi.corp.example/simple');
    assert.equal(credential?.host, 'pypi.corp.example');
    assert.equal(credential?.authorization, `Basic ${Buffer.from('user:p@ss').toString('base64')}`);
  });
});
