// End-to-end tests in a real VS Code (code-server 4.100.3 = VS Code 1.100.3, headless Chromium):
//   1. install code-server into .vscode-test/ once (cached), build dist/, transpile test/e2e;
//   2. run the grammar tests (plain Node, VS Code's own TextMate tokenizer);
//   3. for each extension-host suite (a trusted workspace, then an untrusted one): start
//      code-server in its own process group on a copy of examples/, open the workbench with the
//      test payload, and let the mocha suite run in the real Node extension host;
//   4. print the extension host log, end code-server's whole process group, and close with
//      `N passed, N failed`; the exit code is the suite's.
// Usage: node scripts/e2e/run.mjs [--update-images] [--keep] [--no-build] [--vsix]
//   --update-images  copy the screenshots the run takes into images/ (for the README)
//   --vsix           test the packaged extension (the newest *.vsix here, from `npm run package`)
//                    instead of the working tree: proves the minified bundles and .vscodeignore
//   --keep           keep the user data (logs) in .vscode-test/run/ besides the workspace copies and screenshots
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { payloadUrl, runInBrowser } from './browser.mjs';
import { startCodeServer } from './codeServer.mjs';
import { compileE2eTests } from './compileTests.mjs';
import { codeServerDir, ensureCodeServer } from './installCodeServer.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = new Set(process.argv.slice(2));
const SUITE_TIMEOUT_MS = 6 * 60_000;
const SUMMARY = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/;

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (message) => console.log(`[e2e ${elapsed()}] ${message}`);

/** Ends code-server (and so its extension host) on every way out, Ctrl+C included. */
let stopServer = async () => {};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void stopServer().finally(() => {
      console.log('0 passed, 1 failed');
      process.exit(130);
    });
  });
}

function build() {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed');
}

/** Runs the plain-Node mocha suites (the grammar) in this process; returns their counts. */
async function runNodeSuites(outDir, vscodeNodeModules) {
  const require = createRequire(join(root, 'package.json'));
  const { Mocha } = require('mocha');
  process.env.MANIFEST_GUARD_VSCODE_NODE_MODULES = vscodeNodeModules;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, reporter: 'spec' });
  const dir = join(outDir, 'grammar');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort() : [];
  for (const file of files) mocha.addFile(join(dir, file));
  return new Promise((resolvePromise) => {
    const runner = mocha.run(() => resolvePromise({ passed: runner.stats.passes, failed: runner.stats.failures, skipped: runner.stats.pending }));
  });
}

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The extension host's own log and the Manifest Guard output channel, as the server wrote them. */
function printExtensionHostLogs(userDataDir) {
  const logs = filesUnder(join(userDataDir, 'logs')).filter((f) => /remoteexthost\.log$|exthost\.log$|Manifest Guard\.log$/.test(f));
  for (const file of logs.sort()) {
    console.log(`\n----- ${relative(userDataDir, file)} -----`);
    console.log(readFileSync(file, 'utf8').trimEnd());
  }
  if (logs.length === 0) console.log('(no extension host log was written)');
}

function copyScreenshots(from) {
  const images = join(root, 'images');
  mkdirSync(images, { recursive: true });
  const shots = existsSync(from) ? readdirSync(from).filter((f) => f.endsWith('.png')) : [];
  for (const shot of shots) cpSync(join(from, shot), join(images, shot));
  say(`copied ${shots.length} screenshot(s) into images/: ${shots.join(', ')}`);
}

/** The suites that run in the extension host, each in its own code-server session. */
const HOST_SUITES = [
  { name: 'trusted workspace', dir: 'suite', trusted: true },
  // Restricted mode, with workspace settings an attacker could use to redirect registry traffic.
  { name: 'untrusted workspace', dir: 'untrusted', trusted: false, workspaceSettings: { 'manifestGuard.registries.npm': 'http://127.0.0.1:9/workspace-registry/', 'manifestGuard.offline': false } },
];

/** Unpacks the newest .vsix of the repository (a zip) and returns the extension folder inside it. */
function unpackVsix(into) {
  const vsix = readdirSync(root).filter((f) => f.endsWith('.vsix')).map((f) => join(root, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!vsix) throw new Error('--vsix: no .vsix here; run `npm run package` first');
  rmSync(into, { recursive: true, force: true });
  const unzip = spawnSync('python3', ['-m', 'zipfile', '-e', vsix, into], { stdio: 'inherit' });
  if (unzip.status !== 0) throw new Error(`cannot unpack ${vsix}`);
  say(`testing the packaged extension ${relative(root, vsix)}`);
  return join(into, 'extension');
}

/** Runs one host suite: a fresh copy of examples/, a fresh code-server, the workbench in Chromium. */
async function runHostSuite(suite, { installDir, outDir, runDir, extensionPath }) {
  const suiteDir = join(runDir, suite.dir);
  const workspace = join(suiteDir, 'workspace');
  // A copy: the tests edit manifests and write workspace settings, which must not touch examples/.
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  if (suite.workspaceSettings) {
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify(suite.workspaceSettings, null, 2));
  }
  const requests = join(suiteDir, 'requests');
  mkdirSync(requests, { recursive: true });

  const server = await startCodeServer({ installDir, runDir: suiteDir, trusted: suite.trusted, env: { MANIFEST_GUARD_E2E_REQUESTS: requests }, log: say });
  stopServer = server.stop;
  let exitCode = 1;
  let counts;
  try {
    const url = payloadUrl(server.url, { workspace, extensionPath, testsPath: join(outDir, suite.dir, 'index.js') });
    say(`${suite.name}: opening the workbench in headless Chromium; the suite runs in the extension host`);
    exitCode = await runInBrowser({
      url,
      requestsDir: requests,
      timeoutMs: SUITE_TIMEOUT_MS,
      log: (_type, message) => {
        // Workbench noise: the extension gallery (open-vsx.org) is unreachable here, harmlessly.
        if (/open-vsx\.org/.test(message)) return;
        // Mocha colours its output when it thinks it runs in CI: keep the log plain.
        for (const line of message.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
          const summary = SUMMARY.exec(line.trim());
          if (summary) counts = { passed: Number(summary[1]), failed: Number(summary[2]), skipped: Number(summary[3] ?? 0) };
          console.log(`  | ${line}`);
        }
      },
    });
    say(`${suite.name}: the workbench reported exit code ${exitCode}`);
  } finally {
    await server.stop();
    say(`${suite.name}: code-server and its process group are stopped`);
    printExtensionHostLogs(server.userDataDir);
  }
  if (!argv.has('--keep')) rmSync(join(suiteDir, 'user-data'), { recursive: true, force: true });
  // A host that crashed or timed out reports no summary: count that as one failure.
  const result = counts ?? { passed: 0, failed: 1, skipped: 0 };
  if (exitCode !== 0 && result.failed === 0) result.failed = 1;
  return { ...result, screenshots: requests };
}

async function main() {
  const installDir = ensureCodeServer(codeServerDir());
  const vscodeDir = join(installDir, 'node_modules', 'code-server', 'lib', 'vscode');
  if (!argv.has('--no-build')) build();
  const outDir = await compileE2eTests();
  say('built the extension and the tests');

  const results = [{ name: 'grammar', ...(await runNodeSuites(outDir, join(vscodeDir, 'node_modules'))) }];
  const runDir = join(root, '.vscode-test', 'run');
  rmSync(runDir, { recursive: true, force: true });
  const extensionPath = argv.has('--vsix') ? unpackVsix(join(root, '.vscode-test', 'vsix')) : root;
  for (const suite of HOST_SUITES) {
    const result = await runHostSuite(suite, { installDir, outDir, runDir, extensionPath });
    results.push({ name: suite.name, ...result });
    if (argv.has('--update-images') && suite.dir === 'suite') copyScreenshots(result.screenshots);
  }

  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const r of results) {
    say(`${r.name}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`);
    for (const key of Object.keys(total)) total[key] += r[key];
  }
  console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
  return total.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (err) => {
    console.error(err?.stack ?? String(err));
    await stopServer();
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
