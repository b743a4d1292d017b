/**
 * jsonc-parser's `parseTree`, a step at a time, for well-formed documents: a 60,000-dependency
 * package.json is 1.3 MB, and building its tree in one go held the language server's thread for
 * 60–120 ms. The tree is the one `parseTree` builds (same nodes, offsets, lengths, values, colon
 * offsets; test/unit/manifests/jsonTreeInSteps.test.ts compares them), so everything that reads
 * it stays as it is.
 *
 * Only JSON that parses without a single error is built here: at the first error the answer is
 * undefined and the caller runs `parseTree` itself, whose error recovery (a half-typed file still
 * yields every dependency it can) is not worth copying.
 */
import { createScanner, type Node } from 'jsonc-parser';
import type { Steps } from '../model/steps';

// jsonc-parser's SyntaxKind and ScanError are const enums its package does not export as values.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const COLON = 6;
const NULL = 7;
const TRUE = 8;
const FALSE = 9;
const STRING = 10;
const NUMBER = 11;
const FIRST_TRIVIA = 12;
const LAST_TRIVIA = 15;
const EOF = 17;
const NO_SCAN_ERROR = 0;

/** What the next token may be. */
const enum Want {
  /** A value, where `]` may also close the array (after `[` or a comma in an array). */
  Value,
  /** A property name or `}` (after `{` or a comma in an object). */
  Key,
  Colon,
  /** A comma or the end of the container (or of the text, at the top). */
  After,
}

/** A node while it is built: jsonc-parser's Node with its fields still writable. */
interface Building {
  type: Node['type'];
  offset: number;
  length: number;
  value?: unknown;
  colonOffset?: number;
  parent?: Building;
  children?: Building[];
}

/** The tree `parseTree(text, [], { allowTrailingComma: true })` builds, pausing every `tokensPerStep` tokens; undefined when the text has any error. */
export function* jsonTreeInSteps(text: string, tokensPerStep: number): Steps<Node | undefined> {
  const scanner = createScanner(text, false);
  // As in parseTree: an artificial array holds the root value.
  const top: Building = { type: 'array', offset: -1, length: -1, children: [], parent: undefined };
  let parent: Building = top;
  // Widened: closeContainer below assigns it too, which narrowing in the loop cannot see.
  let want = Want.Value as Want;
  let tokens = 0;
  // A property whose value is complete ends there, and its object becomes the parent again.
  const completeProperty = (end: number) => {
    if (parent.type !== 'property') return;
    parent.length = end - parent.offset;
    parent = parent.parent as Building;
  };
  for (;;) {
    if (++tokens % tokensPerStep === 0) yield;
    const token = scanner.scan();
    if (scanner.getTokenError() !== NO_SCAN_ERROR) return undefined;
    if (token >= FIRST_TRIVIA && token <= LAST_TRIVIA) continue;
    const offset = scanner.getTokenOffset();
    const length = scanner.getTokenLength();
    switch (want) {
      case Want.Key:
        if (token === STRING) {
          const property: Building = { type: 'property', offset, length: -1, parent, children: [] };
          parent.children!.push(property);
          property.children!.push({ type: 'string', value: scanner.getTokenValue(), offset, length, parent: property });
          parent = property;
          want = Want.Colon;
          continue;
        }
        if (token === CLOSE_BRACE && parent.type === 'object') {
          closeContainer(offset + length);
          continue;
        }
        return undefined;
      case Want.Colon:
        if (token !== COLON) return undefined;
        parent.colonOffset = offset;
        want = Want.Value;
        continue;
      case Want.After:
        if (parent === top) return token === EOF ? finish() : undefined;
        if (token === COMMA) {
          want = parent.type === 'object' ? Want.Key : Want.Value;
          continue;
        }
        if ((token === CLOSE_BRACE && parent.type === 'object') || (token === CLOSE_BRACKET && parent.type === 'array')) {
          closeContainer(offset + length);
          continue;
        }
        return undefined;
      case Want.Value: {
        if (token === CLOSE_BRACKET && parent.type === 'array' && parent !== top) {
          closeContainer(offset + length);
          continue;
        }
        if (token === OPEN_BRACE || token === OPEN_BRACKET) {
          const container: Building = { type: token === OPEN_BRACE ? 'object' : 'array', offset, length: -1, parent, children: [] };
          parent.children!.push(container);
          parent = container;
          want = token === OPEN_BRACE ? Want.Key : Want.Value;
          continue;
        }
        const literal = literalOf(token, scanner.getTokenValue());
        if (!literal) return undefined;
        parent.children!.push({ ...literal, offset, length, parent });
        completeProperty(offset + length);
        want = Want.After;
        continue;
      }
    }
  }

  function closeContainer(end: number): void {
    parent.length = end - parent.offset;
    parent = parent.parent as Building;
    completeProperty(end);
    want = Want.After;
  }

  function finish(): Node | undefined {
    const root = top.children![0];
    if (root) delete root.parent;
    return root as Node | undefined;
  }
}

function literalOf(token: number, text: string): Pick<Building, 'type' | 'value'> | undefined {
  switch (token) {
    case STRING:
      return { type: 'string', value: text };
    case NUMBER: {
      const value = Number(text);
      return Number.isNaN(value) ? undefined : { type: 'number', value };
    }
    case NULL:
      return { type: 'null', value: null };
    case TRUE:
      return { type: 'boolean', value: true };
    case FALSE:
      return { type: 'boolean', value: false };
    default:
      return undefined;
  }
}
