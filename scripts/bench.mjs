// Runs every benchmark (out/bench/*.bench.js, compiled by tsc) one after another and prints
// their figures. `--json DIR` makes each write its figures to DIR/<name>.json for comparison.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'out', 'bench');
if (!existsSync(dir)) {
  console.error('out/bench is missing: run `npx tsc -p tsconfig.json` (npm run bench does it) first');
  process.exit(2);
}
// Arguments: names to select benchmarks, and `--json DIR`, passed on to each benchmark.
const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonArgs = jsonAt === -1 ? [] : ['--json', args[jsonAt + 1] ?? 'bench/results'];
const only = args.filter((a, i) => !a.startsWith('--') && !(jsonAt !== -1 && i === jsonAt + 1));
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.js') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${process.platform}/${process.arch}`);
let failed = 0;
for (const f of files) {
  console.log(`\n== ${f.replace('.bench.js', '')}`);
  const r = spawnSync(process.execPath, ['--expose-gc', join(dir, f), ...jsonArgs], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
