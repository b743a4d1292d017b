import { strict as assert } from 'node:assert';
import * as semver from 'semver';
import type { Dependency } from '../../../server/src/model/model';
import { parsePackageJson } from '../../../server/src/manifests/packageJson';
import { npmSpecs } from '../../../server/src/specs/npm';

function dep(spec: string): { dep: Dependency; text: string } {
  const text = `{"dependencies": {"pkg": ${JSON.stringify(spec)}}}`;
  return { dep: parsePackageJson(text).dependencies[0], text };
}

describe('npm specs', () => {
  it('treats only single versions as exact', () => {
    for (const s of ['1.2.3', '=1.2.3', 'v1.2.3', '1.2.3-beta.1', 'npm:other@2.0.0']) assert.equal(npmSpecs.describe(dep(s).dep).exact, true, s);
    for (const s of ['^1.2.3', '~1.2.3', '>=2', '*', '', 'latest', 'next', '1.x', '1', '1.2', '>=1.0.0 <1.0.1', '1.2.3 || 1.2.4', 'npm:other@^2'])
      assert.equal(npmSpecs.describe(dep(s).dep).exact, false, s);
  });

  it('explains what a range admits', () => {
    assert.equal(npmSpecs.describe(dep('^1.2.3').dep).meaning, '>=1.2.3 <2.0.0');
    assert.equal(npmSpecs.describe(dep('~1.2').dep).meaning, '>=1.2.0 <1.3.0');
    assert.equal(npmSpecs.describe(dep('*').dep).meaning, 'any version');
    assert.match(npmSpecs.describe(dep('latest').dep).meaning, /`latest` dist-tag/);
    assert.equal(npmSpecs.describe(dep('not a range!').dep).valid, false);
  });

  it('pins by replacing only the version part of the spec', () => {
    const { dep: d, text } = dep('^1.2.3');
    const edit = npmSpecs.pinEdit(d, '1.4.0')!;
    assert.equal(text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end), '{"dependencies": {"pkg": "1.4.0"}}');
    const alias = dep('npm:real@^2');
    const e2 = npmSpecs.pinEdit(alias.dep, '2.1.0')!;
    assert.equal(alias.text.slice(0, e2.span.start) + e2.newText + alias.text.slice(e2.span.end), '{"dependencies": {"pkg": "npm:real@2.1.0"}}');
    assert.equal(npmSpecs.pinEdit(dep('github:a/b').dep, '1.0.0'), undefined);
  });

  it('checks satisfaction and sorts versions by semver precedence', () => {
    assert.equal(npmSpecs.satisfies(dep('^1.2.3').dep, '1.9.0'), true);
    assert.equal(npmSpecs.satisfies(dep('^1.2.3').dep, '2.0.0'), false);
    assert.equal(npmSpecs.satisfies(dep('^1.2.3').dep, '1.3.0-beta.1'), false);
    assert.deepEqual(npmSpecs.sortVersions(['1.10.0', 'bogus', '1.2.0', '1.2.0-rc.1']), ['1.2.0-rc.1', '1.2.0', '1.10.0']);
    assert.equal(npmSpecs.isPrerelease('1.0.0-alpha'), true);
  });
});

describe('npm specs: the fast path for common forms agrees with node-semver', () => {
  it('gives the same meaning as the general path for ^, ~ and exact versions', () => {
    const readable = (r: string) => r.replace(/-0\b/g, '');
    for (const v of ['0.0.0', '0.0.3', '0.2.3', '1.2.3', '10.20.30', '0.10.0']) {
      assert.equal(npmSpecs.describe(dep(`^${v}`).dep).meaning, readable(semver.validRange(`^${v}`)!), `^${v}`);
      assert.equal(npmSpecs.describe(dep(`~${v}`).dep).meaning, readable(semver.validRange(`~${v}`)!), `~${v}`);
      assert.equal(npmSpecs.describe(dep(v).dep).exactVersion, v);
      assert.equal(npmSpecs.describe(dep(`=${v}`).dep).exactVersion, v);
      for (const op of ['>=', '>', '<=', '<']) {
        const general = semver.validRange(`${op}${v}`)!;
        assert.equal(npmSpecs.describe(dep(`${op}${v}`).dep).meaning, general === '*' ? 'any version' : readable(general), `${op}${v}`);
        assert.equal(npmSpecs.describe(dep(`${op}${v}`).dep).exact, false);
      }
    }
  });
});
