import { strict as assert } from 'node:assert';
import { hoverMarkdown } from '../../../server/src/lsp/hoverContent';
import { treeHoverLines } from '../../../server/src/lsp/treeHover';
import { analyseFixture } from '../../helpers/lockFixtures';

function hoverOn(manifest: string, name: string, options: Parameters<typeof analyseFixture>[1] = {}): string {
  const analysis = analyseFixture(manifest, options);
  const dep = analysis.manifest.dependencies.find((d) => d.name === name);
  assert.ok(dep, `${name} not in ${manifest}`);
  return treeHoverLines(analysis, dep).join('\n');
}

describe('hover: the locked subtree of a direct dependency', () => {
  it('gives the size and depth of the subtree', () => {
    assert.match(hoverOn('npm-v3/package.json', 'log-symbols'), /Brings in 7 packages, up to 4 levels deep \(package-lock\.json\)\./);
    assert.match(hoverOn('npm-v3/package.json', 'ms'), /Brings in no other packages/);
  });

  it('names the packages below that run code when installed, or says none does where the lockfile knows', () => {
    assert.match(hoverOn('npm-install-scripts/package.json', 'tsx'), /1 of them runs code when installed: `esbuild@0\.23\.1`\./);
    assert.match(hoverOn('npm-v3/package.json', 'log-symbols'), /None of them runs an install script\./);
    assert.doesNotMatch(hoverOn('npm-v1/package.json', 'log-symbols'), /install script/, 'v1 does not record scripts: say nothing rather than "none"');
  });

  it('shows the worst finding below', () => {
    assert.match(hoverOn('npm-tampered/package.json', 'log-symbols'), /Worst below: \*\*insecure-source\*\* \(error\): \\`color-name@1\.1\.4\\`, 4 levels below/);
  });

  it('says who else needs a package a compiled requirements file lists', () => {
    assert.match(hoverOn('pip-compile/requirements.txt', 'markupsafe'), /Also needed by `jinja2@3\.1\.4`, `werkzeug@3\.1\.3`\./);
    assert.match(hoverOn('pip-compile/requirements.txt', 'flask'), /Brings in 6 packages, up to 2 levels deep/);
  });

  it('says when the lockfile lacks the dependency, and is part of the dependency hover', () => {
    const text = '{"dependencies": {"left-pad": "^1.3.0"}}';
    assert.match(hoverOn('npm-v3/package.json', 'left-pad', { text }), /Not in package-lock\.json\./);
    const analysis = analyseFixture('npm-install-scripts/package.json');
    const tsx = analysis.manifest.dependencies[0];
    assert.match(hoverMarkdown(analysis, tsx), /Brings in \d+ packages[\s\S]*`esbuild@0\.23\.1`/);
  });

  it('adds nothing without a lockfile', () => {
    const analysis = analyseFixture('npm-v3/package.json');
    assert.deepEqual(treeHoverLines({ ...analysis, tree: undefined }, analysis.manifest.dependencies[0]), []);
  });
});
