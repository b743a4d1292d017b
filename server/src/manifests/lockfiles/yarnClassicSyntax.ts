/**
 * The syntax of a yarn v1 lockfile, read the way yarn 1's own parser reads it
 * (yarn/src/lockfile/parse.js): one entry per line, nesting by two-space indentation,
 *
 *     "@scope/a@^1.0.0", a-alias@^1.1.0:      keys (quoted or bare), `:` opens an object
 *       version "1.1.0"                         key and value (quoted JSON string or bare word)
 *       dependencies:
 *         b "^2.0.0"
 *
 * Comments start with `#`. Written here rather than taken from `@yarnpkg/lockfile` because that
 * parser loops until memory runs out on a string or comment left open at the end of a cut-short
 * file, takes 40–60 ms for 2,000 packages (this one: a few), and builds objects a `__proto__` key
 * can reach into. Linear in the input; never throws.
 */
export type YarnValue = string | boolean | YarnObject;
export interface YarnObject {
  [key: string]: YarnValue;
}

export type YarnParse = { object: YarnObject } | { error: string };

export function parseYarnClassic(text: string): YarnParse {
  const root: YarnObject = Object.create(null) as YarnObject;
  const stack: YarnObject[] = [root];
  let lineNumber = 0;
  for (const raw of text.split('\n')) {
    lineNumber++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    let at = 0;
    while (at < line.length && line.charCodeAt(at) === 32) at++;
    if (at === line.length || line[at] === '#') continue;
    if (/^(<{7}|={7}|>{7})/.test(line)) return { error: `has merge conflict markers on line ${lineNumber}; resolve them (yarn install does) before it can be read` };
    if (at % 2 !== 0) return { error: `has an odd indentation on line ${lineNumber}` };
    const level = at / 2;
    if (level >= stack.length) return { error: `is indented deeper than its parent on line ${lineNumber}` };
    stack.length = level + 1;
    const parent = stack[level];

    const keys: string[] = [];
    for (;;) {
      const key = readToken(line, at, true);
      if (!key) return { error: `has an unreadable key on line ${lineNumber}` };
      keys.push(key.value);
      at = skipSpaces(line, key.end);
      if (line[at] !== ',') break;
      at = skipSpaces(line, at + 1);
    }
    const colon = line[at] === ':';
    if (colon) at = skipSpaces(line, at + 1);
    if (at >= line.length || line[at] === '#') {
      if (!colon) return { error: `has a key without a value on line ${lineNumber}` };
      const child = Object.create(null) as YarnObject;
      for (const key of keys) parent[key] = child; // every descriptor of an entry shares one object
      stack.push(child);
      continue;
    }
    const value = readToken(line, at, false);
    if (!value) return { error: `has an unreadable value on line ${lineNumber}` };
    const bare = value.quoted ? value.value : value.value === 'true' ? true : value.value === 'false' ? false : value.value;
    for (const key of keys) parent[key] = bare;
  }
  return { object: root };
}

function skipSpaces(line: string, at: number): number {
  while (at < line.length && (line.charCodeAt(at) === 32 || line.charCodeAt(at) === 9)) at++;
  return at;
}

/** A quoted JSON string, or a bare word (a key stops at `:` and `,` too). Undefined when unreadable. */
function readToken(line: string, start: number, isKey: boolean): { value: string; end: number; quoted: boolean } | undefined {
  if (line[start] === '"') {
    for (let i = start + 1; i < line.length; i++) {
      if (line[i] === '\\') i++;
      else if (line[i] === '"') {
        try {
          const value: unknown = JSON.parse(line.slice(start, i + 1));
          return typeof value === 'string' ? { value, end: i + 1, quoted: true } : undefined;
        } catch {
          return undefined;
        }
      }
    }
    return undefined; // a string left open: the file was cut short
  }
  let end = start;
  while (end < line.length) {
    const c = line[end];
    if (c === ' ' || c === '\t' || (isKey && (c === ':' || c === ','))) break;
    end++;
  }
  return end > start ? { value: line.slice(start, end), end, quoted: false } : undefined;
}
