// Starts and stops a private code-server for one test run: loopback only, no auth, fresh user
// data, extensions and XDG folders, so nothing of a previous run or of the machine leaks in.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { codeServerEntry } from './installCodeServer.mjs';

/** User settings of the test profile: nothing that opens editors, asks questions or phones home. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.enabled': false,
  // VS Code's npm extension would fetch package info for hovers: keep the run offline and the screenshots ours.
  'npm.fetchOnlinePackageInfo': false,
  'chat.commandCenter.enabled': false,
  'editor.hover.delay': 100,
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
  'workbench.colorTheme': 'Default Light Modern',
  // Tests never need the internet: every registry points at a closed loopback port, so registry
  // checks fail at once as "not checked" (suites that need a registry start their own on loopback).
  'manifestGuard.registries.npm': 'http://127.0.0.1:9/',
  'manifestGuard.registries.pypi': 'http://127.0.0.1:9/pypi',
  'manifestGuard.registries.nuget': 'http://127.0.0.1:9/v3/index.json',
  'manifestGuard.registries.osv': 'http://127.0.0.1:9/',
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Spawns code-server in its own process group (detached), so `stop()` can end it together with
 * the file watcher and extension host it forks; killing only the wrapper leaves those running.
 */
/**
 * `trusted: false` opens workspaces in restricted mode (no trust prompt: the tests grant trust
 * themselves when they want it); otherwise workspace trust is off, so every workspace is trusted.
 */
export async function startCodeServer({ installDir, runDir, trusted = true, env = {}, log = () => {} }) {
  const dirs = Object.fromEntries(['user-data', 'extensions', 'xdg-config', 'xdg-data'].map((name) => [name, join(runDir, name)]));
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(join(dirs['user-data'], 'User'), { recursive: true });
  const trustSettings = trusted ? {} : { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' };
  writeFileSync(join(dirs['user-data'], 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...trustSettings }, null, 2));

  const port = await freePort();
  const args = [
    codeServerEntry(installDir),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', dirs['user-data'],
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    ...(trusted ? ['--disable-workspace-trust'] : []),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--log', 'info',
  ];
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CONFIG_HOME: dirs['xdg-config'], XDG_DATA_HOME: dirs['xdg-data'], ...env },
  });
  const output = [];
  const collect = (chunk) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) output.push(line);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = false;
  child.once('exit', () => (exited = true));

  const stop = async () => {
    if (child.pid === undefined) return;
    for (const signal of ['SIGTERM', 'SIGKILL']) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        return; // the group is gone
      }
      for (let i = 0; i < 30; i++) {
        if (!groupAlive(child.pid)) return;
        await sleep(100);
      }
    }
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) {
        log(`code-server is up on ${url}`);
        return { url, port, userDataDir: dirs['user-data'], output, stop };
      }
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await stop();
  throw new Error(`code-server did not come up on ${url}:\n${output.join('\n')}`);
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
