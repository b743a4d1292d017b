/**
 * The layer order of ARCHITECTURE.md is enforced by eslint.config.mjs: an import that climbs to a
 * higher layer fails `npm run lint` with a message that says what the layer may import.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { REPO_ROOT } from '../../helpers/lspClient';

/** Only the import rules: no type information needed, so no TypeScript program is built. */
function linter(): ESLint {
  return new ESLint({
    cwd: REPO_ROOT,
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false, project: null } },
      rules: { '@typescript-eslint/no-floating-promises': 'off' },
    },
  });
}

async function layerMessages(file: string, source: string): Promise<string[]> {
  const [result] = await linter().lintText(source, { filePath: join(REPO_ROOT, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint: the layer order', function () {
  this.timeout(60_000);

  it('fails an import from a higher layer, saying which layers this one may import', async () => {
    const messages = await layerMessages('server/src/rules/parseError.ts', "import { analyze } from '../analysis/analyze';\nexport const a = analyze;\n");
    assert.equal(messages.length, 1);
    assert.match(messages[0], /server\/src\/rules may import only model, specs, tree, typosquat, registries/);
  });

  it('keeps the model the floor, and the two adapters apart', async () => {
    assert.match((await layerMessages('server/src/model/names.ts', "import type { Rule } from '../rules/types';\nexport type R = Rule;\n"))[0], /server\/src\/model is the floor/);
    assert.equal((await layerMessages('server/src/lsp/commands.ts', "import { scanFiles } from '../cli/scan';\nexport const s = scanFiles;\n")).length, 1);
    assert.equal((await layerMessages('server/src/registries/npm/npmClient.ts', "import type { OffThread } from '../../offthread/pool';\nexport type O = OffThread;\n")).length, 1);
  });

  it('lets a layer import the layers below it', async () => {
    assert.deepEqual(await layerMessages('server/src/rules/parseError.ts', "import type { Manifest } from '../model/model';\nimport type { LockTree } from '../tree/model';\nexport type M = [Manifest, LockTree];\n"), []);
  });

  it('lets the client import only the protocol', async () => {
    assert.equal((await layerMessages('client/src/statusBar.ts', "import { analyze } from '../../server/src/analysis/analyze';\nexport const a = analyze;\n")).length, 1);
    assert.deepEqual(await layerMessages('client/src/statusBar.ts', "import type { StatusParams } from '../../server/src/lsp/protocol';\nexport type S = StatusParams;\n"), []);
  });
});

describe('lint: contracts and process-wide state', function () {
  this.timeout(60_000);

  async function messages(file: string, source: string, rule: string): Promise<string[]> {
    const [result] = await linter().lintText(source, { filePath: join(REPO_ROOT, file) });
    return result.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
  }

  it("fails a layer's types.ts that imports a file of its own layer, and still applies the layer order to it", async () => {
    const own = await messages('server/src/typosquat/types.ts', "import type { NameStore } from './store';\nexport type S = NameStore;\n", 'no-restricted-imports');
    assert.equal(own.length, 1);
    assert.match(own[0], /Contract violation: a layer's types.ts imports no file of its own layer/);
    const higher = await messages('server/src/typosquat/types.ts', "import type { Rule } from '../rules/types';\nexport type R = Rule;\n", 'no-restricted-imports');
    assert.match(higher[0], /server\/src\/typosquat may import only model/);
    assert.deepEqual(await messages('server/src/typosquat/store.ts', "import type { NameTable } from './types';\nexport type T = NameTable;\n", 'no-restricted-imports'), []);
  });

  it('fails a cache created at module level, and lets an object own one', async () => {
    const moduleLevel = await messages('server/src/specs/npm.ts', "import { BoundedMemo } from '../model/memo';\nconst meanings = new BoundedMemo<string>(10);\nexport const m = meanings;\n", 'no-restricted-syntax');
    assert.equal(moduleLevel.length, 1);
    assert.match(moduleLevel[0], /A cache at module level is a process-wide singleton/);
    assert.equal((await messages('server/src/specs/npm.ts', "import { BoundedMemo } from '../model/memo';\nexport const meanings = new BoundedMemo<string>(10);\n", 'no-restricted-syntax')).length, 1);
    const owned = "import { BoundedMemo } from '../model/memo';\nexport function create(): BoundedMemo<string> {\n  return new BoundedMemo<string>(10);\n}\nexport class Owner {\n  readonly memo = new BoundedMemo<string>(10);\n}\n";
    assert.deepEqual(await messages('server/src/specs/npm.ts', owned, 'no-restricted-syntax'), []);
  });
});

describe('lint: ARCHITECTURE.md states the order ESLint enforces', () => {
  /** `name: ['a', 'b'],` lines of eslint.config.mjs's LAYERS table. */
  function eslintLayers(): Map<string, string[]> {
    const config = readFileSync(join(REPO_ROOT, 'eslint.config.mjs'), 'utf8');
    const body = /const LAYERS = \{([\s\S]*?)\n\};/.exec(config)?.[1] ?? '';
    return new Map([...body.matchAll(/^\s*(\w+): \[([^\]]*)\]/gm)].map((m) => [m[1], [...m[2].matchAll(/'(\w+)'/g)].map((n) => n[1])]));
  }

  /** The rows of ARCHITECTURE.md's "Layers" table for server/src folders. */
  function documentedLayers(): Map<string, string[]> {
    const doc = readFileSync(join(REPO_ROOT, 'ARCHITECTURE.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Layers'));
    return new Map(
      [...section.matchAll(/^\| `(\w+)`\s*\| ([^|]*?)\s*\|$/gm)].map((m) => [m[1], m[2].startsWith('nothing') ? [] : m[2].split(',').map((n) => n.trim())]),
    );
  }

  it('has one row per layer, listing exactly the layers eslint.config.mjs lets it import', () => {
    const enforced = eslintLayers();
    assert.ok(enforced.size >= 10, `read ${enforced.size} layers from eslint.config.mjs`);
    assert.deepEqual(documentedLayers(), enforced);
  });
});
