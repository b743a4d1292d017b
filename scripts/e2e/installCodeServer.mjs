// Installs code-server 4.100.3 (= VS Code 1.100.3, the last release that runs on Node 20) into a
// cache folder, the way ../shared/e2e-vscode.md measured it: its own postinstall would download
// ripgrep and prebuilt binaries from GitHub, which these machines cannot reach, so the script
// redoes that postinstall by hand with Debian's ripgrep and source builds of the native modules.
// Usage: node scripts/e2e/installCodeServer.mjs [cacheDir]   (also imported by run.mjs)
import { spawnSync } from 'node:child_process';
import { copyFileSync, chmodSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the cached install lives; `.vscode-test/` is ignored by git, as for @vscode/test-electron. */
export function codeServerDir(cacheRoot = join(root, '.vscode-test')) {
  return join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerEntry(dir) {
  return join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

// node-pty's install runs `npx node-gyp`, which this machine's npm config (`yes = false`) would
// refuse; native builds use Node's own headers from /usr/include/node (no header download).
const npmEnv = { ...process.env, npm_config_yes: 'true', npm_config_nodedir: '/usr', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

function run(cmd, args, cwd) {
  const started = Date.now();
  const result = spawnSync(cmd, args, { cwd, env: npmEnv, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed with ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  console.log(`  ${cmd} ${args.join(' ')}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function requireTool(path, aptPackage) {
  if (!existsSync(path)) throw new Error(`${path} is missing: install it with \`apt-get install ${aptPackage}\` (see .ci/run).`);
}

function relink(target, linkPath) {
  try {
    lstatSync(linkPath);
    rmSync(linkPath, { recursive: true, force: true });
  } catch {
    // nothing there yet
  }
  symlinkSync(target, linkPath);
}

/** Returns the install folder, installing first when the cache has no complete install. */
export function ensureCodeServer(dir = codeServerDir()) {
  const marker = join(dir, '.installed');
  if (existsSync(marker) && existsSync(codeServerEntry(dir))) return dir;

  requireTool('/usr/include/gssapi/gssapi.h', 'libkrb5-dev');
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => existsSync(p));
  if (!rg) requireTool('/usr/bin/rg', 'ripgrep');

  const started = Date.now();
  console.log(`Installing code-server ${CODE_SERVER_VERSION} into ${dir} (once; cached afterwards)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }, null, 2));
  run('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', '--no-package-lock', '--loglevel=error'], dir);
  // The prebuilt argon2 download fails here; node-pre-gyp then builds it from source.
  run('npm', ['rebuild', 'argon2', '--loglevel=error'], dir);

  const vscodeDir = join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock', '--loglevel=error'], vscodeDir);
  // With the binary in place, @vscode/ripgrep's postinstall skips its GitHub download.
  const rgBin = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgBin, { recursive: true });
  copyFileSync(rg, join(rgBin, 'rg'));
  chmodSync(join(rgBin, 'rg'), 0o755);
  run('npm', ['rebuild', '--loglevel=error'], vscodeDir);

  // The rest of code-server's own postinstall (ci/build/npm-postinstall.sh).
  relink('node_modules', join(vscodeDir, 'node_modules.asar'));
  relink('code-linux.sh', join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  relink('browser-linux.sh', join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  run('npm', ['install', '--omit=dev', '--no-package-lock', '--loglevel=error'], join(vscodeDir, 'extensions'));

  writeFileSync(marker, `${new Date().toISOString()}\n`);
  console.log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return dir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureCodeServer(process.argv[2] ? codeServerDir(resolve(process.argv[2])) : undefined);
}
