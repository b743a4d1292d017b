import { strict as assert } from 'node:assert';
import { analyze } from '../../../../server/src/analysis/analyze';
import { parseSettings } from '../../../../server/src/model/settings';
import { parseLockfile } from '../../../../server/src/manifests/lockfiles/lockTree';
import { fixtureText, kindOf } from '../../../helpers/lockFixtures';

/** Every lockfile fixture with the manifest it belongs to. */
const FIXTURES: Array<[lockfile: string, manifest: string]> = [
  ['npm-v1/package-lock.json', 'npm-v1/package.json'],
  ['npm-v2/package-lock.json', 'npm-v2/package.json'],
  ['npm-v3/package-lock.json', 'npm-v3/package.json'],
  ['npm-workspaces/package-lock.json', 'npm-workspaces/package.json'],
  ['yarn-v1/yarn.lock', 'yarn-v1/package.json'],
  ['yarn-berry/yarn.lock', 'yarn-berry/package.json'],
  ['pnpm-v5/pnpm-lock.yaml', 'pnpm-v5/package.json'],
  ['pnpm-v6/pnpm-lock.yaml', 'pnpm-v6/package.json'],
  ['pnpm-v9/pnpm-lock.yaml', 'pnpm-v9/package.json'],
  ['nuget-lock/packages.lock.json', 'nuget-lock/App.csproj'],
  ['nuget-assets/obj/project.assets.json', 'nuget-assets/App.csproj'],
  ['pip-compile/requirements.txt', 'pip-compile/requirements.in'],
  ['pylock/pylock.toml', 'pylock/requirements.txt'],
];

describe('malformed and truncated lockfiles', () => {
  it('never fail a rule, cut anywhere, and the manifest is still analysed with whatever tree comes out', () => {
    for (const [lockfile, manifest] of FIXTURES) {
      const text = fixtureText(lockfile);
      const manifestText = fixtureText(manifest);
      // About 40 cuts per file, plus the awkward ones: empty, one character, one short of complete.
      const cuts = new Set([0, 1, text.length - 1]);
      for (let at = 0; at < text.length; at += Math.max(1, Math.floor(text.length / 40))) cuts.add(at);
      for (const at of cuts) {
        const graph = parseLockfile(lockfile, text.slice(0, at));
        if (!graph) continue;
        // analyze() catches a failing rule and logs it, so "no throw" proves nothing: no log line does.
        const failures: string[] = [];
        const { manifest: parsed } = analyze({ kind: kindOf(manifest), text: manifestText, settings: parseSettings({}), tree: { graph, importer: '' }, logger: { error: (m) => failures.push(m) } });
        assert.deepEqual(failures, [], `${lockfile} cut at ${at}`);
        assert.ok(parsed.dependencies.length > 0, `${lockfile} cut at ${at}: the manifest was still read`);
      }
    }
  });

  it('read hostile shapes as absent instead of failing: wrong types, nulls, deep nesting', () => {
    const hostile = [
      ['package-lock.json', '{"lockfileVersion": 3, "packages": {"node_modules/a": {"version": 1, "dependencies": "x", "resolved": {}}}}'],
      ['package-lock.json', `{"lockfileVersion": 1, "dependencies": ${'{"a": {"version": "1.0.0", "dependencies": '.repeat(3000)}{}${'}}'.repeat(3000)}}`],
      ['pnpm-lock.yaml', "lockfileVersion: '9.0'\nimporters: 7\npackages: [1, 2]\nsnapshots:\n  a@1.0.0: null\n"],
      ['yarn.lock', '__metadata:\n  version: 8\n"a@npm:^1":\n  dependencies: [1]\n'],
      ['packages.lock.json', '{"version": 1, "dependencies": {"net8.0": {"A": null, "B": {"dependencies": [1]}}}}'],
      ['project.assets.json', '{"targets": {"net8.0": {"A/1.0.0": {"dependencies": null}, "/": {}}}, "libraries": {"A/1.0.0": {"files": "tools/init.ps1"}}}'],
      ['pylock.toml', 'lock-version = "1.0"\npackages = "nope"\n'],
      ['requirements.txt', '# via\n#   nothing\n\\\n'],
    ] as const;
    // parseLockfile() turns a reader that throws into "no tree", so each shape must still give a
    // tree (the reader coped) whose packages have plain string names and versions.
    for (const [name, text] of hostile) {
      const graph = parseLockfile(name, text);
      if (name === 'requirements.txt') {
        assert.equal(graph, undefined, 'a requirements file without pins is no lockfile');
        continue;
      }
      assert.ok(graph, `${name}: the reader gave up (or threw)`);
      for (const pkg of graph.packages.values()) assert.ok(typeof pkg.name === 'string' && typeof pkg.version === 'string', `${name}: ${JSON.stringify(pkg.name)}@${JSON.stringify(pkg.version)}`);
    }
  });
});
