/**
 * The memory of described specs belongs to the SpecServices object that owns it (one per process,
 * built by analysis/services.ts), not to a module: two services share nothing, and the semantics
 * without services remember nothing, while all of them describe alike.
 */
import { strict as assert } from 'node:assert';
import type { Dependency } from '../../../server/src/model/model';
import { parsePackageJson } from '../../../server/src/manifests/packageJson';
import { parseRequirements } from '../../../server/src/manifests/requirements';
import { createSpecServices, specsFor } from '../../../server/src/specs';

// Forms outside the common ones, which take the general (remembered) path.
const npmDep = (spec: string): Dependency => parsePackageJson(`{"dependencies": {"pkg": ${JSON.stringify(spec)}}}`).dependencies[0];
const pypiDep = (line: string): Dependency => parseRequirements(line).dependencies[0];
const CASES: Array<[string, Dependency]> = [
  ['npm', npmDep('1.x || >=2.5.0 <3')],
  ['pypi', pypiDep('pkg>=1.4.0rc1,!=1.5.*')],
];

describe('spec services: who owns the memory of described specs', () => {
  for (const [ecosystem, dep] of CASES) {
    it(`${ecosystem}: one services object remembers a description; another has its own memory`, () => {
      const a = createSpecServices();
      const b = createSpecServices();
      const first = specsFor(dep.ecosystem, a).describe(dep);
      assert.equal(specsFor(dep.ecosystem, a).describe(dep), first, 'the same services hand back what they remembered');
      const other = specsFor(dep.ecosystem, b).describe(dep);
      assert.notEqual(other, first, 'a second services object must not see the first one\'s memory');
      assert.deepEqual(other, first);
    });

    it(`${ecosystem}: without services nothing is remembered, and the meaning is the same`, () => {
      const once = specsFor(dep.ecosystem).describe(dep);
      assert.notEqual(specsFor(dep.ecosystem).describe(dep), once, 'no module-level memory');
      assert.deepEqual(once, specsFor(dep.ecosystem, createSpecServices()).describe(dep));
      assert.equal(once.valid, true);
      assert.equal(once.exact, false);
    });
  }
});
