/**
 * Per-document analysis cache: parse and check once per (uri, version), then hand the same
 * result to diagnostics, hovers and code actions. Registry facts arriving (or a popularity index
 * being built) check the same parse again (`recheck`); only a new version parses again.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { check, parseInSteps, type Analysis, type LaterInputs, type Logger, type ParsedManifest } from '../analysis/analyze';
import { checkInSlices, DEPENDENCY_SLICE } from '../analysis/checkInSlices';
import { inputsFromDisk } from '../analysis/inputs';
import { LOCKFILE_MAX_BYTES } from '../analysis/readText';
import { ECOSYSTEM_OF_KIND, type Ecosystem, type LockedVersions, type Manifest, type ManifestKind } from '../model/model';
import { LineIndex } from '../model/positions';
import { runInSteps, runToEnd, type Steps } from '../model/steps';
import type { Settings } from '../model/settings';
import { manifestKindOf } from '../manifests';
import { isInside } from '../manifests/includes';
import { LockGraphCache } from '../tree/cache';
import type { RegistryView } from '../registries/types';
import type { NameIndex } from '../typosquat/types';
import { decodeText } from '../model/decodeText';
import { LruMap } from '../registries/cache/memoryCache';
import type { SpecServices } from '../specs/types';
import { ProjectFileMemo } from '../manifests/projectContext';

export interface DocumentAnalysis {
  uri: string;
  version: number;
  kind: ManifestKind;
  analysis: Analysis;
  lines: LineIndex;
  locked?: LockedVersions;
  /** The registry facts this analysis saw (for hovers); absent when registries are off. */
  registry?: RegistryView;
  /** How long the analysis took: the publisher publishes cheap documents on every keystroke. */
  analysisMs: number;
}

/** Registry facts already known for a manifest (lsp/enrichment.ts); never waits for the network. */
export type RegistryViewProvider = (target: { path?: string; manifest: Manifest; locked?: LockedVersions }, settings: Settings) => RegistryView | undefined;

/** The manifest kind of an open document: by file name, or by language id for untitled files. */
export function kindOfDocument(doc: Pick<TextDocument, 'uri' | 'languageId'>): ManifestKind | undefined {
  const byName = manifestKindOf(decodeURIComponent(doc.uri.replace(/[?#].*$/, '')));
  if (byName) return byName;
  // An untitled file, or one named by a `-r`/`-c` line whatever its name (the workspace scan opens it so).
  if (doc.languageId === 'pip-requirements') return 'requirements';
  return undefined;
}

export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** At most this much lockfile text is kept between analyses (a file dropped is read again when needed). */
const FILE_CACHE_BYTES = 64 * 1024 * 1024;

/** Reads lockfiles from disk, re-reading only when their modification time changes. */
class FileCache {
  private readonly entries = new LruMap<string, { mtimeMs: number; size: number; text: string | undefined }>(256, {
    maxBytes: FILE_CACHE_BYTES,
    sizeOf: (entry, path) => 2 * (path.length + (entry.text?.length ?? 0)) + 64,
  });
  read = (path: string): string | undefined => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      this.entries.delete(path);
      return undefined;
    }
    const cached = this.entries.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.text;
    // A lockfile over 64 MB is not one we can use interactively; skip it rather than stall.
    const text = stat.isFile() && stat.size < LOCKFILE_MAX_BYTES ? safeRead(path) : undefined;
    this.entries.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, text });
    return text;
  };
}

function safeRead(path: string): string | undefined {
  try {
    return decodeText(readFileSync(path));
  } catch {
    return undefined;
  }
}


/** A parse and what a check of it will see. */
interface Prepared {
  kind: ManifestKind;
  parse: DocumentParse;
  later: LaterInputs;
  registryView: () => RegistryView | undefined;
}

/** Logical lines of a requirements file, or entries of a large package.json, parsed per task in `getInSlices`: a few milliseconds. */
const PARSE_LINES_PER_STEP = 2000;

interface DocumentParse {
  version: number;
  parsed: ParsedManifest;
  lines: LineIndex;
}

export class DocumentAnalyses {
  private readonly cache = new Map<string, DocumentAnalysis>();
  private readonly parses = new Map<string, DocumentParse>();
  /** The version `getInSlices` is analysing, per document. */
  private readonly inSlices = new Map<string, number>();
  private readonly files = new FileCache();
  /** Parsed lockfiles, reused while FileCache hands back the same (unchanged) text. */
  private readonly trees = new LockGraphCache();
  /** Parsed files around the manifests (pnpm-workspace.yaml, Directory.*.props), by content. */
  private readonly parsedAround = new ProjectFileMemo();

  private registryView: RegistryViewProvider | undefined;

  /**
   * `onIndexNeeded`: when given, an ecosystem whose popularity index is not built yet is analysed
   * without it (the typosquat rule stays quiet) and the callback is told, so the ~100 ms build
   * happens off the typing path and the caller re-publishes. Without it the index is built inline.
   */
  constructor(
    private readonly logger: Logger,
    /** The process's popularity index (analysis/services.ts); undefined: typosquat checks are off. */
    private readonly names: () => NameIndex | undefined,
    private readonly onIndexNeeded?: (ecosystem: Ecosystem) => void,
    /** The process's spec semantics (analysis/services.ts), whose memory typing reuses; absent: uncached. */
    private readonly specs?: SpecServices,
  ) {}

  private roots: string[] = [];

  /** The workspace folders (file system paths); a manifest's includes are not followed outside its own. */
  setWorkspaceRoots(roots: string[]): void {
    this.roots = roots;
    this.clear();
  }

  /** Turns registry facts in analyses on (a provider) or off (undefined). */
  setRegistryView(provider: RegistryViewProvider | undefined): void {
    this.registryView = provider;
  }

  get(doc: TextDocument, settings: Settings): DocumentAnalysis | undefined {
    const cached = this.cache.get(doc.uri);
    if (cached && cached.version === doc.version) return cached;
    const started = performance.now();
    const step = runToEnd(this.prepare(doc, settings, Infinity));
    if (!step) return undefined;
    return this.remember(doc, step, check(step.parse.parsed, step.later), started);
  }

  /**
   * `get` for the publisher: a manifest of more than DEPENDENCY_SLICE dependencies is checked a
   * slice at a time with the event loop served in between (hovers on other documents are answered
   * meanwhile). Undefined when `stillWanted` says no at a pause (the document moved on).
   */
  async getInSlices(doc: TextDocument, settings: Settings, stillWanted: () => boolean): Promise<DocumentAnalysis | undefined> {
    const cached = this.cache.get(doc.uri);
    if (cached && cached.version === doc.version) return cached;
    this.inSlices.set(doc.uri, doc.version);
    try {
      return await this.analyseInSlices(doc, settings, stillWanted);
    } finally {
      if (this.inSlices.get(doc.uri) === doc.version) this.inSlices.delete(doc.uri);
    }
  }

  /** Whether a document is being analysed in slices right now. */
  get analysing(): boolean {
    return this.inSlices.size > 0;
  }

  /**
   * For hovers: the document's analysis, or — while `getInSlices` is analysing its current version —
   * the previous one, rather than analysing the whole file again at once on the server's thread.
   */
  getOrPrevious(doc: TextDocument, settings: Settings): DocumentAnalysis | undefined {
    const previous = this.cache.get(doc.uri);
    if (previous && this.inSlices.get(doc.uri) === doc.version) return previous;
    return this.get(doc, settings);
  }

  private async analyseInSlices(doc: TextDocument, settings: Settings, stillWanted: () => boolean): Promise<DocumentAnalysis | undefined> {
    const started = performance.now();
    const pause = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return stillWanted();
    };
    const step = await runInSteps(this.prepare(doc, settings, PARSE_LINES_PER_STEP), pause);
    if (!step) return undefined;
    if (step.parse.parsed.manifest.dependencies.length <= DEPENDENCY_SLICE) return this.remember(doc, step, check(step.parse.parsed, step.later), started);
    const analysis = await checkInSlices(step.parse.parsed, step.later, pause);
    if (!analysis) return undefined;
    // A `get` (a hover, a code action) may have analysed this version meanwhile: keep one result.
    const meanwhile = this.cache.get(doc.uri);
    if (meanwhile && meanwhile.version === doc.version) return meanwhile;
    return this.remember(doc, step, analysis, started);
  }

  /** The parse of the document's version (made now if needed, a step at a time) and what its check will see. */
  private *prepare(doc: TextDocument, settings: Settings, linesPerStep: number): Steps<Prepared | undefined> {
    const kind = kindOfDocument(doc);
    if (!kind) return undefined;
    const path = filePathOf(doc.uri);
    let current = this.parses.get(doc.uri);
    if (!current || current.version !== doc.version) {
      const text = doc.getText();
      // Includes are followed only inside the workspace folder the manifest belongs to.
      const root = path ? this.roots.find((r) => isInside(r, path)) : undefined;
      const inputs = inputsFromDisk({ path, kind, text, read: this.files.read, trees: this.trees, parsedAround: this.parsedAround, root });
      const parsed = yield* parseInSteps({ kind, text, settings, ...inputs, specs: this.specs, logger: this.logger }, linesPerStep);
      yield;
      current = { version: doc.version, parsed, lines: new LineIndex(text) };
      this.parses.set(doc.uri, current);
    }
    const provider = this.registryView;
    let registryView: RegistryView | undefined;
    const registry = provider ? (manifest: Manifest, lockedVersions: LockedVersions | undefined) => (registryView = provider({ path, manifest, locked: lockedVersions }, settings)) : undefined;
    let names = this.names();
    const ecosystem = ECOSYSTEM_OF_KIND[kind];
    if (names && this.onIndexNeeded && !names.isReady(ecosystem)) {
      names = undefined;
      this.onIndexNeeded(ecosystem);
    }
    return { kind, parse: current, later: { registry, names }, registryView: () => registryView };
  }

  private remember(doc: TextDocument, step: Prepared, analysis: Analysis, started: number): DocumentAnalysis {
    const result: DocumentAnalysis = { uri: doc.uri, version: doc.version, kind: step.kind, analysis, lines: step.parse.lines, locked: analysis.locked, registry: step.registryView(), analysisMs: 0 };
    result.analysisMs = performance.now() - started;
    this.cache.set(doc.uri, result);
    return result;
  }

  /** The last analysis of `uri`, whatever its version; never analyses. */
  peek(uri: string): DocumentAnalysis | undefined {
    return this.cache.get(uri);
  }

  /** Registry facts or the popularity index changed: the next `get` checks the same parse again. */
  recheck(uri: string): void {
    this.cache.delete(uri);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.inSlices.delete(uri);
    this.parses.delete(uri);
  }

  /** Settings or workspace folders changed: everything is parsed again. */
  clear(): void {
    this.cache.clear();
    this.parses.clear();
  }
}
