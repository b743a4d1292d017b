/** Which version a spec installs today, per ecosystem, from a registry's version list. */
import { strict as assert } from 'node:assert';
import type { Dependency, Ecosystem } from '../../../../server/src/model/model';
import { resolveVersion } from '../../../../server/src/registries/facts/resolve';
import type { PackageInfo, VersionInfo } from '../../../../server/src/registries/types';

function pkg(ecosystem: Ecosystem, versions: Array<string | VersionInfo>, distTags?: Array<[string, string]>): PackageInfo {
  return { ecosystem, name: 'p', source: 'test', distTags, versions: versions.map((v) => (typeof v === 'string' ? { version: v } : v)) };
}

function dep(ecosystem: Ecosystem, spec: string | undefined, extra: Partial<Dependency> = {}): Dependency {
  return { ecosystem, name: 'p', nameSpan: { start: 0, end: 1 }, spec, specSpan: spec === undefined ? undefined : { start: 2, end: 2 + spec.length }, section: ecosystem === 'nuget' ? 'PackageReference' : 'dependencies', source: 'registry', ...extra };
}

const resolved = (d: Dependency, p: PackageInfo, locked?: string) => resolveVersion(d, p, locked).resolved?.version;

describe('resolving the version a spec installs', () => {
  it('npm: prefers the latest tag when it satisfies the range, as npm does; else the highest match', () => {
    const p = pkg('npm', ['1.0.0', '1.2.0', '1.3.0-beta.1', '1.5.0', '2.0.0'], [['latest', '1.2.0'], ['next', '1.3.0-beta.1']]);
    assert.equal(resolved(dep('npm', '^1.0.0'), p), '1.2.0');
    assert.equal(resolved(dep('npm', '^1.3.0'), p), '1.5.0');
    assert.equal(resolved(dep('npm', 'next'), p), '1.3.0-beta.1');
    assert.equal(resolved(dep('npm', '*'), p), '1.2.0');
    assert.equal(resolved(dep('npm', '1.4.0'), p), '1.4.0');
    assert.equal(resolveVersion(dep('npm', '1.4.0'), p).resolved?.info, undefined);
    assert.match(resolveVersion(dep('npm', '^3'), p).unresolved ?? '', /no published version matches `\^3`/);
  });

  it('npm: an alias resolves against the real package with the alias\'s range', () => {
    const p = pkg('npm', ['1.0.0', '2.1.0'], [['latest', '2.1.0']]);
    assert.equal(resolved(dep('npm', 'npm:p@^1.0.0', { source: 'alias', aliasOf: 'p' }), p), '1.0.0');
  });

  it('the lockfile version wins over the spec', () => {
    assert.equal(resolveVersion(dep('npm', '^1.0.0'), pkg('npm', ['1.0.0', '1.1.0']), '1.0.0').resolved?.via, 'lockfile');
  });

  it('PyPI: the highest match that is not yanked, pre-releases only when asked, == pins as written', () => {
    const p = pkg('pypi', ['2.0', { version: '2.1', yanked: {} }, '2.2rc1', '1.9']);
    assert.equal(resolved(dep('pypi', '>=1.9'), p), '2.0');
    assert.equal(resolved(dep('pypi', '>=2.2rc1'), p), '2.2rc1');
    assert.equal(resolved(dep('pypi', '==2.1'), p), '2.1');
    assert.equal(resolveVersion(dep('pypi', '==2.0.0'), p).resolved?.info?.version, '2.0');
    assert.equal(resolved(dep('pypi', undefined), p), '2.0');
  });

  it('NuGet: the lowest applicable version, unlisted ones included as restore does; the highest for floating specs', () => {
    const p = pkg('nuget', ['1.0.0', { version: '1.1.0', unlisted: true }, '1.2.0', '2.0.0-beta', '2.0.0']);
    // A bare minimum: restore's flat-container list includes unlisted 1.1.0, so that is what installs.
    assert.equal(resolved(dep('nuget', '1.1.0'), p), '1.1.0');
    assert.equal(resolveVersion(dep('nuget', '1.1.0'), p).resolved?.info?.unlisted, true);
    assert.equal(resolved(dep('nuget', '[1.0.5, 2.0.0)'), p), '1.1.0');
    assert.equal(resolved(dep('nuget', '[1.0.0, 2.0.0)'), p), '1.0.0');
    assert.equal(resolved(dep('nuget', '1.*'), p), '1.2.0');
    assert.equal(resolved(dep('nuget', '*-*'), p), '2.0.0');
    assert.equal(resolved(dep('nuget', '[1.1.0]'), p), '1.1.0');
    assert.match(resolveVersion(dep('nuget', undefined), p).unresolved ?? '', /set centrally/);
  });
});
