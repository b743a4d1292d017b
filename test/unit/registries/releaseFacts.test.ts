/**
 * The per-version facts releases are compared by, read from the services' documents: npm
 * dependencies and sizes, PyPI `requires_dist` outside extras, NuGet dependency groups — and
 * "unknown" wherever the document does not say.
 */
import { strict as assert } from 'node:assert';
import { parsePackument } from '../../../server/src/registries/npm/packument';
import { addReleaseFacts } from '../../../server/src/registries/npm/releaseHistory';
import { parseRegistrationIndex } from '../../../server/src/registries/nuget/registration';
import { parsePypiJson } from '../../../server/src/registries/pypi/pypiJson';
import { requiredNames } from '../../../server/src/registries/pypi/requiresDist';
import { fixtureJson } from '../../helpers/fixtureServer';

describe('release facts', () => {
  it('npm: dependencies and optionalDependencies by name, dist sizes; none declared is [], a mangled list unknown', () => {
    const info = parsePackument(fixtureJson('npm/event-stream.json'), 'event-stream', 'npm');
    const v336 = info?.versions.find((v) => v.version === '3.3.6');
    assert.deepEqual(v336?.dependencies?.slice().sort(), ['duplexer', 'flatmap-stream', 'from', 'map-stream', 'pause-stream', 'split', 'stream-combiner', 'through']);
    assert.equal(v336?.unpackedSize, 25841);
    assert.equal(v336?.fileCount, 12);
    assert.equal(info?.versions.find((v) => v.version === '3.3.4')?.unpackedSize, undefined, 'older than dist.unpackedSize: unknown');
    const facts = (doc: Record<string, unknown>) => addReleaseFacts({ version: '1.0.0' }, doc);
    assert.deepEqual(facts({ name: 'x', optionalDependencies: { fsevents: '^2', a: '1' }, dependencies: { a: '1' } }).dependencies, ['a', 'fsevents']);
    assert.deepEqual(facts({ name: 'x' }).dependencies, []);
    assert.equal(facts({ dependencies: ['a'] }).dependencies, undefined);
    assert.deepEqual(facts({ dependencies: JSON.parse('{"__proto__": "1", "b": "2"}') }).dependencies, ['__proto__', 'b'], 'a key named __proto__ is just a name');
    const sizes = facts({ dist: { unpackedSize: '12', fileCount: -1 } });
    assert.deepEqual([sizes.unpackedSize, sizes.fileCount], [undefined, undefined]);
  });

  it('PyPI: requires_dist names in normal form, extras left out, null or absent unknown; the latest release only', () => {
    assert.deepEqual(requiredNames(['Requests (>=2.0)', 'PySocks!=1.5.7,>=1.5.6; extra == "socks"', 'chardet<6,>=3.0.2; python_version < "3"', 'zope.interface']), ['chardet', 'requests', 'zope-interface']);
    assert.equal(requiredNames(null), undefined);
    assert.equal(requiredNames(undefined), undefined);
    const info = parsePypiJson(fixtureJson('pypi/wheels-dropped.json'), 'wheels-dropped', 'PyPI');
    assert.deepEqual(info?.versions.find((v) => v.version === '2.1.1')?.dependencies, ['pycryptodomex', 'requests']);
    assert.equal(info?.versions.find((v) => v.version === '2.1.0')?.dependencies, undefined, 'the project document describes its latest release only');
    const release = parsePypiJson(fixtureJson('pypi/wheels-dropped@2.1.0.json'), 'wheels-dropped', 'PyPI');
    assert.deepEqual(release?.versions.map((v) => [v.version, v.dependencies]), [['2.1.0', ['requests']]]);
  });

  it('NuGet: every dependency group\'s package IDs; no groups is none', () => {
    const pages = parseRegistrationIndex(fixtureJson('nuget/registration/acme.buildtools.json'));
    const leaves = pages?.flatMap((p) => p.leaves) ?? [];
    assert.deepEqual(leaves.map((l) => [l.info.version, l.info.dependencies]), [['1.0.0', []], ['1.2.0', ['Acme.Telemetry']]]);
  });
});
