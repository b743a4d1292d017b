import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../helpers/lspClient';
import { RULE_IDS } from '../../../server/src/model/ruleIds';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');

// Hermetic runs: no registry traffic, and an empty registry cache (registry scans have their own tests).
const NO_REGISTRY = ['--offline', '--cache-dir', mkdtempSync(join(tmpdir(), 'mg-cli-cache-'))];

function cli(args: string[], cwd = REPO_ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args, ...(args[0] === 'scan' ? NO_REGISTRY : [])], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonOut {
  files: Array<{ path: string; ecosystem: string; dependencies: Array<{ name: string; spec: string | null; range: unknown }>; findings: Array<{ rule: string; severity: string; package: string | null; message: string; range: { start: { line: number; character: number } } }> }>;
}

function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mg-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('CLI scan', () => {
  it('scans the bundled examples of all three kinds, following -r/-c includes', () => {
    const r = cli(['scan', 'examples', '--format', 'json', '--offline']);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as JsonOut;
    const paths = out.files.map((f) => f.path);
    for (const p of ['examples/npm-webapp/package.json', 'examples/python-service/requirements.txt', 'examples/python-service/requirements/base.txt', 'examples/python-service/constraints.txt', 'examples/dotnet-api/Acme.Api.csproj', 'examples/dotnet-api/Directory.Packages.props', 'examples/uv-app/pyproject.toml', 'examples/poetry-app/pyproject.toml'])
      assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`);
    assert.deepEqual([...new Set(out.files.map((f) => f.ecosystem))].sort(), ['npm', 'nuget', 'pypi']);
    const rules = new Set(out.files.flatMap((f) => f.findings.map((x) => x.rule)));
    for (const rule of ['unpinned-version', 'non-registry-source', 'insecure-source', 'dependency-confusion', 'install-script']) assert.ok(rules.has(rule), rule);
    const npm = out.files.find((f) => f.path.endsWith('package.json'))!;
    const express = npm.findings.find((x) => x.package === 'express')!;
    assert.equal(express.rule, 'unpinned-version');
    assert.deepEqual(express.range, { start: { line: 10, character: 16 }, end: { line: 10, character: 23 } });
  });

  it('prints file:line:col severity rule message for people', () => {
    const dir = tempProject({ 'package.json': '{\n  "dependencies": {\n    "a": "^1.0.0"\n  }\n}\n' });
    const r = cli(['scan', dir, '--fail-on', 'warning']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /package\.json:3:11: warning unpinned-version a is not pinned/);
    assert.match(r.stdout, /1 finding in 1 manifest \(1 dependencies\)\./);
  });

  it('exits 0 when nothing reaches --fail-on, 1 when something does', () => {
    const dir = tempProject({ 'package.json': '{"dependencies": {"a": "^1.0.0", "b": "1.0.0"}}' });
    assert.equal(cli(['scan', dir]).code, 0);
    assert.equal(cli(['scan', dir, '--fail-on', 'warning']).code, 1);
    assert.equal(cli(['scan', dir, '--fail-on', 'none']).code, 0);
    assert.equal(cli(['scan', dir, '--fail-on', 'warning', '--severity', 'unpinned-version=off']).code, 0);
    assert.equal(cli(['scan', dir, '--fail-on', 'warning', '--allow', 'a']).code, 0);
  });

  it('exits 2 with a clear message on usage errors and unreadable input', () => {
    const missing = cli(['scan', '/definitely/not/here']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read \/definitely\/not\/here/);
    const badFlag = cli(['scan', '--format', 'xml']);
    assert.equal(badFlag.code, 2);
    assert.match(badFlag.stderr, /--format must be text, json or sarif/);
    assert.equal(cli(['frobnicate']).code, 2);
    const dir = tempProject({ 'notes.md': 'hello' });
    const notManifest = cli(['scan', join(dir, 'notes.md')]);
    assert.equal(notManifest.code, 2);
    assert.match(notManifest.stderr, /not a manifest/);
  });

  it('skips node_modules, .git, bin, obj and virtualenvs when searching folders', () => {
    const dir = tempProject({
      'package.json': '{}',
      'node_modules/x/package.json': '{"dependencies": {"a": "^1"}}',
      '.git/package.json': '{}',
      'bin/Debug/x.csproj': '<Project/>',
      'obj/y.csproj': '<Project/>',
      'env/pyvenv.cfg': 'home = /usr/bin',
      'env/lib/requirements.txt': 'x',
      'packages/app/package.json': '{}',
    });
    const out = JSON.parse(cli(['scan', dir, '--format', 'json']).stdout) as JsonOut;
    assert.deepEqual(out.files.map((f) => f.path.slice(f.path.indexOf(dir.split('/').pop()!) + dir.split('/').pop()!.length + 1)).sort(), ['package.json', 'packages/app/package.json']);
  });

  it('writes SARIF 2.1.0 with rules and 1-based regions', () => {
    const dir = tempProject({ 'requirements.txt': 'requests>=2\n' });
    const r = cli(['scan', dir, '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'Manifest Guard');
    assert.ok(run.tool.driver.rules.some((x: { id: string }) => x.id === 'typosquat'));
    const [result] = run.results;
    assert.equal(result.ruleId, 'unpinned-version');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'unpinned-version');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 1, startColumn: 9, endLine: 1, endColumn: 12 });
  });

  it('writes SARIF rules as GitHub code scanning requires: a name besides the id, a full description and help from the rule docs', () => {
    // What the SARIF validator checks (`sarif-multitool validate --rule-kind "Gh;Sarif"`): GH2012
    // wants fullDescription and help on every rule, SARIF1001 a name that is not the id.
    const dir = tempProject({ 'requirements.txt': 'requests>=2\n' });
    const rules = JSON.parse(cli(['scan', dir, '--format', 'sarif']).stdout).runs[0].tool.driver.rules as Array<{ id: string; name: string; shortDescription: { text: string }; fullDescription?: { text: string }; help?: { text: string; markdown?: string } }>;
    assert.equal(rules.length, RULE_IDS.length);
    for (const rule of rules) {
      assert.match(rule.name, /^[A-Z][A-Za-z]+$/, rule.id);
      assert.notEqual(rule.name.toLowerCase(), rule.id.toLowerCase(), `${rule.id}: name equal to the id (SARIF compares them ignoring case)`);
      assert.ok(rule.fullDescription && rule.fullDescription.text.length > 0, `${rule.id}: fullDescription`);
      assert.notEqual(rule.fullDescription.text, rule.shortDescription.text, `${rule.id}: fullDescription from the docs`);
      for (const heading of ['What it detects', 'Why it matters', 'Example', 'How to fix it', 'How to silence it']) {
        assert.ok(rule.help?.markdown?.includes(`\n## ${heading}\n`), `${rule.id}: help lacks "${heading}"`);
      }
      assert.equal(rule.help?.text, rule.help?.markdown);
    }
  });

  it('reports a missing include and an include cycle on the -r line', () => {
    const dir = tempProject({ 'requirements.txt': '-r missing.txt\n-r other.txt\nfoo==1.0\n', 'other.txt': '-r requirements.txt\nbar==2.0\n' });
    const out = JSON.parse(cli(['scan', join(dir, 'requirements.txt'), '--format', 'json']).stdout) as JsonOut;
    assert.equal(out.files.length, 2);
    const messages = out.files.flatMap((f) => f.findings.filter((x) => x.rule === 'parse-error').map((x) => x.message));
    assert.ok(messages.some((m) => /missing\.txt does not exist/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /cycle/.test(m)), messages.join('\n'));
  });

  it('does not read an include that is binary, huge or a folder, and says so on its line', () => {
    const dir = tempProject({
      'requirements.txt': '-r blob.txt\n-r huge.txt\n-c folder\nfoo==1.0\n',
      'blob.txt': 'bar==1.0\n\u0000\u0001ELF',
      'huge.txt': `${'baz==1.0\n'.repeat(600_000)}`,
      'folder/x.txt': 'qux==1.0\n',
    });
    const out = JSON.parse(cli(['scan', join(dir, 'requirements.txt'), '--format', 'json']).stdout) as JsonOut;
    assert.deepEqual(out.files.map((f) => f.path.split(/[\\/]/).pop()), ['requirements.txt'], 'only the file itself is read');
    const problems = out.files[0].findings.filter((x) => x.rule === 'parse-error').map((x) => [x.range.start.line, x.message]);
    assert.deepEqual(problems, [
      [0, 'blob.txt is a binary file, not a requirements file; it is not read.'],
      [1, 'huge.txt is larger than 4 MB; it is not read.'],
      [2, 'folder is not a regular file.'],
    ]);
  });

  it('reads a requirements file saved as UTF-16 (PowerShell 5), directly and as an include', () => {
    const dir = tempProject({ 'requirements.txt': '-r frozen.txt\nflask>=3\n' });
    writeFileSync(join(dir, 'frozen.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('urlib3==2.2.1\r\nrequests>=2\r\n', 'utf16le')]));
    const out = JSON.parse(cli(['scan', join(dir, 'requirements.txt'), '--format', 'json']).stdout) as JsonOut;
    const frozen = out.files.find((f) => f.path.endsWith('frozen.txt'));
    assert.ok(frozen, 'the include is followed, not refused as binary');
    assert.deepEqual(frozen.dependencies.map((d) => [d.name, d.spec]), [['urlib3', '==2.2.1'], ['requests', '>=2']]);
    assert.deepEqual(frozen.findings.map((f) => [f.rule, f.range.start.line]).sort(), [['typosquat', 0], ['unpinned-version', 1]]);
  });

  it('finds pyproject.toml and Pipfile in folders; JSON, SARIF regions inside the TOML string, and exit codes as for the other formats', () => {
    const dir = tempProject({ 'svc/pyproject.toml': '[project]\nname = "svc"\ndependencies = ["requests>=2"]\n', 'web/Pipfile': '[packages]\nflask = "==3.0.3"\n', 'tools/pyproject.toml': '[tool.black]\nline-length = 100\n' });
    const json = JSON.parse(cli(['scan', dir, '--format', 'json']).stdout) as JsonOut;
    assert.deepEqual(json.files.map((f) => f.path.split(/[\\/]/).slice(-2).join('/')).sort(), ['svc/pyproject.toml', 'tools/pyproject.toml', 'web/Pipfile']);
    assert.deepEqual(json.files.map((f) => f.ecosystem), ['pypi', 'pypi', 'pypi']);
    const svc = json.files.find((f) => f.path.endsWith('pyproject.toml') && f.findings.length > 0)!;
    assert.deepEqual(svc.findings.map((f) => [f.rule, f.package]), [['unpinned-version', 'requests']]);
    const sarif = JSON.parse(cli(['scan', join(dir, 'svc'), '--format', 'sarif']).stdout);
    assert.deepEqual(sarif.runs[0].results[0].locations[0].physicalLocation.region, { startLine: 3, startColumn: 26, endLine: 3, endColumn: 29 });
    assert.equal(cli(['scan', dir]).code, 0, 'a warning is below the default --fail-on error');
    assert.equal(cli(['scan', dir, '--fail-on', 'warning']).code, 1);
    assert.equal(cli(['scan', join(dir, 'web')]).code, 0);
  });

  it('survives malformed manifests of every kind, reporting parse errors', () => {
    const dir = tempProject({ 'package.json': '{"dependencies": {"a": "^1"', 'requirements.txt': '==\n[x]\n\u0000\n', 'x.csproj': '<Project><ItemGroup><PackageReference Include="A" Version="1.*"', 'pyproject.toml': '[project]\ndependencies = ["a>=1"\n', Pipfile: '[packages]\na = \n' });
    const r = cli(['scan', dir, '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as JsonOut;
    assert.equal(out.files.length, 5);
    for (const f of out.files) assert.ok(f.findings.some((x) => x.rule === 'parse-error'), f.path);
  });
});
