/**
 * Per-document analysis cache: parse and check once per (uri, version), then hand the same
 * result to diagnostics, hovers and code actions.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis, type Logger } from '../core/analyze';
import { ECOSYSTEM_OF_KIND, type Ecosystem, type Manifest, type ManifestKind } from '../core/model';
import { LineIndex } from '../core/positions';
import type { Settings } from '../core/settings';
import { manifestKindOf } from '../manifests';
import { includeProblems, isInside, probeFile } from '../manifests/includes';
import { readLockedVersions } from '../manifests/lockfiles';
import { shippedNameIndex } from '../typosquat/load';
import { readLockTree } from '../manifests/lockfiles/lockTree';
import { LockGraphCache } from '../tree/cache';
import { treeVersionsFor } from '../tree/lockedVersions';
import type { LockedVersions } from '../rules/types';
import type { RegistryView } from '../registries/types';
import { decodeText } from '../core/decodeText';

export interface DocumentAnalysis {
  uri: string;
  version: number;
  kind: ManifestKind;
  analysis: Analysis;
  lines: LineIndex;
  locked?: LockedVersions;
  /** The registry facts this analysis saw (for hovers); absent when registries are off. */
  registry?: RegistryView;
}

/** Registry facts already known for a manifest (lsp/enrichment.ts); never waits for the network. */
export type RegistryViewProvider = (target: { path?: string; manifest: Manifest; locked?: LockedVersions }, settings: Settings) => RegistryView | undefined;

/** The manifest kind of an open document: by file name, or by language id for untitled files. */
export function kindOfDocument(doc: Pick<TextDocument, 'uri' | 'languageId'>): ManifestKind | undefined {
  const byName = manifestKindOf(decodeURIComponent(doc.uri.replace(/[?#].*$/, '')));
  if (byName) return byName;
  if (doc.uri.startsWith('untitled:') && doc.languageId === 'pip-requirements') return 'requirements';
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

/** Reads lockfiles from disk, re-reading only when their modification time changes. */
class FileCache {
  private readonly entries = new Map<string, { mtimeMs: number; size: number; text: string | undefined }>();
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
    const text = stat.isFile() && stat.size < 64 * 1024 * 1024 ? safeRead(path) : undefined;
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


export class DocumentAnalyses {
  private readonly cache = new Map<string, DocumentAnalysis>();
  private readonly files = new FileCache();
  /** Parsed lockfiles, reused while FileCache hands back the same (unchanged) text. */
  private readonly trees = new LockGraphCache();

  private registryView: RegistryViewProvider | undefined;

  /**
   * `onIndexNeeded`: when given, an ecosystem whose popularity index is not built yet is analysed
   * without it (the typosquat rule stays quiet) and the callback is told, so the ~100 ms build
   * happens off the typing path and the caller re-publishes. Without it the index is built inline.
   */
  constructor(
    private readonly logger: Logger,
    private readonly onIndexNeeded?: (ecosystem: Ecosystem) => void,
  ) {}

  private roots: string[] = [];

  /** The workspace folders (file system paths); a manifest's includes are not followed outside its own. */
  setWorkspaceRoots(roots: string[]): void {
    this.roots = roots;
    this.cache.clear();
  }

  /** Turns registry facts in analyses on (a provider) or off (undefined). */
  setRegistryView(provider: RegistryViewProvider | undefined): void {
    this.registryView = provider;
  }

  get(doc: TextDocument, settings: Settings): DocumentAnalysis | undefined {
    const cached = this.cache.get(doc.uri);
    if (cached && cached.version === doc.version) return cached;
    const kind = kindOfDocument(doc);
    if (!kind) return undefined;
    const text = doc.getText();
    const path = filePathOf(doc.uri);
    const tree = path ? readLockTree(path, kind, this.files.read, { cache: this.trees, manifestText: text }) : undefined;
    // Includes are followed only inside the workspace folder the manifest belongs to.
    const root = path ? this.roots.find((r) => isInside(r, path)) : undefined;
    const locked = path ? (manifest: Manifest) => treeVersionsFor(kind, tree) ?? readLockedVersions(path, kind, this.files.read, manifest, root) : undefined;
    const afterParse = path && kind === 'requirements' ? (manifest: Manifest) => includeProblems(manifest, path, probeFile, root) : undefined;
    const provider = this.registryView;
    let registryView: RegistryView | undefined;
    const registry = provider ? (manifest: Manifest, lockedVersions: LockedVersions | undefined) => (registryView = provider({ path, manifest, locked: lockedVersions }, settings)) : undefined;
    let names = shippedNameIndex((m) => this.logger.error(m));
    const ecosystem = ECOSYSTEM_OF_KIND[kind];
    if (names && this.onIndexNeeded && !names.isReady(ecosystem)) {
      names = undefined;
      this.onIndexNeeded(ecosystem);
    }
    const analysis = analyze({ kind, text, settings, locked, tree, afterParse, registry, names, logger: this.logger });
    const result: DocumentAnalysis = { uri: doc.uri, version: doc.version, kind, analysis, lines: new LineIndex(text), locked: analysis.locked, registry: registryView };
    this.cache.set(doc.uri, result);
    return result;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }
}
