/**
 * An npm packument read as it arrives, keeping only what parsePackument reads. A full document is
 * mostly text no rule reads (readmes, per-version descriptions, devDependencies, maintainers…):
 * JSON.parse of a 20 MB one builds ~100 MB of objects only to drop them, and holding the whole
 * body first costs its size again. This reader takes the body a chunk at a time (decoded: the
 * HTTP client hands over gzip answers inflated), walks the bytes, skips what it does not need
 * without keeping or decoding it, and keeps from each version only the fields read, each parsed
 * on its own (a few bytes to a few kilobytes). Memory is that of the result plus one field.
 *
 * The result is the document parsePackument would have seen, minus fields it ignores, so the
 * facts are the same (test/unit/registries/packumentSlim.test.ts compares both on every fixture,
 * fed whole and in chunks of every size). Anything unexpected in the structure (not an object, a
 * truncated body) gives undefined. UTF-8 continuation bytes are never ASCII, so the structural
 * characters found byte by byte are the real ones.
 *
 * Bounds no real packument reaches keep a document built to exhaust memory from doing so: a kept
 * field over its cap reads as unknown; more versions than MAX_VERSIONS, or more than MAX_KEPT_BYTES
 * kept in all, make the document too large.
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
const BOM = [0xef, 0xbb, 0xbf];

/** Top-level fields parsePackument reads; the rest (readme, users, maintainers…) is skipped. */
const TOP_LEVEL = new Set(['name', 'dist-tags', 'time', 'modified', 'description', 'license', 'repository', 'homepage']);
/** Per-version fields parsePackument and addReleaseFacts read (`scripts` and `dist` are cut further). */
const VERSION_FIELDS = ['_id', '_npmUser', '_npmVersion', 'deprecated', 'dependencies', 'optionalDependencies', 'gypfile', 'hasInstallScript', 'description', 'license', 'repository', 'homepage'];
const VERSION_KEPT = new Set([...VERSION_FIELDS, 'scripts', 'dist']);

/** next's `time` (3,500 versions) is ~150 KB; one version's kept fields a few KB. */
const TOP_FIELD_CAP = 8 * 1024 * 1024;
const VERSION_FIELD_CAP = 1024 * 1024;
/** Longer keys are no version or field name parsePackument keeps (identifiers stop at 256 characters). */
const KEY_CAP = 4096;
/** next has ~3,500 versions; the most prolific packages a few tens of thousands. */
export const MAX_VERSIONS = 100_000;
/** All kept fields together: next's are ~5 MB; parsed, this many bytes of JSON make ~100 MB of objects at worst. */
export const MAX_KEPT_BYTES = 24 * 1024 * 1024;

class Malformed extends Error {}

/** The packument keeps more than these bounds allow: read as an answer too large to read. */
export class PackumentTooLarge extends Error {}

/** A field over its cap: read as unknown. */
const OVERSIZED = Symbol('oversized');

/** The packument with only what parsePackument reads, from the whole body at once; undefined when it is not an object this reader can walk. */
export function slimPackument(bytes: Uint8Array): JsonObject | undefined {
  const reader = new PackumentReader();
  reader.write(bytes);
  return reader.end();
}

/** What to do with a member's value: skip it unread, parse and keep it, or walk into it (an object of versions, a version). */
type Plan = 'skip' | 'capture' | 'descend';

/**
 * One object being walked: what to do with each member, and what the object becomes. By default
 * a kept value is stored as it is and one over its cap as null (a mangled value, which says nothing).
 */
abstract class Frame {
  protected readonly doc: JsonObject = {};

  constructor(readonly cap: number) {}

  abstract plan(key: string | undefined): Plan;

  /** A captured value, or the result of a child frame. */
  accept(key: string, value: unknown): void {
    define(this.doc, key, value === OVERSIZED ? null : value);
  }

  open(key: string): Frame {
    throw new Malformed(`nothing to walk into at ${key}`);
  }

  result(): JsonObject {
    return this.doc;
  }
}

class RootFrame extends Frame {
  constructor() {
    super(TOP_FIELD_CAP);
  }

  plan(key: string | undefined): Plan {
    if (key === 'versions') return 'descend';
    return key !== undefined && TOP_LEVEL.has(key) ? 'capture' : 'skip';
  }

  override accept(key: string, value: unknown): void {
    // An oversized `time` is no publish times, which an empty object says without making the document look abbreviated.
    super.accept(key, value === OVERSIZED && key === 'time' ? {} : value);
  }

  override open(): Frame {
    return new VersionsFrame();
  }
}

/** The versions: each object is walked by a VersionFrame; a value that is not an object is kept as it was. */
class VersionsFrame extends Frame {
  private count = 0;

  constructor() {
    super(VERSION_FIELD_CAP);
  }

  plan(key: string | undefined): Plan {
    return key === undefined ? 'skip' : 'descend';
  }

  override open(): Frame {
    if (++this.count > MAX_VERSIONS) throw new PackumentTooLarge(`it lists more than ${MAX_VERSIONS} versions`);
    return new VersionFrame();
  }
}

class VersionFrame extends Frame {
  constructor() {
    super(VERSION_FIELD_CAP);
  }

  plan(key: string | undefined): Plan {
    return key !== undefined && VERSION_KEPT.has(key) ? 'capture' : 'skip';
  }

  override result(): JsonObject {
    return slimVersion(this.doc);
  }
}

/** One version object cut to the fields read; `scripts` to the install scripts, `dist` to what is read of it. */
function slimVersion(doc: JsonObject): JsonObject {
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
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function hasBackslash(b: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i] === BACKSLASH) return true;
  return false;
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

// Where the reader is: between tokens of an object (expecting a key, a colon, a value, a comma),
// or inside a key, a string value, an object or array value, or a literal (number, true…).
const START = 0;
const KEY_OR_END = 1;
const KEY = 2;
const COLON_NEXT = 3;
const VALUE = 4;
const AFTER_VALUE = 5;
const DONE = 6;
const IN_KEY = 7;
const IN_STRING = 8;
const IN_NESTED = 9;
const IN_LITERAL = 10;

/**
 * The incremental reader: `write` each chunk as it arrives, then `end`. Only three levels are
 * walked (the document, its versions, each version); every other value is skipped or captured
 * whole, with its nesting counted, so nesting depth costs nothing.
 */
export class PackumentReader {
  private state = START;
  private bomSeen = 0;
  private readonly stack: Array<{ frame: Frame; key: string | undefined }> = [];
  private result: unknown;
  private failed = false;
  private tooLarge: PackumentTooLarge | undefined;
  /** Bytes kept so far, all fields together. */
  private kept = 0;
  /** The key being read or just read (undefined: over KEY_CAP). */
  private key: string | undefined;
  /** The key or value being read is kept (not skipped, not over its cap). */
  private keep = false;
  /** Where it starts in the current chunk (0 when it began in an earlier one), and its bytes from earlier chunks. */
  private from = 0;
  private parts: Buffer[] = [];
  private bytes = 0;
  private cap = 0;
  private oversized = false;
  /** Inside a string, the next byte is escaped (a backslash ended the previous chunk). */
  private escaped = false;
  /** Inside an object or array value: its nesting, and whether a string in it is open. */
  private depth = 0;
  private inString = false;

  write(chunk: Uint8Array): void {
    if (this.failed) return;
    try {
      this.feed(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    } catch (err) {
      this.failed = true;
      if (err instanceof PackumentTooLarge) this.tooLarge = err;
      else if (!(err instanceof Malformed || err instanceof SyntaxError)) throw err;
    }
  }

  /** The slim packument; undefined when the body was not one. Throws PackumentTooLarge past the bounds. */
  end(): JsonObject | undefined {
    if (this.tooLarge) throw this.tooLarge;
    return !this.failed && this.state === DONE ? (this.result as JsonObject) : undefined;
  }

  private feed(b: Buffer): void {
    const n = b.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case START: {
          const c = b[i];
          // A UTF-8 byte-order mark is tolerated, as parseJsonBody does.
          if (this.bomSeen < BOM.length && c === BOM[this.bomSeen]) {
            this.bomSeen++;
            i++;
            break;
          }
          this.bomSeen = BOM.length;
          if (isWhitespace(c)) i++;
          else if (c === OPEN_OBJECT) {
            this.stack.push({ frame: new RootFrame(), key: undefined });
            this.state = KEY_OR_END;
            i++;
          } else throw new Malformed('not an object');
          break;
        }
        case KEY_OR_END:
        case KEY: {
          const c = b[i];
          if (isWhitespace(c)) i++;
          else if (c === QUOTE) {
            this.begin(KEY_CAP, true, i);
            this.state = IN_KEY;
            i++;
          } else if (c === CLOSE_OBJECT && this.state === KEY_OR_END) {
            i++;
            this.close();
          } else throw new Malformed('expected a key');
          break;
        }
        case IN_KEY: {
          const end = this.stringEnd(b, i);
          if (end === -1) return this.carry(b);
          i = end;
          this.key = this.keyText(b, end);
          this.state = COLON_NEXT;
          break;
        }
        case COLON_NEXT: {
          const c = b[i];
          if (isWhitespace(c)) i++;
          else if (c === COLON) {
            this.state = VALUE;
            i++;
          } else throw new Malformed('expected :');
          break;
        }
        case VALUE: {
          const c = b[i];
          if (isWhitespace(c)) {
            i++;
            break;
          }
          const top = this.stack[this.stack.length - 1];
          const plan = top.frame.plan(this.key);
          if (plan === 'descend' && c === OPEN_OBJECT && this.key !== undefined) {
            this.stack.push({ frame: top.frame.open(this.key), key: this.key });
            this.state = KEY_OR_END;
            i++;
            break;
          }
          this.begin(top.frame.cap, plan !== 'skip', i);
          if (c === QUOTE) this.state = IN_STRING;
          else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
            this.state = IN_NESTED;
            this.depth = 1;
            this.inString = false;
          } else if (c === COMMA || c === CLOSE_OBJECT || c === CLOSE_ARRAY) throw new Malformed('expected a value');
          else {
            this.state = IN_LITERAL;
            break; // the literal is read from its first byte
          }
          i++;
          break;
        }
        case IN_STRING:
        case IN_NESTED: {
          const end = this.state === IN_STRING ? this.stringEnd(b, i) : this.nestedEnd(b, i);
          if (end === -1) return this.carry(b);
          i = end;
          this.finishValue(b, end);
          break;
        }
        case IN_LITERAL: {
          let end = i;
          while (end < n && !isWhitespace(b[end]) && b[end] !== COMMA && b[end] !== CLOSE_OBJECT && b[end] !== CLOSE_ARRAY) end++;
          if (end === n) return this.carry(b);
          i = end;
          this.finishValue(b, end);
          break;
        }
        case AFTER_VALUE: {
          const c = b[i];
          if (isWhitespace(c)) i++;
          else if (c === COMMA) {
            this.state = KEY;
            i++;
          } else if (c === CLOSE_OBJECT) {
            i++;
            this.close();
          } else throw new Malformed('expected , or }');
          break;
        }
        case DONE: {
          if (!isWhitespace(b[i])) throw new Malformed('trailing bytes');
          i++;
          break;
        }
      }
    }
    // The chunk ended right after a key or value began.
    if (this.state >= IN_KEY) this.carry(b);
  }

  /** Starts reading a key or value at b[at]: kept (up to `cap` bytes) or skipped. */
  private begin(cap: number, keep: boolean, at: number): void {
    this.keep = keep;
    this.from = at;
    this.parts = [];
    this.bytes = 0;
    this.cap = cap;
    this.oversized = false;
    this.escaped = false;
  }

  /** Counts `count` more bytes of what is being read against its cap and the document's budget; false once over its cap. */
  private count(count: number): boolean {
    if (!this.keep) return false;
    this.bytes += count;
    if (this.bytes > this.cap) {
      this.keep = false;
      this.oversized = true;
      this.parts = [];
      return false;
    }
    this.kept += count;
    if (this.kept > MAX_KEPT_BYTES) throw new PackumentTooLarge(`it holds more than ${MAX_KEPT_BYTES / 1024 / 1024} MB of the fields read`);
    return true;
  }

  /** The chunk ends inside what is being read: its part of it is copied (a chunk is not pinned by a few bytes of it). */
  private carry(b: Buffer): void {
    if (this.count(b.length - this.from)) this.parts.push(Buffer.from(b.subarray(this.from, b.length)));
    this.from = 0;
  }

  /** The text of what was read, ending at b[end]; undefined when skipped or over its cap. */
  private text(b: Buffer, end: number): string | undefined {
    if (!this.count(end - this.from)) return undefined;
    if (this.parts.length === 0) return b.toString('utf8', this.from, end);
    return Buffer.concat([...this.parts, b.subarray(this.from, end)]).toString('utf8');
  }

  /** The key just read; undefined when over KEY_CAP. Most keys have no escapes and need no JSON.parse. */
  private keyText(b: Buffer, end: number): string | undefined {
    // Over its cap in an earlier chunk: what was carried is dropped, and the rest in this chunk is no key.
    if (this.oversized) return undefined;
    if (this.parts.length === 0 && end - this.from <= KEY_CAP && !hasBackslash(b, this.from + 1, end - 1)) {
      this.count(end - this.from);
      return b.toString('utf8', this.from + 1, end - 1);
    }
    const text = this.text(b, end);
    return text === undefined ? undefined : (JSON.parse(text) as string);
  }

  /** The value just read goes to its frame: parsed when kept, OVERSIZED when over its cap. */
  private finishValue(b: Buffer, end: number): void {
    const top = this.stack[this.stack.length - 1];
    const text = this.text(b, end);
    if (this.key !== undefined && (text !== undefined || this.oversized)) top.frame.accept(this.key, text === undefined ? OVERSIZED : JSON.parse(text));
    this.parts = [];
    this.state = AFTER_VALUE;
  }

  /** The object being walked ends: its result goes to the frame around it, or is the document. */
  private close(): void {
    const { frame, key } = this.stack.pop() as { frame: Frame; key: string | undefined };
    if (this.stack.length === 0) {
      this.result = frame.result();
      this.state = DONE;
      return;
    }
    this.stack[this.stack.length - 1].frame.accept(key as string, frame.result());
    this.state = AFTER_VALUE;
  }

  /**
   * Index just past the closing quote of the string being read from `i`, or -1 when `b` ends
   * inside it. Strings are most of the bytes: the next quote is found natively, then checked for
   * an odd run of backslashes before it (a run cut by the chunk's end is carried in `escaped`).
   */
  private stringEnd(b: Buffer, i: number): number {
    const n = b.length;
    if (this.escaped) {
      if (i >= n) return -1;
      i++;
      this.escaped = false;
    }
    for (;;) {
      const quote = b.indexOf(QUOTE, i);
      const stop = quote === -1 ? n : quote;
      let run = stop;
      while (run > i && b[run - 1] === BACKSLASH) run--;
      const odd = (stop - run) % 2 === 1;
      if (quote === -1) {
        this.escaped = odd;
        return -1;
      }
      if (!odd) return quote + 1;
      i = quote + 1;
    }
  }

  /** Index just past the end of the object or array being read from `i`, or -1 when `b` ends inside it. */
  private nestedEnd(b: Buffer, i: number): number {
    const n = b.length;
    while (i < n) {
      if (this.inString) {
        const end = this.stringEnd(b, i);
        if (end === -1) return -1;
        this.inString = false;
        i = end;
        continue;
      }
      const c = b[i++];
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_OBJECT || c === OPEN_ARRAY) this.depth++;
      else if ((c === CLOSE_OBJECT || c === CLOSE_ARRAY) && --this.depth === 0) return i;
    }
    return -1;
  }
}
