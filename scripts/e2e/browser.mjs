// Drives the workbench in headless Debian Chromium: opens the test payload URL (the mechanism VS
// Code's own browser integration tests use), forwards the workbench log, serves the tests'
// requests (screenshots, clicks) and resolves with the exit code the workbench reports when the suite
// settles.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Without the background-networking flags Chromium keeps dialling Google's hosts, which this network refuses. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export function launchChromium() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install chromium\` (see .ci/run).`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** `vscode-remote://` URIs make the workbench load the extension and the tests on the server side. */
export function payloadUrl(serverUrl, { workspace, extensionPath, testsPath }) {
  const authority = new URL(serverUrl).host;
  const remote = (path) => `vscode-remote://${authority}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(testsPath)],
  ];
  return `${serverUrl}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** What the runner does for a request file the tests leave: `NAME.screenshot` and `NAME.click`. */
const REQUESTS = {
  // Writes NAME.png; the short wait lets the editor finish painting the hover or widget just opened.
  async screenshot(page, dir, name) {
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(dir, `${name}.png`) });
  },
  // Clicks the button whose label the file holds (a decision no API can make, e.g. trusting), then writes NAME.clicked.
  async click(page, dir, name, label) {
    await page.getByRole('button', { name: label, exact: true }).first().click({ timeout: 10_000 });
    writeFileSync(join(dir, `${name}.clicked`), '');
  },
};

/**
 * Serves the requests the tests drop into `dir`. Files rather than log lines, so it does not
 * depend on how the workbench forwards extension host output.
 */
function serveRequests(page, dir, log) {
  let busy = false;
  const timer = setInterval(async () => {
    if (busy || !existsSync(dir)) return;
    busy = true;
    try {
      for (const file of readdirSync(dir)) {
        const match = /^(.+)\.(screenshot|click)$/.exec(file);
        if (!match) continue;
        const [, name, kind] = match;
        const content = readFileSync(join(dir, file), 'utf8');
        rmSync(join(dir, file), { force: true });
        try {
          await REQUESTS[kind](page, dir, name, content);
        } catch (err) {
          log('error', `${kind} "${name}" failed: ${err?.message ?? err}`);
        }
      }
    } finally {
      busy = false;
    }
  }, 150);
  return () => clearInterval(timer);
}

/** The workbench forwards extension host console calls as their argument lists: format them as console.log would. */
function consoleText(message) {
  if (Array.isArray(message)) return format(...message);
  return typeof message === 'string' ? message : JSON.stringify(message);
}

export async function runInBrowser({ url, requestsDir, timeoutMs, log }) {
  const browser = await launchChromium();
  let stopRequests = () => {};
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const exit = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolve(typeof code === 'number' ? code : 1));
    });
    await page.exposeFunction('codeAutomationLog', (type, message) => log(type, consoleText(message)));
    page.on('pageerror', (err) => log('pageerror', err.message));
    if (requestsDir) stopRequests = serveRequests(page, requestsDir, log);
    await page.goto(url);
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => {
        log('error', `the suite did not finish within ${timeoutMs / 1000} s`);
        resolve(1);
      }, timeoutMs);
    });
    const code = await Promise.race([exit, timeout]);
    clearTimeout(timer);
    return code;
  } finally {
    stopRequests();
    await browser.close();
  }
}
