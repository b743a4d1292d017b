// Bundles the three shipped programs with esbuild: the VS Code client, the language server and
// the CLI. Each is one CommonJS file in dist/; `vscode` is provided by the editor at run time.
// Usage: node scripts/build.mjs [--watch] [--minify]
import { build, context } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  minify,
  logLevel: 'warning',
  absWorkingDir: root,
  // jsonc-parser's UMD build requires its modules dynamically, which a bundle cannot follow: take ESM builds.
  mainFields: ['module', 'main'],
};

const targets = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // The long-lived server keeps its whole source in memory (V8 compiles functions lazily from it),
  // and one non-Latin-1 character in a dependency's comment made that 2 MB bundle a two-byte
  // string of 4 MB: its comments and indentation are dropped (1.1 MB, ASCII), names kept.
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', minifyWhitespace: true },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // Large registry documents and typosquat tables are built in a worker thread (offthread/), which
  // the server and the CLI start from this file beside them.
  { entryPoints: ['server/src/offthread/worker.ts'], outfile: 'dist/worker.js', minifyWhitespace: true },
];

// The popularity lists ship as data files next to the bundles (read at start, not bundled as JS).
function copyData() {
  const from = join(root, 'data');
  if (!existsSync(from)) return;
  const to = join(root, 'dist', 'data');
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  cpSync(from, to, { recursive: true });
}

// The typosquat tables, prebuilt from the lists just copied (dist/data/*.table.bin): the server
// and the CLI then read them as typed arrays instead of building them at start. Generated, not
// committed: npm's is ~7 MB of random hashes. The builder is the server's own code, bundled to a
// temporary file and run, so the tables are built exactly as the server would build them.
async function writeTables() {
  const to = join(root, 'dist', 'data');
  if (!existsSync(to)) return;
  const result = await build({
    ...common,
    sourcemap: false,
    write: false,
    stdin: { contents: "import { writeTableFiles } from './server/src/typosquat/load'; console.log(JSON.stringify(writeTableFiles(process.argv[2])));", resolveDir: root, loader: 'ts' },
  });
  const dir = mkdtempSync(join(tmpdir(), 'mg-tables-'));
  try {
    const script = join(dir, 'write-tables.cjs');
    writeFileSync(script, result.outputFiles[0].contents);
    execFileSync(process.execPath, [script, to], { stdio: ['ignore', 'ignore', 'inherit'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (watch) {
  copyData();
  await writeTables();
  for (const t of targets) {
    const ctx = await context({ ...common, ...t });
    await ctx.watch();
  }
  console.log('watching…');
} else {
  await Promise.all(targets.map((t) => build({ ...common, ...t })));
  copyData();
  await writeTables();
}
