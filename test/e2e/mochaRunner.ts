/**
 * Runs the `*.test.js` files of one folder with mocha inside the extension host (VS Code loads an
 * `index.js` as `extensionTestsPath` and calls its `run()`), and ends with the plain
 * `N passed, N failed` line CI reads. A rejected promise makes VS Code exit with code 1.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export async function runSuites(dir: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(dir, file));
  const stats = await new Promise<Mocha.Stats | undefined>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  const { passes = 0, failures = 1, pending = 0 } = stats ?? {};
  console.log(`${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
  if (failures > 0) throw new Error(`${failures} end-to-end test${failures === 1 ? '' : 's'} failed`);
}
