/**
 * The standard @vscode/test-electron runner for the same extension-host suite, for machines that
 * can download VS Code (these cannot: there `npm run test:e2e` runs it in code-server instead).
 * Usage: npm run test:e2e:electron   (VS Code version: VSCODE_TEST_VERSION, default 1.100.3)
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  const root = resolve(__dirname, '..', '..', '..');
  // The tests edit manifests and write workspace settings: give them a copy of examples/.
  const scratch = mkdtempSync(join(tmpdir(), 'manifest-guard-e2e-'));
  const workspace = join(scratch, 'workspace');
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_TEST_VERSION ?? '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: join(__dirname, 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${join(scratch, 'user-data')}`],
    });
    return 0;
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
