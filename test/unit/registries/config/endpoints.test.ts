/** Where each manifest's dependencies are looked up: settings, .npmrc, NuGet.config, --index-url. */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { ManifestKind } from '../../../../server/src/model/model';
import { parseSettings } from '../../../../server/src/model/settings';
import { parseManifest } from '../../../../server/src/manifests';
import { endpointsFor } from '../../../../server/src/registries/config/endpoints';

const HOME = '/home/dev';
const PROJECT = '/work/app';

function endpoints(kind: ManifestKind, text: string, files: Record<string, string>, settings: Record<string, unknown> = {}, readWorkspaceConfig = true) {
  return endpointsFor({ settings: parseSettings(settings), manifest: parseManifest(kind, text), manifestPath: join(PROJECT, kind === 'msbuild' ? 'App.csproj' : 'package.json'), readWorkspaceConfig, readText: (p) => files[p], env: {}, home: HOME });
}

describe('registry endpoints per manifest', () => {
  it('npm: the project .npmrc over the user\'s, scopes from either, the public registry otherwise', () => {
    const files = { [join(PROJECT, '.npmrc')]: 'registry=https://npm.project.example/\n', [join(HOME, '.npmrc')]: 'registry=https://npm.user.example/\n@corp:registry=https://npm.corp.example/\n' };
    const e = endpoints('package.json', '{}', files);
    assert.equal(e.npmRegistryFor('lodash'), 'https://npm.project.example/');
    assert.equal(e.npmRegistryFor('@corp/ui'), 'https://npm.corp.example/');
    assert.equal(endpoints('package.json', '{}', {}).npmRegistryFor('lodash'), 'https://registry.npmjs.org/');
  });

  it('npm: the setting replaces registry= but scoped registries keep their scope', () => {
    const files = { [join(PROJECT, '.npmrc')]: 'registry=https://npm.project.example/\n@corp:registry=https://npm.corp.example/\n' };
    const e = endpoints('package.json', '{}', files, { registries: { npm: 'https://mirror.example/npm' } });
    assert.equal(e.npmRegistryFor('lodash'), 'https://mirror.example/npm/');
    assert.equal(e.npmRegistryFor('@corp/ui'), 'https://npm.corp.example/');
  });

  it('an untrusted workspace\'s .npmrc and NuGet.config are not read (the user\'s still are)', () => {
    const files = { [join(PROJECT, '.npmrc')]: 'registry=https://evil.example/\n//evil.example/:_authToken=x\n', [join(PROJECT, 'NuGet.Config')]: '<configuration><packageSources><clear/><add key="evil" value="https://evil.example/index.json"/></packageSources></configuration>' };
    assert.equal(endpoints('package.json', '{}', files, {}, false).npmRegistryFor('lodash'), 'https://registry.npmjs.org/');
    assert.deepEqual(endpoints('msbuild', '<Project/>', files, {}, false).nuget, ['https://api.nuget.org/v3/index.json']);
    assert.deepEqual(endpoints('msbuild', '<Project/>', files, {}, true).nuget, ['https://evil.example/index.json']);
  });

  it('NuGet: nearer configs clear, add and remove sources; V2 feeds and local folders are skipped', () => {
    const files = {
      [join(HOME, '.nuget', 'NuGet', 'NuGet.Config')]: '<configuration><packageSources><add key="nuget.org" value="https://api.nuget.org/v3/index.json"/><add key="old" value="https://old.example/v3/index.json"/></packageSources></configuration>',
      [join('/work', 'nuget.config')]: '<configuration><packageSources><remove key="old"/><add key="corp" value="https://nuget.corp.example/v3/index.json"/><add key="v2" value="https://v2.example/api/v2"/><add key="local" value="C:\\packages"/></packageSources></configuration>',
    };
    assert.deepEqual(endpoints('msbuild', '<Project/>', files).nuget, ['https://api.nuget.org/v3/index.json', 'https://nuget.corp.example/v3/index.json']);
  });

  it('PyPI: a file\'s --index-url names a simple index (credentials split off); pypi.org\'s own stays on the JSON API', () => {
    const simple = endpoints('requirements', '--index-url https://bob:s3cret@pypi.corp.example/simple\nflask\n', {});
    assert.deepEqual(simple.pypi, { kind: 'simple', base: 'https://pypi.corp.example/simple/' });
    assert.ok(simple.credentials.authorizationFor(new URL('https://pypi.corp.example/simple/flask/'))?.startsWith('Basic '));
    assert.deepEqual(endpoints('requirements', '-i https://pypi.org/simple\nflask\n', {}).pypi, { kind: 'json', base: 'https://pypi.org/pypi/' });
    assert.deepEqual(endpoints('requirements', 'flask\n', {}, { registries: { pypi: 'https://pypi.mirror.example/pypi' } }).pypi, { kind: 'json', base: 'https://pypi.mirror.example/pypi/' });
  });

  it('PyPI: every --extra-index-url is an index of its own, with its credentials for its host only', () => {
    const text = '--index-url https://pypi.org/simple\n--extra-index-url https://ci:t0ken@pkgs.corp.example/simple\n--extra-index-url https://pkgs.corp.example/simple/\n--extra-index-url ./wheels\nflask\n';
    const e = endpoints('requirements', text, {});
    assert.deepEqual(e.pypi, { kind: 'json', base: 'https://pypi.org/pypi/' });
    assert.deepEqual(e.pypiExtra, [{ kind: 'simple', base: 'https://pkgs.corp.example/simple/' }]);
    assert.ok(e.credentials.authorizationFor(new URL('https://pkgs.corp.example/simple/flask/'))?.startsWith('Basic '));
    assert.equal(e.credentials.authorizationFor(new URL('https://pypi.org/pypi/flask/json')), undefined);
    // The main index given as an extra one is not asked twice; other manifests have none.
    const swapped = endpoints('requirements', '--index-url https://pkgs.corp.example/simple\n--extra-index-url https://pypi.org/simple\nflask\n', {});
    assert.deepEqual(swapped.pypiExtra, [{ kind: 'json', base: 'https://pypi.org/pypi/' }]);
    assert.deepEqual(endpoints('requirements', '--extra-index-url https://pkgs.corp.example/simple\n--index-url https://pkgs.corp.example/simple\nflask\n', {}).pypiExtra, []);
    assert.deepEqual(endpoints('package.json', '{}', {}).pypiExtra, []);
  });
});
