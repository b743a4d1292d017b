import { strict as assert } from 'node:assert';
import type { Finding } from '../../../../server/src/model/model';
import { readPdmLockTree } from '../../../../server/src/manifests/lockfiles/pdmLockTree';
import { readPipfileLockTree } from '../../../../server/src/manifests/lockfiles/pipfileLockTree';
import { readPoetryLockTree } from '../../../../server/src/manifests/lockfiles/poetryLockTree';
import { readUvLockTree } from '../../../../server/src/manifests/lockfiles/uvLockTree';
import { lockedVersionsFromTree } from '../../../../server/src/tree/lockedVersions';
import type { LockedPackage, LockGraph } from '../../../../server/src/tree/model';
import { slice } from '../../../helpers/text';
import { analyze } from '../../../../server/src/analysis/analyze';
import { parseSettings } from '../../../../server/src/model/settings';
import { treeVersionsFor } from '../../../../server/src/tree/lockedVersions';
import { analyseFixture, childNames, fixtureText, kindOf, treeOf } from '../../../helpers/lockFixtures';

/** A fixture manifest analysed as the server does: its tree, and the locked versions from it. */
function analyseWithPins(manifest: string): { findings: Finding[]; text: string } {
  const tree = treeOf(manifest);
  const text = fixtureText(manifest);
  const kind = kindOf(manifest);
  return { text, ...analyze({ kind, text, settings: parseSettings({}), tree, locked: treeVersionsFor(kind, tree) }) };
}

function pkg(graph: LockGraph, name: string): LockedPackage {
  const found = [...graph.packages.values()].find((p) => p.name === name);
  assert.ok(found, `${name} not in the graph`);
  return found;
}

/** `rule @ text under the squiggle: via chain` for the lockfile findings. */
function lockFindings(findings: Finding[], text: string): string[] {
  return findings.filter((f) => f.via).map((f) => `${f.rule} @ ${slice(text, f.span)}: ${f.via?.join(' > ')}`).sort();
}

describe('uv.lock tree', () => {
  const graph = readUvLockTree(fixtureText('uv/uv.lock'), 'uv.lock');

  it('reads packages, edges and sources; the project is the importer of its dependencies and groups', () => {
    assert.equal(graph.format, 'uv.lock v1');
    assert.deepEqual(childNames(graph, pkg(graph, 'flask')), ['blinker', 'werkzeug']);
    assert.deepEqual([...(graph.importers.get('')?.dependencies.keys() ?? [])].sort(), ['flask', 'httpx', 'mylib', 'pytest']);
    assert.equal(pkg(graph, 'mylib').source, 'git');
    assert.equal(pkg(graph, 'demo').source, 'workspace');
    assert.match(pkg(graph, 'flask').integrity ?? '', /^sha256:a{64}$/);
    assert.equal(pkg(graph, 'werkzeug').integrity, undefined, 'artifacts without hashes');
    assert.equal(pkg(graph, 'sniffio').installScript, true, 'sdist only: built on install');
    assert.equal(pkg(graph, 'flask').installScript, false);
    assert.equal(pkg(graph, 'sniffio').resolved, 'http://mirror.example.test/simple');
  });

  it('gives the locked versions for hovers and pins', () => {
    const locked = lockedVersionsFromTree(treeOf('uv/pyproject.toml'));
    assert.equal(locked?.source, 'uv.lock');
    assert.equal(locked?.versionOf({ ecosystem: 'pypi', name: 'Flask', nameSpan: { start: 0, end: 0 }, section: 'project.dependencies', source: 'registry' }), '3.0.3');
  });

  it('reports locked problems on the direct dependency that brings them in, with the via chain', () => {
    const { findings, text } = analyseFixture('uv/pyproject.toml');
    const lines = lockFindings(findings, text);
    assert.ok(lines.includes('insecure-source @ httpx: httpx > sniffio'), lines.join('\n'));
    assert.ok(lines.includes('missing-integrity @ flask>=3.0: flask > werkzeug') || lines.includes('missing-integrity @ flask: flask > werkzeug'), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('install-script @') && l.endsWith('httpx > sniffio')), lines.join('\n'));
  });

  it('finds the workspace uv.lock from a member and uses the member as importer', () => {
    const tree = treeOf('uv-workspace/packages/api/pyproject.toml');
    assert.equal(tree.importer, 'packages/api');
    assert.deepEqual([...(tree.graph.importers.get('packages/api')?.dependencies.keys() ?? [])], ['idna']);
  });

  it('marks broken TOML unreadable instead of throwing', () => {
    const broken = readUvLockTree('[[package]\nname = ', 'uv.lock');
    assert.equal(broken.packages.size, 0);
    assert.match(broken.problems[0], /uv\.lock could not be parsed/);
  });
});

describe('poetry.lock tree', () => {
  const graph = readPoetryLockTree(fixtureText('poetry/poetry.lock'), 'poetry.lock');

  it('reads packages, dependency edges, files and sources', () => {
    assert.equal(graph.format, 'poetry.lock 2.0');
    assert.deepEqual(childNames(graph, pkg(graph, 'requests')), ['certifi', 'idna']);
    assert.equal(pkg(graph, 'mylib').source, 'git');
    assert.equal(pkg(graph, 'mylib').resolved, 'https://github.com/org/mylib.git#0123456789abcdef0123456789abcdef01234567');
    assert.equal(pkg(graph, 'idna').resolved, 'http://pkgs.example.test/simple');
    assert.equal(pkg(graph, 'idna').installScript, true);
    assert.equal(pkg(graph, 'pytest').installScript, false);
  });

  it('reports through the Poetry manifest, with the pin fix writing a Poetry version', () => {
    const { findings, text } = analyseWithPins('poetry/pyproject.toml');
    const lines = lockFindings(findings, text);
    assert.ok(lines.includes('insecure-source @ requests: requests > idna'), lines.join('\n'));
    assert.ok(lines.includes('missing-integrity @ requests: requests > idna'), lines.join('\n'));
    const unpinned = findings.find((f) => f.rule === 'unpinned-version' && f.package === 'requests');
    assert.deepEqual(unpinned?.fixes?.[0].edits.map((e) => [slice(text, e.span), e.newText]), [['^2.31', '2.32.3']]);
    assert.match(unpinned?.fixes?.[0].title ?? '', /from poetry\.lock/);
  });
});

describe('pdm.lock tree', () => {
  it('reads PEP 508 dependency strings as edges', () => {
    const graph = readPdmLockTree(fixtureText('pdm/pdm.lock'), 'pdm.lock');
    assert.equal(graph.format, 'pdm.lock 4.5.0');
    assert.deepEqual(childNames(graph, pkg(graph, 'requests')), ['idna']);
    assert.equal(pkg(graph, 'requests').installScript, false);
  });

  it('pins a PEP 621 string from pdm.lock', () => {
    const { findings, text } = analyseWithPins('pdm/pyproject.toml');
    const unpinned = findings.find((f) => f.rule === 'unpinned-version');
    assert.deepEqual(unpinned?.fixes?.[0].edits.map((e) => [slice(text, e.span), e.newText]), [['>=2.31', '==2.32.3']]);
  });
});

describe('lockfile-mismatch on Python projects', () => {
  it('reports a dependency the lockfile lacks, and a locked version the spec rejects', () => {
    const tree = treeOf('pdm/pyproject.toml');
    const text = '[project]\nname = "demo"\ndependencies = ["requests>=3", "flask>=3"]\n';
    const { findings } = analyze({ kind: 'pyproject.toml', text, settings: parseSettings({}), tree });
    const mismatches = findings.filter((f) => f.rule === 'lockfile-mismatch');
    assert.deepEqual(mismatches.map((f) => slice(text, f.span)), ['>=3', 'flask']);
    assert.match(mismatches[0].message, /pdm\.lock locks `requests@2\.32\.3`/);
    assert.match(mismatches[1].message, /flask is not in pdm\.lock/);
  });
});

describe('Pipfile.lock tree', () => {
  const graph = readPipfileLockTree(fixtureText('pipenv/Pipfile.lock'), 'Pipfile.lock');

  it('reads default and develop packages, hashes and git sources', () => {
    assert.equal(graph.format, 'Pipfile.lock spec 6');
    assert.equal(pkg(graph, 'requests').version, '2.32.3');
    assert.equal(pkg(graph, 'pytest').dev, true);
    assert.equal(pkg(graph, 'mylib').source, 'git');
    assert.equal(pkg(graph, 'urllib3').integrity, undefined);
  });

  it('takes each package\'s index from _meta.sources, so an http:// index shows as the package\'s location', () => {
    const text = JSON.stringify({ _meta: { sources: [{ name: 'pypi', url: 'https://pypi.org/simple', verify_ssl: true }, { name: 'corp', url: 'http://corp.test/simple', verify_ssl: true }] }, default: { a: { version: '==1.0', index: 'corp', hashes: ['sha256:x'] }, b: { version: '==2.0', index: 'pypi' } } });
    const g = readPipfileLockTree(text, 'Pipfile.lock');
    assert.equal(pkg(g, 'a').resolved, 'http://corp.test/simple');
    assert.equal(pkg(g, 'b').resolved, 'https://pypi.org/simple');
    assert.equal(readPipfileLockTree('{"default": ', 'Pipfile.lock').problems[0], 'Pipfile.lock is not valid JSON');
  });

  it('pins a Pipfile "*" with a PEP 440 pin, and reports a locked download without its hash', () => {
    const { findings, text } = analyseWithPins('pipenv/Pipfile');
    const unpinned = findings.find((f) => f.rule === 'unpinned-version' && f.package === 'requests');
    assert.deepEqual(unpinned?.fixes?.[0].edits.map((e) => [slice(text, e.span), e.newText]), [['*', '==2.32.3']]);
    assert.ok(findings.some((f) => f.rule === 'missing-integrity' && f.package === 'urllib3'), findings.map((f) => `${f.rule}:${f.package}`).join(', '));
  });
});
