/**
 * PEP 440 matching against pip's own library: test/fixtures/specs/pep440-packaging.json holds
 * 3,000 random specifier sets and versions with what `packaging` answers (recorded by
 * scripts/pep440-reference.py, pre-releases admitted only when the set names one, as pip
 * resolves). Manifest Guard must agree on every one: it decides what a spec resolves to and
 * whether a lockfile's version still satisfies the manifest.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dependency } from '../../../server/src/model/model';
import { pypiSpecs } from '../../../server/src/specs/pypi';
import { REPO_ROOT } from '../../helpers/lspClient';

const recorded = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'specs', 'pep440-packaging.json'), 'utf8')) as { packaging: string; cases: Array<[string, string, boolean]> };

function withSpec(spec: string): Dependency {
  return { ecosystem: 'pypi', name: 'pkg', nameSpan: { start: 0, end: 3 }, section: 'requirement', source: 'registry', spec };
}

describe(`PEP 440 matching agrees with packaging ${recorded.packaging}`, () => {
  it(`on ${recorded.cases.length} recorded specifier sets and versions`, () => {
    const disagreements = recorded.cases.filter(([spec, version, admitted]) => pypiSpecs.satisfies(withSpec(spec), version) !== admitted);
    assert.deepEqual(disagreements.slice(0, 10), [], `${disagreements.length} disagreements with packaging`);
  });

  it('including the post-release, local-version and pre-release edges of < and >', () => {
    const cases: Array<[string, string, boolean]> = [
      ['>2.0.dev0', '2.0.0.post1', true], // a post-release of 2.0, not of 2.0.dev0
      ['>1.0', '1.0.post1', false],
      ['>1.0a1', '1.0a1.post1', false],
      ['>1.0a1.dev0', '1.0a1.post1', true],
      ['>1.0.1.dev1', '1.0.1+local.0', true], // not a local version of 1.0.1.dev1
      ['>1.0', '1.0+local', false],
      ['<1.0.post1, >=0.1rc1', '1.0rc1', true],
      ['<2.0, >=1.0rc1', '2.0rc1', false],
    ];
    for (const [spec, version, admitted] of cases) assert.equal(pypiSpecs.satisfies(withSpec(spec), version), admitted, `${spec} ∋ ${version}`);
  });
});
