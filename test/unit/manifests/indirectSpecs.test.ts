import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/analysis/analyze';
import type { ManifestKind } from '../../../server/src/model/model';
import type { ProjectContext } from '../../../server/src/model/project';
import { parseSettings } from '../../../server/src/model/settings';
import { hoverMarkdown } from '../../../server/src/lsp/hoverContent';
import { readProjectContext } from '../../../server/src/manifests/projectContext';
import { readNpmTree } from '../../../server/src/manifests/lockfiles/npmTree';
import { readLockTree } from '../../../server/src/manifests/lockfiles/lockTree';
import { treeVersionsFor } from '../../../server/src/tree/lockedVersions';
import type { LockGraph } from '../../../server/src/tree/model';
import { slice } from '../../helpers/text';

/** Compiled tests run from out/test/unit/manifests; the fixtures stay in the source tree. */
const REAL = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'real');
const readReal = (path: string): string | undefined => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);

function analyseReal(relative: string, kind: ManifestKind, project?: ProjectContext) {
  const path = join(REAL, relative);
  const text = readFileSync(path, 'utf8');
  const context = project ?? readProjectContext(path, kind, readReal, { root: REAL, platform: 'linux' });
  const analysis = analyze({ kind, text, settings: parseSettings({}), project: context });
  return { text, analysis, context };
}

describe('pnpm catalogs (vitest-dev/vitest)', () => {
  it('judges the range the catalog gives, on the `catalog:` spec, and says where it is set', () => {
    const { text, analysis } = analyseReal('vitest/packages/vitest/package.json', 'package.json');
    const chai = analysis.findings.find((f) => f.rule === 'unpinned-version' && f.package === 'chai');
    assert.ok(chai, 'chai: catalog: is judged');
    assert.equal(slice(text, chai.span), 'catalog:');
    assert.match(chai.message, /`\^6\.2\.2` \(set in \.\.\/\.\.\/pnpm-workspace\.yaml\) admits >=6\.2\.2 <7\.0\.0/);
    // The catalog pins tinyexec exactly elsewhere; vitest's own ^0.3.2 is judged as written.
    assert.ok(!analysis.findings.some((f) => /not a valid|catalog: admits/.test(f.message)), 'no "catalog: is not a valid range"');
  });

  it('shows the catalog range in the hover, and says when a catalog entry cannot be found', () => {
    const { analysis } = analyseReal('vitest/packages/vitest/package.json', 'package.json');
    const chai = analysis.manifest.dependencies.find((d) => d.name === 'chai')!;
    assert.match(hoverMarkdown(analysis, chai), /Spec `catalog:` stands for `\^6\.2\.2` \(from \.\.\/\.\.\/pnpm-workspace\.yaml\)/);
    // `debug` has no entry in this version of the catalog.
    const debug = analysis.manifest.dependencies.find((d) => d.name === 'debug')!;
    assert.match(hoverMarkdown(analysis, debug), /unresolved catalog entry/);
    assert.ok(!analysis.findings.some((f) => f.package === 'debug' && f.rule === 'unpinned-version'));
  });

  it('reads named catalogs (`catalog:name`) and pnpm-workspace.yaml overrides that point at a catalog', () => {
    const yaml = 'catalog:\n  vite: 8.0.11\ncatalogs:\n  frontend:\n    vue: ^3.5.11\noverrides:\n  vite: \'catalog:\'\n  mlly: ^1.8.2\n';
    const project = readProjectContext('/repo/packages/app/package.json', 'package.json', (p) => (p === '/repo/pnpm-workspace.yaml' ? yaml : undefined));
    const text = '{"name": "app", "private": true, "dependencies": {"vue": "catalog:frontend", "vite": "catalog:"}}';
    const { findings, manifest } = analyze({ kind: 'package.json', text, settings: parseSettings({}), project });
    const vue = findings.find((f) => f.package === 'vue' && f.rule === 'unpinned-version');
    assert.match(vue?.message ?? '', /`\^3\.5\.11` \(set in \.\.\/\.\.\/pnpm-workspace\.yaml \(catalog "frontend"\)\)/);
    assert.ok(!findings.some((f) => f.package === 'vite' && f.rule === 'unpinned-version'), 'the default catalog pins vite exactly');
    assert.equal(manifest.dependencies.find((d) => d.name === 'vite')?.spec, '8.0.11');
    assert.deepEqual([...(project.workspaceOverrides?.values ?? [])], [['vite', '8.0.11'], ['mlly', '^1.8.2']]);
  });
});

describe('overrides and resolutions (n8n-io/n8n)', () => {
  it('reads pnpm.overrides as dependencies and checks them: `a>b` selectors, `name@range` keys, aliases', () => {
    const { text, analysis } = analyseReal('n8n/package.json', 'package.json', { platform: 'linux' });
    const overrides = analysis.manifest.dependencies.filter((d) => d.section === 'overrides');
    assert.equal(overrides.length, 14);
    assert.deepEqual(overrides.filter((d) => ['@sentry/node', 'expr-eval', 'word-wrap'].includes(d.name)).map((d) => [d.name, d.source]), [
      ['@sentry/node', 'registry'],
      ['expr-eval', 'alias'],
      ['word-wrap', 'registry'],
    ]);
    const gaxios = analysis.findings.find((f) => f.package === 'gaxios' && f.rule === 'unpinned-version');
    assert.equal(gaxios && slice(text, gaxios.span), '>=7.1.1');
    assert.equal(gaxios?.severity, 'warning', 'nothing pins an override without a lockfile');
  });

  it('judges lockfile agreement after overrides apply: a resolution the lockfile follows is no mismatch', () => {
    const lock = (version: string): LockGraph =>
      readNpmTree(JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { minimist: '^1.2.0' } }, 'node_modules/minimist': { version, resolved: `https://registry.npmjs.org/minimist/-/minimist-${version}.tgz`, integrity: 'sha512-x' } } }), 'package-lock.json') as LockGraph;
    const mismatches = (manifest: object, version: string, project?: ProjectContext) =>
      analyze({ kind: 'package.json', text: JSON.stringify(manifest), settings: parseSettings({}), tree: { graph: lock(version), importer: '' }, project }).findings.filter((f) => f.rule === 'lockfile-mismatch');
    const base = { dependencies: { minimist: '^1.2.0' } };
    assert.equal(mismatches(base, '0.2.4').length, 1, 'without an override, 0.2.4 is a mismatch');
    assert.equal(mismatches({ ...base, overrides: { minimist: '0.2.4' } }, '0.2.4').length, 0, 'npm overrides');
    assert.equal(mismatches({ ...base, resolutions: { '**/minimist': '0.2.4' } }, '0.2.4').length, 0, 'yarn resolutions');
    assert.equal(mismatches({ ...base, pnpm: { overrides: { minimist: '0.2.4' } } }, '0.2.4').length, 0, 'pnpm.overrides');
    assert.equal(mismatches(base, '0.2.4', { workspaceOverrides: { source: 'pnpm-workspace.yaml', values: new Map([['minimist', '0.2.4']]) } }).length, 0, 'pnpm-workspace.yaml overrides');
    // An override for another parent only (`a>minimist`) does not excuse the direct dependency.
    assert.equal(mismatches({ ...base, pnpm: { overrides: { 'a>minimist': '0.2.4' } } }, '0.2.4').length, 1);
    // yarn and npm honour resolutions only in the workspace root, for every workspace.
    const files: Record<string, string> = { '/repo/package.json': JSON.stringify({ private: true, workspaces: ['packages/*'], resolutions: { '**/minimist': '0.2.4', 'a/b': '1.0.0' } }) };
    const project = readProjectContext('/repo/packages/app/package.json', 'package.json', (p) => files[p]);
    assert.deepEqual([...(project.workspaceOverrides?.values ?? [])], [['minimist', '0.2.4']]);
    assert.equal(project.workspaceOverrides?.source, '../../package.json');
    assert.equal(mismatches(base, '0.2.4', project).length, 0, 'the root’s resolution applies to the workspace');
    // `$name` overrides take the version of the package's own dependency.
    const dollar = analyze({ kind: 'package.json', text: JSON.stringify({ dependencies: { foo: '^1.0.0' }, overrides: { foo: '$foo' } }), settings: parseSettings({}) });
    assert.equal(dollar.manifest.dependencies.find((d) => d.section === 'overrides')?.spec, '^1.0.0');
  });
});

describe('a real manifest with its lockfile (vitest 0.0.27, pnpm lockfile 5.3)', () => {
  it('pins every range through pnpm-lock.yaml, and an override to a local path is no lockfile mismatch', () => {
    const path = join(REAL, 'vitest-0.0.27', 'package.json');
    const text = readFileSync(path, 'utf8');
    const tree = readLockTree(path, 'package.json', readReal);
    const analysis = analyze({ kind: 'package.json', text, settings: parseSettings({}), tree, locked: treeVersionsFor('package.json', tree), project: readProjectContext(path, 'package.json', readReal, { root: REAL }) });
    const loud = analysis.findings.filter((f) => f.severity === 'warning' || f.severity === 'error').map((f) => `${f.rule} ${f.package ?? ''}`);
    // What is left is worth a look: the project's own install-time script and the local-path override.
    assert.deepEqual(loud.sort(), ['install-script ', 'non-registry-source vite']);
    const chai = analysis.findings.find((f) => f.package === 'chai' && f.rule === 'unpinned-version');
    assert.match(chai?.message ?? '', /pnpm-lock\.yaml pins 4\.3\.4, which is what installs/);
    const vite = analysis.findings.find((f) => f.package === 'vite' && f.rule === 'unpinned-version' && slice(text, f.span) === '^2.6.14');
    assert.equal(vite?.severity, 'information');
    assert.match(vite?.message ?? '', /an override \(pnpm\.overrides\.vite\) sets `\.\.\/vite\/packages\/vite` for every copy/);
  });
});

describe('a monorepo root with its lockfile (n8n, pnpm lockfile 9.0, trimmed)', () => {
  it('overrides the lockfile records were resolved with are pinned there; one it does not record still warns', () => {
    const path = join(REAL, 'n8n', 'package.json');
    const run = (lockText: string | undefined) => {
      const read = (p: string) => (p.endsWith('pnpm-lock.yaml') ? lockText : readReal(p));
      const tree = readLockTree(path, 'package.json', read);
      const text = readFileSync(path, 'utf8');
      const analysis = analyze({ kind: 'package.json', text, settings: parseSettings({}), tree, locked: treeVersionsFor('package.json', tree), project: readProjectContext(path, 'package.json', read, { root: REAL, platform: 'linux' }) });
      return analysis.findings.filter((f) => f.rule === 'unpinned-version' && f.dependency?.section === 'overrides');
    };
    const lockText = readFileSync(join(REAL, 'n8n', 'pnpm-lock.yaml'), 'utf8');
    const gaxios = run(lockText).find((f) => f.package === 'gaxios');
    assert.equal(gaxios?.severity, 'information');
    assert.match(gaxios?.message ?? '', /pnpm-lock\.yaml was resolved with this override \(it records `>=7\.1\.1`\) and pins every copy it steers/);
    assert.ok(run(lockText).every((f) => f.severity === 'information'), 'every override is recorded in the lockfile');
    // A lockfile resolved with another spec for the override does not pin this one: pnpm would re-resolve.
    assert.equal(run(lockText.replace("gaxios: '>=7.1.1'", "gaxios: '>=6.0.0'")).find((f) => f.package === 'gaxios')?.severity, 'warning');
  });
});

describe('MSBuild properties (dotnet/aspire)', () => {
  it('resolves a property the file defines; leaves unknown ones unresolved and says so in the hover', () => {
    const { text, analysis } = analyseReal('aspire/Directory.Packages.props', 'msbuild');
    const mongo = analysis.manifest.dependencies.find((d) => d.name === 'Testcontainers.MongoDb')!;
    assert.equal(mongo.spec, '3.9.0');
    assert.deepEqual(mongo.indirect, { written: '$(TestcontainersPackageVersion)', from: 'this file' });
    const openApi = analysis.manifest.dependencies.find((d) => d.name === 'Microsoft.AspNetCore.OpenApi')!;
    assert.match(hoverMarkdown(analysis, openApi), /Spec `\$\(MicrosoftAspNetCoreOpenApiPackageVersion\)`: unresolved property/);
    // The one real range of the file is still reported, and nothing about properties.
    const unpinned = analysis.findings.filter((f) => f.rule === 'unpinned-version').map((f) => slice(text, f.span));
    assert.deepEqual(unpinned, ['[6.8.1,7.0.0)']);
  });

  it('reads properties from Directory.Build.props and Directory.Packages.props up the folder tree, the nearest winning', () => {
    const files: Record<string, string> = {
      '/repo/Directory.Build.props': '<Project><PropertyGroup><SerilogVersion>3.*</SerilogVersion><DapperVersion>2.1.35</DapperVersion></PropertyGroup><PropertyGroup Condition="\'$(Configuration)\' == \'Debug\'"><PollyVersion>8.4.2</PollyVersion></PropertyGroup></Project>',
      '/repo/src/Directory.Build.props': '<Project><PropertyGroup><DapperVersion>$(DapperMajor).1.44</DapperVersion><DapperMajor>2</DapperMajor></PropertyGroup></Project>',
    };
    const project = readProjectContext('/repo/src/Api/Api.csproj', 'msbuild', (p) => files[p]);
    const text = '<Project><ItemGroup><PackageReference Include="Serilog" Version="$(SerilogVersion)" /><PackageReference Include="Dapper" Version="$(DapperVersion)" /><PackageReference Include="Polly" Version="$(PollyVersion)" /></ItemGroup></Project>';
    const { findings, manifest } = analyze({ kind: 'msbuild', text, settings: parseSettings({}), project });
    assert.equal(manifest.dependencies.find((d) => d.name === 'Dapper')?.spec, '2.1.44', 'the nearer file wins; nested references resolve');
    const serilog = findings.find((f) => f.package === 'Serilog' && f.rule === 'unpinned-version');
    assert.equal(serilog && slice(text, serilog.span), '$(SerilogVersion)');
    assert.match(serilog?.message ?? '', /`3\.\*` \(set in \.\.\/\.\.\/Directory\.Build\.props/);
    // A property set only under a Condition is not evaluated: unresolved, not judged.
    const polly = manifest.dependencies.find((d) => d.name === 'Polly')!;
    assert.deepEqual(polly.indirect, { written: '$(PollyVersion)' });
    assert.ok(!findings.some((f) => f.package === 'Polly'));
  });

  it('gives up on properties that grow without bound (each fifty times the last) instead of building huge strings', () => {
    const chain = Array.from({ length: 6 }, (_, i) => `<P${i}>${`$(P${i + 1})`.repeat(50)}</P${i}>`).join('');
    const text = `<Project><PropertyGroup>${chain}<P6>1.0.0</P6></PropertyGroup><ItemGroup><PackageReference Include="A" Version="$(P0)" /></ItemGroup></Project>`;
    const { manifest } = analyze({ kind: 'msbuild', text, settings: parseSettings({}) });
    assert.deepEqual(manifest.dependencies[0].indirect, { written: '$(P0)' });
    assert.equal(manifest.dependencies[0].spec, '$(P0)');
  });
});
