// Bundles the three shipped programs with esbuild: the VS Code client, the language server and
// the CLI. Each is one CommonJS file in dist/; `vscode` is provided by the editor at run time.
// Usage: node scripts/build.mjs [--watch] [--minify]
import { build, context } from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
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
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // Large registry documents and typosquat tables are built in a worker thread (offthread/), which
  // the server and the CLI start from this file beside them.
  { entryPoints: ['server/src/offthread/worker.ts'], outfile: 'dist/worker.js' },
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

if (watch) {
  copyData();
  for (const t of targets) {
    const ctx = await context({ ...common, ...t });
    await ctx.watch();
  }
  console.log('watching…');
} else {
  await Promise.all(targets.map((t) => build({ ...common, ...t })));
  copyData();
}
