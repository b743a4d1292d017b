/**
 * The floor under the server's idle memory: the resident memory of a `node` that holds nothing,
 * and of one that holds only the typosquat index of the three ecosystems (read from the prebuilt
 * tables of dist/data, as the server reads them) and no server code at all. Each is read after
 * `settleMs` without activity, as the server's idle figure is. Linux only (/proc), as the rest.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../test/helpers/lspClient';

const LOAD_JS = join(__dirname, '..', 'server', 'src', 'typosquat', 'load.js');
const DATA_DIR = join(REPO_ROOT, 'dist', 'data');

/** The child's script: optionally load the index and check a name of each ecosystem, then wait and print /proc/self/status. */
function script(withIndex: boolean, settleMs: number): string {
  const load = `const index = require(${JSON.stringify(LOAD_JS)}).loadNameIndex(${JSON.stringify(DATA_DIR)});
for (const [e, n] of [['npm', 'crossenv'], ['pypi', 'urlib3'], ['nuget', 'Newtonsoft.Jsoon']]) if (!index.check(e, n).lookalike) throw new Error('no index for ' + e);`;
  // The index is used again after the wait, so it is still held when memory is read.
  return `${withIndex ? load : ''}
setTimeout(() => { ${withIndex ? "index.check('npm', 'react');" : ''} process.stdout.write(require('node:fs').readFileSync('/proc/self/status', 'utf8')); }, ${settleMs});`;
}

function residentMbOf(withIndex: boolean, settleMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script(withIndex, settleMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const m = /VmRSS:\s+(\d+) kB/.exec(out);
      if (code !== 0 || !m) reject(new Error(`idle floor: the child exited with ${code}`));
      else resolve(Number(m[1]) / 1024);
    });
  });
}

export async function idleFloorMb(settleMs: number): Promise<{ bareNodeMb: number; indexOnlyMb: number }> {
  const [bareNodeMb, indexOnlyMb] = await Promise.all([residentMbOf(false, settleMs), residentMbOf(true, settleMs)]);
  return { bareNodeMb, indexOnlyMb };
}
