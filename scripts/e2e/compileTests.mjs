// Transpiles test/e2e/**/*.ts to out/test/e2e/ and the helpers they share with the other tests to
// out/test/helpers/ (one CommonJS file per source, not bundled: the tests import `vscode` from the
// extension host and mocha from node_modules at run time).
// Type checking is tsc's job (`npm test`, tsconfig includes test/e2e); this is only the fast path.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const E2E_OUT = join(root, 'out', 'test', 'e2e');

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Test helpers the e2e suites use besides their own files: the local registry, and what it needs. */
const HELPERS = ['test/helpers/fixtureServer.ts', 'test/helpers/zip.ts'];

export async function compileE2eTests() {
  const entryPoints = [...sources(join(root, 'test', 'e2e')).map((f) => relative(root, f)), ...HELPERS];
  // Start empty: a test file deleted from test/e2e must not keep running from a stale build.
  rmSync(E2E_OUT, { recursive: true, force: true });
  await build({
    entryPoints,
    outbase: 'test',
    outdir: join(root, 'out', 'test'),
    absWorkingDir: root,
    bundle: false,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return E2E_OUT;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await compileE2eTests();
}
