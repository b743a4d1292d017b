/**
 * A large npm packument read without building all of it: a full document is mostly text no rule
 * reads (readmes, per-version descriptions, devDependencies, maintainers…), and JSON.parse of a
 * 20 MB one builds ~100 MB of objects only to drop them. This scanner walks the bytes, skipping
 * strings and values it does not need without decoding them, parses each version object on its
 * own (a few kilobytes) and keeps from it only the fields parsePackument reads.
 *
 * The result is the document parsePackument would have seen, minus fields it ignores, so the
 * facts are the same (test/unit/registries/packumentSlim.test.ts compares both on every fixture).
 * Anything unexpected in the structure (not an object, a truncated body) gives undefined, and the
 * caller parses the whole document as before. UTF-8 continuation bytes are never ASCII, so the
 * structural characters found byte by byte are the real ones.
 */
import type { JsonObject } from '../json';
import { INSTALL_SCRIPTS } from './packument';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Top-level fields parsePackument reads; the rest (readme, users, maintainers…) is skipped. */
const TOP_LEVEL = new Set(['name', 'dist-tags', 'time', 'modified', 'description', 'license', 'repository', 'homepage']);
/** Per-version fields parsePackument and addReleaseFacts read. */
const VERSION_FIELDS = ['_id', '_npmUser', '_npmVersion', 'deprecated', 'dependencies', 'optionalDependencies', 'gypfile', 'hasInstallScript', 'description', 'license', 'repository', 'homepage'];

class Malformed extends Error {}

/** The packument with only what parsePackument reads; undefined when the bytes are not an object this scanner can walk. */
export function slimPackument(bytes: Uint8Array): JsonObject | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const scan = new Scanner(buffer);
    // A UTF-8 byte-order mark is tolerated, as parseJsonBody does.
    if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) scan.at = 3;
    const root: JsonObject = {};
    scan.members((key) => {
      if (key === 'versions') {
        const versions: JsonObject = {};
        if (!scan.isObject()) return define(root, key, scan.value());
        scan.members((version) => define(versions, version, slimVersion(scan.value())));
        define(root, key, versions);
      } else if (TOP_LEVEL.has(key)) define(root, key, scan.value());
      else scan.skip();
    });
    scan.whitespace();
    if (scan.at !== buffer.length) throw new Malformed('trailing bytes');
    return root;
  } catch (err) {
    if (err instanceof Malformed || err instanceof SyntaxError) return undefined;
    throw err;
  }
}

/** One version object cut to the fields read; anything else (an array, a string) is kept as it was. */
function slimVersion(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const doc = value as JsonObject;
  const kept: JsonObject = {};
  for (const key of VERSION_FIELDS) if (Object.prototype.hasOwnProperty.call(doc, key)) define(kept, key, doc[key]);
  const scripts = own(doc, 'scripts');
  if (scripts !== undefined) {
    if (typeof scripts === 'object' && scripts !== null && !Array.isArray(scripts)) {
      const installing: JsonObject = {};
      for (const name of INSTALL_SCRIPTS) if (Object.prototype.hasOwnProperty.call(scripts, name)) define(installing, name, (scripts as JsonObject)[name]);
      define(kept, 'scripts', installing);
    } else define(kept, 'scripts', scripts);
  }
  const dist = own(doc, 'dist');
  if (dist !== undefined) {
    if (typeof dist === 'object' && dist !== null && !Array.isArray(dist)) {
      const slim: JsonObject = {};
      for (const key of ['unpackedSize', 'fileCount', 'signatures']) if (Object.prototype.hasOwnProperty.call(dist, key)) define(slim, key, key === 'signatures' ? true : (dist as JsonObject)[key]);
      // Only whether attestations are an object is read.
      const attestations = own(dist as JsonObject, 'attestations');
      if (attestations !== undefined) define(slim, 'attestations', typeof attestations === 'object' && attestations !== null && !Array.isArray(attestations) ? {} : attestations);
      define(kept, 'dist', slim);
    } else define(kept, 'dist', dist);
  }
  return kept;
}

function own(obj: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** An own property even for `__proto__`, as JSON.parse makes it; a later duplicate key wins, as in JSON.parse. */
function define(obj: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

class Scanner {
  at = 0;

  constructor(private readonly b: Buffer) {}

  whitespace(): void {
    const b = this.b;
    while (this.at < b.length && (b[this.at] === 0x20 || b[this.at] === 0x0a || b[this.at] === 0x0d || b[this.at] === 0x09)) this.at++;
  }

  isObject(): boolean {
    this.whitespace();
    return this.b[this.at] === OPEN_OBJECT;
  }

  /** Calls `each(key)` with the scanner on the member's value, which `each` must consume. */
  members(each: (key: string) => void): void {
    this.whitespace();
    this.expect(OPEN_OBJECT);
    this.whitespace();
    if (this.b[this.at] === CLOSE_OBJECT) {
      this.at++;
      return;
    }
    for (;;) {
      this.whitespace();
      const start = this.at;
      this.skipString();
      const key = JSON.parse(this.b.toString('utf8', start, this.at)) as string;
      this.whitespace();
      this.expect(COLON);
      each(key);
      this.whitespace();
      const next = this.b[this.at++];
      if (next === CLOSE_OBJECT) return;
      if (next !== COMMA) throw new Malformed('expected , or }');
    }
  }

  /** The next value, parsed. */
  value(): unknown {
    this.whitespace();
    const start = this.at;
    this.skip();
    return JSON.parse(this.b.toString('utf8', start, this.at));
  }

  /** Moves past the next value without decoding it (its syntax inside is checked by the parse that reads it, if any). */
  skip(): void {
    this.whitespace();
    const b = this.b;
    const first = b[this.at];
    if (first === QUOTE) return this.skipString();
    if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
      let depth = 0;
      while (this.at < b.length) {
        const c = b[this.at];
        if (c === QUOTE) {
          this.skipString();
          continue;
        }
        if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
        else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
        this.at++;
        if (depth === 0) return;
      }
      throw new Malformed('unterminated value');
    }
    const start = this.at;
    while (this.at < b.length && b[this.at] !== COMMA && b[this.at] !== CLOSE_OBJECT && b[this.at] !== CLOSE_ARRAY && b[this.at] > 0x20) this.at++;
    if (this.at === start) throw new Malformed('expected a value');
  }

  /** Strings are most of the bytes: the closing quote is found natively, then checked for an odd run of backslashes before it. */
  private skipString(): void {
    const b = this.b;
    this.expect(QUOTE);
    for (;;) {
      const quote = b.indexOf(QUOTE, this.at);
      if (quote === -1) throw new Malformed('unterminated string');
      let backslashes = 0;
      while (quote - 1 - backslashes >= this.at && b[quote - 1 - backslashes] === BACKSLASH) backslashes++;
      this.at = quote + 1;
      if (backslashes % 2 === 0) return;
    }
  }

  private expect(byte: number): void {
    if (this.b[this.at] !== byte) throw new Malformed(`expected ${String.fromCharCode(byte)}`);
    this.at++;
  }
}
