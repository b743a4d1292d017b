/**
 * The registry rules as pure functions of facts: settings and allowlists apply to them like to
 * every rule, registry text is sanitised in messages, and missing facts produce no finding.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/analysis/analyze';
import { parseSettings } from '../../../server/src/model/settings';
import { hoverMarkdown } from '../../../server/src/lsp/hoverContent';
import type { DependencyFacts, PackageInfo, RegistryView, VersionInfo } from '../../../server/src/registries/types';

const NOW = Date.UTC(2026, 10, 24);
const DAY = 86_400_000;

function found(versions: VersionInfo[], extra: Partial<PackageInfo> = {}): DependencyFacts {
  const pkg: PackageInfo = { ecosystem: 'npm', name: 'x', source: 'npm', versions, distTags: [['latest', versions[versions.length - 1].version]], ...extra };
  const info = versions[versions.length - 1];
  return { state: 'found', package: pkg, resolved: { version: info.version, via: 'spec', info }, advisories: { state: 'known', value: [] } };
}

function view(facts: DependencyFacts): () => RegistryView {
  return () => ({ now: NOW, factsFor: (dep) => (dep.source === 'registry' ? facts : undefined) });
}

function run(facts: DependencyFacts, settings: Record<string, unknown> = {}, spec = '1.0.0') {
  return analyze({ kind: 'package.json', text: JSON.stringify({ dependencies: { x: spec } }), settings: parseSettings(settings), registry: view(facts) }).findings;
}

describe('registry rules', () => {
  it('report nothing when the registry said nothing (unknown is not clean, and not guilty either)', () => {
    assert.deepEqual(run(found([{ version: '0.9.0' }, { version: '1.0.0' }])), []);
    assert.deepEqual(run({ state: 'pending' }), []);
    assert.deepEqual(run({ state: 'unchecked', reason: 'timed out' }), []);
  });

  it('follow severity settings and the allowlist like every rule', () => {
    const facts = found([{ version: '1.0.0', deprecated: { message: 'old' } }]);
    assert.equal(run(facts)[0].severity, 'warning');
    assert.equal(run(facts, { severity: { deprecated: 'error' } })[0].severity, 'error');
    assert.deepEqual(run(facts, { severity: { deprecated: 'off' } }), []);
    assert.deepEqual(run(facts, { allowlist: ['deprecated:x'] }), []);
  });

  it('a configured severity wins over the advisory\'s own', () => {
    const facts = found([{ version: '1.0.0' }]);
    if (facts.state === 'found') facts.advisories = { state: 'known', value: [{ id: 'GHSA-1', aliases: [], severity: 'critical', fixed: [], malicious: false }] };
    assert.equal(run(facts)[0].severity, 'error');
    assert.equal(run(facts, { severity: { vulnerable: 'hint' } })[0].severity, 'hint');
  });

  it('new-release honours minimumReleaseAgeDays, and 0 turns it off', () => {
    const facts = found([{ version: '1.0.0', published: NOW - 3 * DAY }]);
    assert.match(run(facts)[0].message, /x 1\.0\.0 was published 3 days ago \(2026-11-21\), within manifestGuard\.minimumReleaseAgeDays \(7\)/);
    assert.deepEqual(run(facts, { minimumReleaseAgeDays: 2 }), []);
    assert.deepEqual(run(facts, { minimumReleaseAgeDays: 0 }), []);
  });

  it('strip control and bidi characters from registry text in messages', () => {
    const facts = found([{ version: '1.0.0', deprecated: { message: 'use \u202eevil\u202c instead\u0007\nnow' } }]);
    assert.equal(run(facts)[0].message, 'x 1.0.0 is deprecated: "use evil instead now".');
  });

  it('suspicious-release (publisher): a trusted publisher is not a new account; a human after trusted publishing is', () => {
    const toTrusted = found([{ version: '1.0.0', publisher: { name: 'alice' } }, { version: '1.1.0', publisher: { name: 'GitHub Actions', trustedPublisher: 'github' } }]);
    assert.deepEqual(run(toTrusted, {}, '1.1.0'), []);
    const fromTrusted = found([{ version: '1.0.0', publisher: { name: 'GitHub Actions', trustedPublisher: 'github' } }, { version: '1.1.0', publisher: { name: 'eve' } }]);
    const [f] = run(fromTrusted, {}, '1.1.0');
    assert.equal(f.rule, 'suspicious-release');
    assert.match(f.message, /published by "eve", who published none of the 1 earlier version \(trusted publishing \(github\)\); and was published by "eve" by hand, while 1\.0\.0 came through trusted publishing \(github\)/);
    assert.equal(f.severity, 'error', 'two signals');
  });

  it('malicious: the npm security placeholder is an error even with no advisory', () => {
    const [f] = run(found([{ version: '0.0.1-security' }]), {}, '*');
    assert.equal(f.rule, 'malicious');
    assert.equal(f.severity, 'error');
  });

  it('dependency-confusion: a requirement only an --extra-index-url serves, or two packages under one name', () => {
    const text = '--extra-index-url https://pkgs.corp.example/simple\nprivate-lib==1.0.0\nflask==3.0.0\nmirrored==2.0.0\n';
    const pypi = (name: string, versions: string[], source: string): PackageInfo => ({ ecosystem: 'pypi', name, source, versions: versions.map((version) => ({ version })) });
    const main: Record<string, DependencyFacts> = {
      'private-lib': { state: 'not-found', source: 'PyPI' },
      flask: { state: 'found', package: pypi('flask', ['2.3.0', '3.0.0'], 'PyPI') },
      mirrored: { state: 'found', package: pypi('mirrored', ['1.0.0', '2.0.0'], 'PyPI') },
    };
    const extra: Record<string, PackageInfo> = {
      'private-lib': pypi('private-lib', ['0.9.0', '1.0.0'], 'pkgs.corp.example'),
      flask: pypi('flask', ['3.0.0', '3.0.0+corp.1', '99.0.0\u202e'], 'pkgs.corp.example'),
      // A proxy of PyPI: everything it has, PyPI has too.
      mirrored: pypi('mirrored', ['2.0.0'], 'pkgs.corp.example'),
    };
    const registry = (): RegistryView => ({
      now: NOW,
      factsFor: (dep) => main[dep.name],
      onExtraIndexes: (dep) => [extra[dep.name] ? { index: 'https://pkgs.corp.example/simple/', public: false, state: 'found', package: extra[dep.name] } : { index: 'https://pkgs.corp.example/simple/', public: false, state: 'not-found' }],
      pypiIndexIsPublic: true,
    });
    const analysis = analyze({ kind: 'requirements', text, settings: parseSettings({}), registry });
    const findings = analysis.findings.filter((f) => f.rule === 'dependency-confusion' || f.rule === 'unknown-package');
    const on = (name: string) => findings.filter((f) => f.package === name);
    const [privateLib] = on('private-lib');
    assert.equal(on('private-lib').length, 1, 'dependency-confusion, not unknown-package');
    assert.equal(privateLib.rule, 'dependency-confusion');
    assert.equal(privateLib.severity, 'error');
    assert.equal(text.slice(privateLib.span.start, privateLib.span.end), 'private-lib');
    assert.equal(privateLib.message, 'private-lib is served by pkgs.corp.example only, and pip also asks PyPI, which does not have it, and installs the highest version either has: whoever registers private-lib on PyPI with a higher version gets installed instead. Reserve the name on PyPI, or install through a single --index-url that serves both.');
    const [flask] = on('flask');
    assert.match(flask.message, /flask is on both PyPI and pkgs\.corp\.example, with releases of its own on pkgs\.corp\.example \(3\.0\.0\+corp\.1, 99\.0\.0\)/);
    assert.deepEqual(on('mirrored'), []);
    // The hover says what the extra index serves, its text sanitised like all registry text.
    const flaskDep = analysis.manifest.dependencies.find((d) => d.name === 'flask')!;
    assert.match(hoverMarkdown(analysis, flaskDep, undefined, registry()), /Extra index `pkgs\.corp\.example`: serves it \(latest `99\.0\.0`\); pip installs the highest version any of its indexes has\./);
    // The private index as the main one, PyPI as the extra: public packages it does not carry are
    // no exposure; a private one PyPI does not have is.
    const swapped = analyze({
      kind: 'requirements',
      text: '--index-url https://pkgs.corp.example/simple\n--extra-index-url https://pypi.org/simple\nrequests==2.32.3\ncorp-auth==1.0.0\n',
      settings: parseSettings({}),
      registry: () => ({
        now: NOW,
        pypiIndexIsPublic: false,
        factsFor: (dep) => (dep.name === 'corp-auth' ? { state: 'found', package: pypi('corp-auth', ['1.0.0'], 'pkgs.corp.example') } : { state: 'not-found', source: 'pkgs.corp.example' }),
        onExtraIndexes: (dep) => [dep.name === 'requests' ? { index: 'https://pypi.org/pypi/', public: true, state: 'found', package: pypi('requests', ['2.32.3'], 'PyPI') } : { index: 'https://pypi.org/pypi/', public: true, state: 'not-found' }],
      }),
    }).findings.filter((f) => f.rule === 'dependency-confusion' && f.package !== 'https://pypi.org/simple');
    assert.deepEqual(swapped.map((f) => [f.package, f.message.slice(0, 60)]), [['corp-auth', 'corp-auth is served by pkgs.corp.example only, and pip also ']]);
    // Without extra indexes nothing changes: the main index's answer alone is unknown-package's.
    const alone = analyze({ kind: 'requirements', text: 'private-lib==1.0.0\n', settings: parseSettings({}), registry: () => ({ now: NOW, factsFor: () => main['private-lib'], onExtraIndexes: () => [] }) }).findings;
    assert.deepEqual(alone.map((f) => f.rule), ['unknown-package']);
  });

  it('malicious and deprecated: a PyPI project quarantined, archived or deprecated as a whole (PEP 792)', () => {
    const project = (status: PackageInfo['status']): DependencyFacts => ({ state: 'found', package: { ecosystem: 'pypi', name: 'x', source: 'pypi.corp.example', status, versions: [{ version: '1.0.0' }] } });
    const run = (facts: DependencyFacts) => analyze({ kind: 'requirements', text: 'x==1.0.0\n', settings: parseSettings({}), registry: () => ({ now: NOW, factsFor: () => facts }) }).findings;
    const [quarantined] = run(project({ status: 'quarantined', reason: 'reported as \u202emalware' }));
    assert.equal(quarantined.rule, 'malicious');
    assert.equal(quarantined.severity, 'error');
    assert.equal(quarantined.message, 'x is quarantined on pypi.corp.example ("reported as malware"): the index\'s administrators have withdrawn it while they review a report, usually of malware. Remove it until it is cleared, and check machines that installed it.');
    const [archived] = run(project({ status: 'archived' }));
    assert.equal(archived.rule, 'deprecated');
    assert.match(archived.message, /^x is archived on pypi\.corp\.example: its maintainers will publish no more releases, security fixes included\./);
    assert.equal(run(project({ status: 'deprecated', reason: 'use y' }))[0].message, 'x is deprecated on pypi.corp.example ("use y"): its maintainers advise against using it. Plan a replacement.');
    assert.deepEqual(run(project(undefined)), []);
  });
});
