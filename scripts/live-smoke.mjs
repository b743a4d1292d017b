// Opt-in smoke test against the real npm registry (`npm run test:live`; never part of `npm test`).
// Runs the built CLI (dist/cli.js) on a throw-away project and checks what only a live registry
// can show: real packuments parse (including a ~10 MB one), install scripts are found, an
// invented name is reported as unknown, and a second run is served from the cache.
// Needs network access to the npm registry; other services (OSV, PyPI, NuGet) may be unreachable:
// that is reported as "not checked" on stderr and is not a failure here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
const registry = process.env.MANIFEST_GUARD_LIVE_REGISTRY ?? 'https://registry.npmjs.org/';
const invented = `manifest-guard-live-${Date.now().toString(36)}-does-not-exist`;
const project = mkdtempSync(join(tmpdir(), 'mg-live-'));
const cacheDir = mkdtempSync(join(tmpdir(), 'mg-live-cache-'));
writeFileSync(join(project, 'package.json'), JSON.stringify({ dependencies: { lodash: '^4.17.0', esbuild: '^0.28.0', '@types/node': '*', [invented]: '1.0.0' } }, null, 2));

function scan(extra = []) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [cli, 'scan', project, '--format', 'json', '--fail-on', 'none', '--npm-registry', registry, '--cache-dir', cacheDir, ...extra], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`CLI exited ${r.status}: ${r.stderr}`);
  const findings = JSON.parse(r.stdout).files.flatMap((f) => f.findings);
  return { findings, stderr: r.stderr, ms: Date.now() - started };
}

/** Packages the CLI could not look up (its stderr lines; advisory lines name `pkg@version` and are skipped). */
function uncheckedPackages(stderr) {
  return stderr
    .split('\n')
    .map((line) => /^manifest-guard: not checked against the registries \((.*)\): (.*)$/.exec(line))
    .filter((m) => m && !m[1].startsWith('advisories'))
    .flatMap((m) => m[2].replace(/ and \d+ more$/, '').split(', '));
}

const failures = [];
function expect(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

try {
  const cold = scan();
  const has = (rule, pkg) => cold.findings.some((f) => f.rule === rule && f.package === pkg);
  expect(has('unknown-package', invented), `an invented name is reported as unknown-package (${invented})`);
  expect(has('install-script', 'esbuild'), 'esbuild\'s postinstall script is reported as install-script');
  const unchecked = uncheckedPackages(cold.stderr);
  expect(!unchecked.includes('lodash'), 'lodash was checked against the registry');
  expect(!unchecked.includes('@types/node'), '@types/node (a ~10 MB packument) was read within the size cap');
  console.log(`cold scan: ${cold.ms} ms; stderr:\n${cold.stderr || '(empty)'}`);
  const warm = scan(['--offline']);
  expect(warm.findings.some((f) => f.rule === 'unknown-package' && /cached registry answer/.test(f.message)), 'an offline re-run uses the cache and says so');
  console.log(`offline re-run from the cache: ${warm.ms} ms`);
} catch (err) {
  failures.push(String(err));
  console.error(err);
} finally {
  rmSync(project, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(`\n${failures.length} live check(s) failed`);
  process.exit(1);
}
console.log('\nlive smoke test passed');
