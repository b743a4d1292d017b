/**
 * Loads a TextMate grammar with the tokenizer VS Code itself uses (vscode-textmate on the
 * vscode-oniguruma WASM regex engine). They are taken from the VS Code the e2e runner installed
 * (MANIFEST_GUARD_VSCODE_NODE_MODULES), so the grammar is tested exactly as VS Code 1.100 runs it,
 * or from the project's own node_modules when they are added there.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The few parts of vscode-textmate's API the tests use. */
export interface Token {
  startIndex: number;
  endIndex: number;
  scopes: string[];
}
interface RuleStack {
  readonly _ruleStackBrand?: undefined;
}
interface Grammar {
  tokenizeLine(line: string, stack: RuleStack | null): { tokens: Token[]; ruleStack: RuleStack };
}
interface TextMateModule {
  INITIAL: RuleStack;
  parseRawGrammar(content: string, filePath: string): object;
  Registry: new (options: { onigLib: Promise<object>; loadGrammar(scopeName: string): Promise<object | null> }) => { loadGrammar(scopeName: string): Promise<Grammar | null> };
}
interface OnigurumaModule {
  loadWASM(data: ArrayBuffer): Promise<void>;
  OnigScanner: new (patterns: string[]) => object;
  OnigString: new (text: string) => object;
}

function resolver(): NodeJS.Require {
  const fromVsCode = process.env.MANIFEST_GUARD_VSCODE_NODE_MODULES;
  return createRequire(fromVsCode ? join(fromVsCode, 'noop.js') : join(__dirname, '..', '..', '..', '..', 'package.json'));
}

let wasmLoaded: Promise<void> | undefined;

/** Tokenizes `text` line by line; returns each line's tokens. */
export async function loadGrammar(grammarPath: string, scopeName: string): Promise<(text: string) => Token[][]> {
  const load = resolver();
  const textmate = load('vscode-textmate') as TextMateModule;
  const oniguruma = load('vscode-oniguruma') as OnigurumaModule;
  if (!wasmLoaded) {
    const wasm = readFileSync(join(dirname(load.resolve('vscode-oniguruma')), 'onig.wasm'));
    wasmLoaded = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  }
  await wasmLoaded;
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (name) => (name === scopeName ? textmate.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null),
  });
  const grammar = await registry.loadGrammar(scopeName);
  if (!grammar) throw new Error(`cannot load ${scopeName} from ${grammarPath}`);
  return (text) => {
    let stack: RuleStack = textmate.INITIAL;
    return text.split('\n').map((line) => {
      const result = grammar.tokenizeLine(line, stack);
      stack = result.ruleStack;
      return result.tokens;
    });
  };
}
