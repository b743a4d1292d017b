#!/usr/bin/env node
/**
 * Noise on real projects: warnings and errors per 1,000 dependencies (issue 12's target: ≤ 100).
 *
 *   node scripts/noise.mjs [--cli dist/cli.js] [paths…]
 *
 * Runs the CLI offline (`scan --offline --format json`) over real projects' manifests and
 * lockfiles — by default the fixtures copied from public repositories in test/fixtures/real
 * (their README records repository, path and commit) and this repository's own package.json with
 * its package-lock.json; fixtures whose real lockfile could not be copied are listed apart) — and prints, per file and in total, the dependencies declared and the
 * findings at warning or error severity, by rule. `--cli` points at another build to compare.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const cliAt = args.indexOf('--cli');
const cli = cliAt === -1 ? join(ROOT, 'dist', 'cli.js') : args.splice(cliAt, 2)[1];
const paths = args.length > 0 ? args : [join(ROOT, 'test', 'fixtures', 'real'), join(ROOT, 'package.json')];

/**
 * Fixtures kept for the tests but not measured, because the project as people open it has a
 * lockfile the fixture lacks (so every range would read as unpinned, which it is not there).
 */
const UNLOCKED = new Map([
  ['test/fixtures/real/vitest/packages/vitest/package.json', "vitest's root pnpm-lock.yaml (several MB) is stored only at another commit, whose importer for packages/vitest does not match this package.json"],
  ['test/fixtures/real/vitest/pnpm-workspace.yaml', "the same lockfile records which of these overrides it was resolved with"],
]);

const out = execFileSync(process.execPath, [cli, 'scan', ...paths, '--offline', '--format', 'json', '--fail-on', 'none'], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
const { files } = JSON.parse(out);

let dependencies = 0;
let loud = 0;
const byRule = new Map();
const rows = [];
const skipped = [];
for (const file of files) {
  const relativePath = file.path.replace(`${ROOT}/`, '');
  if (args.length === 0 && UNLOCKED.has(relativePath)) {
    skipped.push([relativePath, file.dependencies.length, file.findings.filter((f) => f.severity === 'warning' || f.severity === 'error').length]);
    continue;
  }
  const noisy = file.findings.filter((f) => f.severity === 'warning' || f.severity === 'error');
  dependencies += file.dependencies.length;
  loud += noisy.length;
  for (const f of noisy) byRule.set(`${f.rule} (${f.severity})`, (byRule.get(`${f.rule} (${f.severity})`) ?? 0) + 1);
  rows.push([relativePath, file.dependencies.length, noisy.length, file.findings.length - noisy.length]);
}
const width = Math.max(...rows.map((r) => r[0].length), 4);
console.log(`${'file'.padEnd(width)}  deps  warn+err  info`);
for (const [path, deps, noisy, quiet] of rows) console.log(`${path.padEnd(width)}  ${String(deps).padStart(4)}  ${String(noisy).padStart(8)}  ${String(quiet).padStart(4)}`);
console.log('');
for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`  ${n}  ${rule}`);
for (const [path, deps, noisy] of skipped) console.log(`\nnot measured: ${path} (${deps} dependencies, ${noisy} warnings + errors without its lockfile): ${UNLOCKED.get(path)}`);
const rate = dependencies === 0 ? 0 : (loud * 1000) / dependencies;
console.log(`\nwarnings + errors per 1,000 dependencies: ${rate.toFixed(0)} (${loud} over ${dependencies} dependencies in ${rows.length} files)   target ≤ 100`);
