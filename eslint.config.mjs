// Lint: the layer order of ARCHITECTURE.md ("Layers"), promises that are awaited or voided on
// purpose, and type-only imports marked as such. Formatting is not linted.
import tseslint from 'typescript-eslint';

/**
 * The server's layers, lowest first, each with the folders below it that it may import. A folder
 * imports only its own files and those listed; anything else is a layer violation. Keep this table
 * and ARCHITECTURE.md's in step.
 */
const LAYERS = {
  model: [],
  specs: ['model'],
  typosquat: ['model'],
  tree: ['model', 'specs'],
  manifests: ['model', 'specs', 'tree'],
  registries: ['model', 'specs', 'tree'],
  offthread: ['model', 'registries', 'typosquat'],
  rules: ['model', 'specs', 'tree', 'typosquat', 'registries'],
  analysis: ['model', 'specs', 'tree', 'typosquat', 'manifests', 'registries', 'offthread', 'rules'],
  lsp: ['model', 'specs', 'tree', 'typosquat', 'manifests', 'registries', 'offthread', 'rules', 'analysis'],
  cli: ['model', 'specs', 'tree', 'typosquat', 'manifests', 'registries', 'offthread', 'rules', 'analysis'],
};
const FOLDERS = Object.keys(LAYERS);

/** A relative import that climbs out of the folder and into one of `folders` (or the CLI entry). */
const climbingInto = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;

function layerRule(folder) {
  const allowed = LAYERS[folder];
  const forbidden = FOLDERS.filter((f) => f !== folder && !allowed.includes(f));
  const may = allowed.length > 0 ? `may import only ${allowed.join(', ')}` : 'is the floor and imports no other layer';
  return {
    files: [`server/src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: climbingInto(forbidden),
              message: `Layer violation: server/src/${folder} ${may} (ARCHITECTURE.md, "Layers"). Move the shared code down a layer, or pass it in.`,
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'data/**', 'examples/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    // Directives written for other linters (typosquat/describe.ts) are left alone.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  ...FOLDERS.map(layerRule),
  {
    files: ['server/src/cli.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\./lsp(/|$)', message: 'Layer violation: the CLI entry may import every layer but lsp (ARCHITECTURE.md, "Layers").' }] }],
    },
  },
  {
    // The client runs in VS Code's extension host: it shares only the protocol's types with the server.
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: 'server/src/(?!lsp/protocol$)', message: 'Layer violation: the client may import only server/src/lsp/protocol (ARCHITECTURE.md, "Layers"); everything else runs in the server.' }] },
      ],
    },
  },
);
