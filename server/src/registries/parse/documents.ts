/**
 * Reading the registry documents that can be large — npm packuments and PyPI project pages, tens
 * of megabytes for popular packages — into PackageInfo. Plain functions of bytes, so the same code
 * runs on the main thread for small documents and in the parse worker for large ones.
 */
import { parseJsonBody } from '../json';
import { parsePackument } from '../npm/packument';
import { slimPackument } from '../npm/packumentSlim';
import { parsePypiJson } from '../pypi/pypiJson';
import { parseSimpleIndex } from '../pypi/simpleIndex';
import type { PackageInfo } from '../types';

export type DocumentKind = 'npm-packument' | 'pypi-json' | 'pypi-simple';

export interface DocumentRequest {
  kind: DocumentKind;
  /** The package asked for (documents may leave their own name out). */
  name: string;
  /** Where it was looked up, for messages. */
  source: string;
}

/**
 * Who reads documents for the registry clients: the adapter's worker pool (offthread/pool.ts) for
 * large ones, passed in through createRegistries; `INLINE_DOCUMENTS` reads everything right here.
 * A body handed over may be moved to another thread: callers do not use it afterwards.
 */
export interface DocumentReader {
  readDocument(body: Buffer, request: DocumentRequest): Promise<PackageInfo | undefined>;
}

export const INLINE_DOCUMENTS: DocumentReader = { readDocument: async (body, request) => readDocument(body, request) };

/**
 * Above this, an npm packument is scanned for the fields the rules read (npm/packumentSlim.ts)
 * instead of parsed whole: a full document of a popular package is megabytes of readmes and
 * devDependencies, and parsing all of it was most of a registry pass's peak memory.
 */
export const SLIM_PACKUMENT_BYTES = 256 * 1024;

/** The facts of one document; undefined when it is not a document of that kind. */
export function readDocument(body: Uint8Array, request: DocumentRequest): PackageInfo | undefined {
  if (request.kind === 'npm-packument' && body.byteLength > SLIM_PACKUMENT_BYTES) {
    const slim = slimPackument(body);
    if (slim) return parsePackument(slim, request.name, request.source);
  }
  const doc = parseJsonBody(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  switch (request.kind) {
    case 'npm-packument':
      return parsePackument(doc, request.name, request.source);
    case 'pypi-json':
      return parsePypiJson(doc, request.name, request.source);
    case 'pypi-simple':
      return parseSimpleIndex(doc, request.name, request.source);
  }
}
