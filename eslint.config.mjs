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

function layerPattern(folder) {
  const allowed = LAYERS[folder];
  const forbidden = FOLDERS.filter((f) => f !== folder && !allowed.includes(f));
  const may = allowed.length > 0 ? `may import only ${allowed.join(', ')}` : 'is the floor and imports no other layer';
  return {
    regex: climbingInto(forbidden),
    message: `Layer violation: server/src/${folder} ${may} (ARCHITECTURE.md, "Layers"). Move the shared code down a layer, or pass it in.`,
  };
}

/**
 * A layer's `types.ts` is its contract: the plain types the layers above program against. It
 * imports no file of its own layer, so reading the contract never pulls in an implementation.
 */
const CONTRACT_PATTERN = {
  regex: '^\\./',
  message: 'Contract violation: a layer\'s types.ts imports no file of its own layer (ARCHITECTURE.md, "Layers"); move the plain type into types.ts.',
};

// A later config's options replace an earlier one's for the same rule, so types.ts repeats its layer's pattern.
function layerRules(folder) {
  const rule = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
  return [
    { files: [`server/src/${folder}/**/*.ts`], rules: rule([layerPattern(folder)]) },
    { files: [`server/src/${folder}/types.ts`], rules: rule([layerPattern(folder), CONTRACT_PATTERN]) },
  ];
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
  ...FOLDERS.flatMap(layerRules),
  {
    // A cache held by a module is one per process that every caller shares by import; the factory
    // (analysis/services.ts) owns process-wide state and hands it down (ARCHITECTURE.md, "Layers").
    files: ['server/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          // Our caches' classes are named so: BoundedMemo, ProjectFileMemo, LruMap, LockGraphCache, FileCache…
          selector: ':matches(Program, ExportNamedDeclaration) > VariableDeclaration > VariableDeclarator > NewExpression[callee.name=/(Memo|Cache|LruMap)$/]',
          message: 'A cache at module level is a process-wide singleton reached by import: let an object the adapter builds (getAnalysisServices, or the caller) own it and pass it in.',
        },
      ],
    },
  },
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
