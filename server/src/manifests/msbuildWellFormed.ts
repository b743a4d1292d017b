/**
 * A fast reader for the usual MSBuild file: well-formed, plain markup. It builds the same syntax
 * tree @xml-tools/parser would (the parts msbuildCst.ts lists), in one linear pass and a tenth
 * of the time and garbage — the parser's lexer and error-tolerant recursive descent cost ~2.5 ms
 * and ~5 MB per 500 references, on every keystroke.
 *
 * It gives up (returns undefined) on anything it does not read exactly as that parser does, and
 * the parser then reads the file: any syntax error, a DOCTYPE or other `<!` declaration, a
 * processing instruction, a reference (`&amp;`) in text, a name outside ASCII, an end tag that
 * does not match. So a half-typed file always goes to the parser and its error recovery. The two
 * are checked against each other on generated and mutated documents (test/unit/manifests).
 */
import type { CstAttribute, CstChardata, CstElement, CstToken } from './msbuildCst';

interface Element {
  children: {
    OPEN: CstToken[];
    Name: CstToken[];
    attribute?: CstAttribute[];
    START_CLOSE?: CstToken[];
    content?: Array<{ children: { element?: CstElement[]; chardata?: CstChardata[] } }>;
    SLASH_OPEN?: CstToken[];
    END_NAME?: CstToken[];
    END?: CstToken[];
    SLASH_CLOSE?: CstToken[];
  };
}

/** Thrown inside the reader to give up; caught at its entry. */
const GIVE_UP = new Error('not plain well-formed XML');

/**
 * The root element of `xml`, or undefined when the file needs the full parser. Elements nested
 * deeper than `maxDepth` are left to it too, since it reads only that deep.
 */
export function readWellFormed(xml: string, maxDepth: number): CstElement | undefined {
  try {
    return new Reader(xml, maxDepth).document();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** ASCII name characters; the parser's Name also starts with `:`, a letter or `_`. */
function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}

class Reader {
  private pos = 0;
  /** The next `<` at or after the last position asked about: -1 for none, -2 before the first question. */
  private nextLt = -2;

  constructor(
    private readonly xml: string,
    private readonly maxDepth: number,
  ) {}

  document(): CstElement {
    const { xml } = this;
    if (xml.startsWith('<?xml') && isSpace(xml.charCodeAt(5))) {
      // The declaration is the parser's prolog: attributes, then `?>`.
      this.pos = 5;
      this.attributes();
      if (!xml.startsWith('?>', this.pos)) throw GIVE_UP;
      this.pos += 2;
    }
    this.misc();
    const root = this.element();
    this.misc();
    if (this.pos !== xml.length) throw GIVE_UP;
    return root;
  }

  /** Whitespace and comments outside the root element. */
  private misc(): void {
    const { xml } = this;
    for (;;) {
      while (this.pos < xml.length && isSpace(xml.charCodeAt(this.pos))) this.pos++;
      if (!xml.startsWith('<!--', this.pos)) return;
      this.skipPast('-->', this.pos + 4);
    }
  }

  private skipPast(terminator: string, from: number): void {
    const at = this.xml.indexOf(terminator, from);
    if (at === -1) throw GIVE_UP;
    this.pos = at + terminator.length;
  }

  /** One element from its `<`, with everything inside it. Iterative: nesting costs no stack. */
  private element(): CstElement {
    const { xml } = this;
    const root = this.startTag();
    const open: Element[] = root.children.START_CLOSE ? [root] : [];
    while (open.length > 0) {
      const parent = open[open.length - 1];
      const content = parent.children.content![0].children;
      const lt = xml.indexOf('<', this.pos);
      if (lt === -1) throw GIVE_UP; // an element left open
      if (lt > this.pos) (content.chardata ??= []).push(...this.text(this.pos, lt));
      this.pos = lt;
      const next = xml.charCodeAt(lt + 1);
      if (next === SLASH) {
        this.endTag(parent);
        open.pop();
      } else if (xml.startsWith('<!--', lt)) {
        this.skipPast('-->', lt + 4);
      } else if (xml.startsWith('<![CDATA[', lt)) {
        this.skipPast(']]>', lt + 9);
      } else {
        const child = this.startTag();
        (content.element ??= []).push(child as CstElement);
        if (child.children.START_CLOSE) open.push(child);
        if (open.length > this.maxDepth) throw GIVE_UP;
      }
    }
    return root as CstElement;
  }

  private startTag(): Element {
    const { xml } = this;
    const start = this.pos;
    if (xml.charCodeAt(start) !== LT) throw GIVE_UP;
    this.pos++;
    const name = this.name();
    const el: Element = { children: { OPEN: [token('<', start)], Name: [name] } };
    const attributes = this.attributes();
    if (attributes.length > 0) el.children.attribute = attributes;
    const c = xml.charCodeAt(this.pos);
    if (c === GT) {
      el.children.START_CLOSE = [token('>', this.pos)];
      el.children.content = [{ children: {} }];
      this.pos++;
    } else if (c === SLASH && xml.charCodeAt(this.pos + 1) === GT) {
      el.children.SLASH_CLOSE = [token('/>', this.pos)];
      this.pos += 2;
    } else {
      throw GIVE_UP;
    }
    return el;
  }

  private endTag(el: Element): void {
    const { xml } = this;
    const start = this.pos;
    this.pos += 2;
    const name = this.name();
    if (name.image !== el.children.Name[0].image) throw GIVE_UP;
    this.spaces();
    if (xml.charCodeAt(this.pos) !== GT) throw GIVE_UP;
    el.children.SLASH_OPEN = [token('</', start)];
    el.children.END_NAME = [name];
    el.children.END = [token('>', this.pos)];
    this.pos++;
  }

  /** `name="value"` pairs, whitespace between optional (the parser's lexer skips it anywhere). */
  private attributes(): CstAttribute[] {
    const { xml } = this;
    const out: CstAttribute[] = [];
    for (;;) {
      this.spaces();
      if (!isNameStart(xml.charCodeAt(this.pos))) return out;
      const name = this.name();
      this.spaces();
      if (xml.charCodeAt(this.pos) !== EQUALS) throw GIVE_UP;
      this.pos++;
      this.spaces();
      const quote = xml.charCodeAt(this.pos);
      if (quote !== QUOTE && quote !== APOSTROPHE) throw GIVE_UP;
      const close = xml.indexOf(quote === QUOTE ? '"' : "'", this.pos + 1);
      if (close === -1) throw GIVE_UP;
      const lt = this.ltFrom(this.pos + 1);
      if (lt !== -1 && lt < close) throw GIVE_UP; // the parser's STRING has no `<`
      out.push({ children: { Name: [name], STRING: [token(xml.slice(this.pos, close + 1), this.pos)] } });
      this.pos = close + 1;
    }
  }

  /**
   * The first `<` at or after `from`, remembered: positions only move forward, so a tag of a
   * hundred thousand attributes costs one scan rather than one per attribute.
   */
  private ltFrom(from: number): number {
    if (this.nextLt === -2 || (this.nextLt !== -1 && this.nextLt < from)) this.nextLt = this.xml.indexOf('<', from);
    return this.nextLt;
  }

  private name(): CstToken {
    const { xml } = this;
    const start = this.pos;
    if (!isNameStart(xml.charCodeAt(start))) throw GIVE_UP;
    let end = start + 1;
    while (end < xml.length && isNameChar(xml.charCodeAt(end))) end++;
    // A character the parser's Name would take further (`·`, letters of other scripts) — or a
    // byte that makes the lexer stumble — is left to the parser.
    const after = xml.charCodeAt(end);
    if (end < xml.length && !isSpace(after) && after !== GT && after !== SLASH && after !== EQUALS && !(after === 0x3f && xml.charCodeAt(end + 1) === GT)) throw GIVE_UP;
    this.pos = end;
    return token(xml.slice(start, end), start);
  }

  private spaces(): void {
    while (this.pos < this.xml.length && isSpace(this.xml.charCodeAt(this.pos))) this.pos++;
  }

  /**
   * Text between markup as the parser's lexer splits it: a run of whitespace (SEA_WS), then the
   * rest up to the next `<` (TEXT). References are left to the parser.
   */
  private text(start: number, end: number): CstChardata[] {
    const { xml } = this;
    let ws = start;
    while (ws < end && isSpace(xml.charCodeAt(ws))) ws++;
    const out: CstChardata[] = [];
    if (ws > start) out.push(chardata('SEA_WS', xml.slice(start, ws), start));
    if (ws < end) {
      const rest = xml.slice(ws, end);
      if (rest.includes('&')) throw GIVE_UP;
      out.push(chardata('TEXT', rest, ws));
    }
    return out;
  }
}

function token(image: string, startOffset: number): CstToken {
  return { image, startOffset, endOffset: startOffset + image.length - 1 };
}

function chardata(kind: 'TEXT' | 'SEA_WS', image: string, startOffset: number): CstChardata {
  const t = token(image, startOffset);
  return { location: { startOffset, endOffset: t.endOffset }, children: kind === 'TEXT' ? { TEXT: [t] } : { SEA_WS: [t] } };
}
