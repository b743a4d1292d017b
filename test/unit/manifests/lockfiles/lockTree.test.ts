import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { readLockTree, type ReadFile } from '../../../../server/src/manifests/lockfiles/lockTree';
import { LockGraphCache } from '../../../../server/src/tree/cache';
import { fixturePath, fixtureText, readFixtureFile } from '../../../helpers/lockFixtures';

/** A file system of a few files, counting reads. */
function memoryFiles(files: Record<string, string>): ReadFile & { reads: string[] } {
  const reads: string[] = [];
  const read = ((path: string) => {
    reads.push(path);
    return files[path];
  }) as ReadFile & { reads: string[] };
  read.reads = reads;
  return read;
}

const ROOT = join('/', 'repo');
const NPM_LOCK = fixtureText('npm-workspaces/package-lock.json');

describe('finding the lockfile of a manifest', () => {
  it('takes the lockfile beside package.json, npm-shrinkwrap.json first', () => {
    const read = memoryFiles({ [join(ROOT, 'npm-shrinkwrap.json')]: fixtureText('npm-v2/package-lock.json'), [join(ROOT, 'package-lock.json')]: fixtureText('npm-v3/package-lock.json') });
    const tree = readLockTree(join(ROOT, 'package.json'), 'package.json', read);
    assert.equal(tree?.graph.source, 'npm-shrinkwrap.json');
    assert.equal(tree?.importer, '');
  });

  it('finds yarn.lock and pnpm-lock.yaml beside package.json', () => {
    assert.equal(readLockTree(fixturePath('yarn-berry/package.json'), 'package.json', readFixtureFile)?.graph.source, 'yarn.lock');
    assert.equal(readLockTree(fixturePath('pnpm-v6/package.json'), 'package.json', readFixtureFile)?.graph.format, 'pnpm lockfile 6.0');
  });

  it('walks up to the workspace root whose lockfile installs this folder (npm, pnpm)', () => {
    const npm = readLockTree(fixturePath('npm-workspaces/packages/util/package.json'), 'package.json', readFixtureFile);
    assert.equal(npm?.importer, 'packages/util');
    const pnpm = readLockTree(fixturePath('pnpm-workspaces/packages/util/package.json'), 'package.json', readFixtureFile);
    assert.equal(pnpm?.importer, 'packages/util');
  });

  it('stops at the nearest folder with a lockfile: a project nested in another is not its workspace', () => {
    const read = memoryFiles({ [join(ROOT, 'package-lock.json')]: NPM_LOCK });
    assert.equal(readLockTree(join(ROOT, 'examples', 'demo', 'package.json'), 'package.json', read), undefined);
    const yarnV1 = memoryFiles({ [join(ROOT, 'yarn.lock')]: fixtureText('yarn-v1/yarn.lock') });
    assert.equal(readLockTree(join(ROOT, 'packages', 'util', 'package.json'), 'package.json', yarnV1), undefined, 'yarn v1 does not say which folders it installs');
  });

  it('takes packages.lock.json, else obj/project.assets.json, beside a project file', () => {
    assert.equal(readLockTree(fixturePath('nuget-lock/App.csproj'), 'msbuild', readFixtureFile)?.graph.source, 'packages.lock.json');
    assert.equal(readLockTree(fixturePath('nuget-assets/App.csproj'), 'msbuild', readFixtureFile)?.graph.source, 'obj/project.assets.json');
  });

  it('reads requirements trees: X.txt beside X.in, pylock.toml, or the compiled file itself', () => {
    assert.equal(readLockTree(fixturePath('pip-compile/requirements.in'), 'requirements', readFixtureFile)?.graph.source, 'requirements.txt');
    assert.equal(readLockTree(fixturePath('pylock/requirements.txt'), 'requirements', readFixtureFile)?.graph.source, 'pylock.toml');
    const compiled = fixturePath('pip-compile/requirements.txt');
    const itself = readLockTree(compiled, 'requirements', readFixtureFile, { manifestText: fixtureText('pip-compile/requirements.txt') });
    assert.equal(itself?.graph.isManifestItself, true);
    assert.equal(readLockTree(compiled, 'requirements', readFixtureFile, { manifestText: 'requests==2.32.3\n' }), undefined, 'a hand-written file has no tree');
  });

  it('parses a lockfile once while its text is unchanged, and again when it changes', () => {
    const cache = new LockGraphCache();
    const files: Record<string, string> = { [join(ROOT, 'package-lock.json')]: fixtureText('npm-v3/package-lock.json') };
    const read = memoryFiles(files);
    const first = readLockTree(join(ROOT, 'package.json'), 'package.json', read, { cache });
    for (let edit = 0; edit < 5; edit++) assert.equal(readLockTree(join(ROOT, 'package.json'), 'package.json', read, { cache })?.graph, first?.graph);
    assert.equal(cache.parses, 1);
    files[join(ROOT, 'package-lock.json')] = fixtureText('npm-v2/package-lock.json');
    assert.notEqual(readLockTree(join(ROOT, 'package.json'), 'package.json', read, { cache })?.graph, first?.graph);
    assert.equal(cache.parses, 2);
  });
});
