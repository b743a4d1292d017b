/**
 * Which release a version is compared with, and which differences count: hand-made registry facts,
 * so each edge (pre-releases, yanked releases, majors, unknown fields, shuffled mirror times) is
 * checked on its own.
 */
import { strict as assert } from 'node:assert';
import { isMajorStep, previousRelease } from '../../../server/src/registries/facts/previousRelease';
import type { PackageInfo, RegistryView, VersionInfo } from '../../../server/src/registries/types';
import { releaseChanges } from '../../../server/src/rules/releaseChanges';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 1);

function pkg(ecosystem: PackageInfo['ecosystem'], versions: VersionInfo[]): PackageInfo {
  return { ecosystem, name: 'p', source: 'test', versions };
}

function view(others: Record<string, PackageInfo> = {}): RegistryView {
  return { now: NOW, factsFor: () => undefined, packageNamed: (_e, name) => others[name] };
}

describe('release changes', () => {
  it('compares with the previous stable release, skipping pre-releases, yanked and unlisted ones', () => {
    const p = pkg('pypi', [{ version: '1.0.0' }, { version: '1.1.0', yanked: {} }, { version: '1.2.0rc1' }, { version: '1.2.0' }, { version: '2.0.0b1' }]);
    assert.equal(previousRelease(p, p.versions[3])?.version, '1.0.0');
    assert.equal(previousRelease(p, p.versions[4])?.version, '1.2.0', 'a pre-release is compared with whatever came before it');
    assert.equal(previousRelease(p, p.versions[0]), undefined, 'a first release has nothing to differ from');
  });

  it('treats a change of major (or of minor below 1.0) as free to change dependencies', () => {
    assert.equal(isMajorStep('1.4.2', '2.0.0'), true);
    assert.equal(isMajorStep('0.7.28', '0.8.0'), true);
    assert.equal(isMajorStep('0.7.28', '0.7.29'), false);
    assert.equal(isMajorStep('3.3.5', '3.3.6'), false);
  });

  it('says nothing when either side of a comparison is unknown', () => {
    const p = pkg('npm', [{ version: '1.0.0' }, { version: '1.0.1', installScripts: [{ name: 'postinstall', command: 'node x' }], dependencies: ['a'], unpackedSize: 9_000_000 }]);
    assert.deepEqual(releaseChanges(view(), p, p.versions[1])?.signals, []);
  });

  it('reads a new dependency first published after the release that adds it (shuffled mirror times) as not fresh', () => {
    const p = pkg('npm', [{ version: '1.0.0', dependencies: [], published: NOW - 10 * DAY }, { version: '1.0.1', dependencies: ['late'], published: NOW - 5 * DAY }]);
    const late = pkg('npm', [{ version: '1.0.0', published: NOW - DAY }, { version: '1.1.0', published: NOW }]);
    const [signal] = releaseChanges(view({ late }), p, p.versions[1])?.signals ?? [];
    assert.equal(signal.kind, 'new-dependency');
    assert.equal(signal.strong, false);
    const fresh = pkg('npm', [{ version: '0.1.0', published: NOW - 7 * DAY }]);
    const [strong] = releaseChanges(view({ late: fresh }), p, p.versions[1])?.signals ?? [];
    assert.match(strong.text, /late \(itself first published 2 days earlier, with a single version\)/);
    assert.equal(strong.strong, true);
  });

  it('a revival needs a year in which no release at all came out, whatever the version order', () => {
    const backport = pkg('npm', [{ version: '1.0.0', published: NOW - 900 * DAY }, { version: '2.0.0', published: NOW - 100 * DAY }, { version: '1.0.1', published: NOW - 50 * DAY }]);
    assert.deepEqual(releaseChanges(view(), backport, backport.versions[2])?.signals, []);
    const revived = pkg('npm', [{ version: '1.0.0', published: NOW - 900 * DAY }, { version: '1.0.1', published: NOW - 50 * DAY }]);
    assert.match(releaseChanges(view(), revived, revived.versions[1])?.signals[0].text ?? '', /^is the first release in 2 years \(the one before, 1\.0\.0, was published 2023-07-16\)$/);
  });
});
