import { strict as assert } from 'node:assert';
import { parseManifest } from '../../../server/src/manifests';
import { readLockedVersions } from '../../../server/src/manifests/lockfiles';
import { lockedVersionsFromTree } from '../../../server/src/tree/lockedVersions';
import { fixturePath, fixtureText, kindOf, readFixtureFile, treeOf } from '../../helpers/lockFixtures';

describe('pin versions from the parsed tree', () => {
  it('answer what the classic package-lock and NuGet readers answer, so the pin fix is unchanged', () => {
    for (const manifest of ['npm-v1/package.json', 'npm-v2/package.json', 'npm-v3/package.json', 'nuget-lock/App.csproj', 'nuget-assets/App.csproj']) {
      const parsed = parseManifest(kindOf(manifest), fixtureText(manifest));
      const classic = readLockedVersions(fixturePath(manifest), kindOf(manifest), readFixtureFile, parsed);
      const fromTree = lockedVersionsFromTree(treeOf(manifest));
      assert.ok(classic && fromTree, manifest);
      for (const dep of parsed.dependencies) assert.equal(fromTree.versionOf(dep), classic.versionOf(dep), `${manifest}: ${dep.name}`);
    }
  });

  it('give pins for the formats the classic readers do not read (yarn, pnpm)', () => {
    for (const manifest of ['yarn-v1/package.json', 'yarn-berry/package.json', 'pnpm-v5/package.json', 'pnpm-v9/package.json']) {
      const parsed = parseManifest('package.json', fixtureText(manifest));
      const versions = lockedVersionsFromTree(treeOf(manifest));
      const wrap = parsed.dependencies.find((d) => d.name === 'wrap-ansi');
      assert.ok(wrap && versions);
      assert.equal(versions.versionOf(wrap), '7.0.0', manifest);
    }
  });
});
