/**
 * Large registry documents are read in a worker thread: JSON.parse of next's 21 MB packument
 * takes ~250 ms and ~60 MB of heap, and on the main thread of the language server that is a
 * quarter of a second in which no keystroke is answered (measured: edits waited up to 360 ms while
 * a Next.js project's packuments were read). Small documents, nearly all of them, are read inline.
 *
 * One worker, started on first need and stopped when idle, with its own heap (capped, as a last
 * line against a document built to exhaust memory; the 64 MB response cap is the first). A worker
 * that dies fails its pending reads as "not checked", and the next large document starts a fresh
 * one. Without the worker file (a build that lacks it) or where workers cannot start, documents
 * are read inline.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { RegistryError, type RegistryErrorKind } from '../errors';
import type { PackageInfo } from '../types';
import { readDocument, type DocumentRequest } from './documents';
import type { ParseJob, ParseResult } from './parseWorker';

/** Documents up to this size are read on the calling thread: the round trip would cost more. */
export const OFF_THREAD_BYTES = 512 * 1024;
/** The worker's heap: a 64 MB document (the size cap) of ordinary JSON needs about 200 MB. */
const WORKER_HEAP_MB = 384;
/** An idle worker is stopped after this long (it holds ~10 MB). */
const IDLE_MS = 30_000;

/** The compiled worker beside this module: dist/parseWorker.js in the bundles, the tsc output in tests. */
const WORKER_FILE = join(__dirname, 'parseWorker.js');

interface Pending {
  resolve(info: PackageInfo | undefined): void;
  reject(err: RegistryError): void;
}

export class ParseWorkerPool {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Workers started so far (for tests: a crashed one is replaced). */
  started = 0;

  constructor(
    private readonly options: { heapMb?: number; thresholdBytes?: number; file?: string } = {},
  ) {}

  /**
   * Reads a document: in the worker when it is large and the worker can run, else right here. A
   * large body that owns its memory hands it to the worker: do not use `body` afterwards.
   */
  async read(body: Buffer, request: DocumentRequest): Promise<PackageInfo | undefined> {
    if (body.byteLength <= (this.options.thresholdBytes ?? OFF_THREAD_BYTES)) return readDocument(body, request);
    const worker = this.start();
    if (!worker) return readDocument(body, request);
    clearTimeout(this.idleTimer);
    const id = this.nextId++;
    return new Promise<PackageInfo | undefined>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // The body's memory moves to the worker when the body owns all of it (a response body
      // does); a body that shares its memory with others is copied first.
      const owned = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
      const bytes = owned ? new Uint8Array(body.buffer, 0, body.byteLength) : new Uint8Array(body);
      const job: ParseJob = { id, body: bytes, request };
      worker.postMessage(job, [bytes.buffer as ArrayBuffer]);
    });
  }

  /** Stops the worker now (tests, shutdown); pending reads fail as "not checked". */
  async stop(): Promise<void> {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    this.failAll('cancelled', 'cancelled');
    await worker?.terminate();
  }

  private start(): Worker | undefined {
    if (this.worker) return this.worker;
    const file = this.options.file ?? WORKER_FILE;
    if (!existsSync(file)) return undefined;
    let worker: Worker;
    try {
      worker = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb ?? WORKER_HEAP_MB } });
    } catch {
      return undefined;
    }
    this.started++;
    worker.unref(); // never keeps the CLI or a test process alive
    worker.on('message', (result: ParseResult) => this.settle(result));
    worker.on('error', (err: Error & { code?: string }) => {
      if (this.worker === worker) this.worker = undefined;
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') this.failAll('too-large', 'the answer is too large to read (it exhausted the memory set aside for it)');
      else this.failAll('invalid', `unreadable answer (the document reader failed: ${err.message})`);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll('invalid', 'unreadable answer (the document reader stopped)');
    });
    this.worker = worker;
    return worker;
  }

  private settle(result: ParseResult): void {
    const waiter = this.pending.get(result.id);
    if (!waiter) return;
    this.pending.delete(result.id);
    if ('error' in result) waiter.reject(new RegistryError('invalid', `unreadable answer (${result.error})`));
    else waiter.resolve(result.info);
    if (this.pending.size === 0) this.scheduleIdleStop();
  }

  private scheduleIdleStop(): void {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.idleTimer = setTimeout(() => {
      if (this.pending.size > 0 || this.worker !== worker) return;
      this.worker = undefined;
      void worker?.terminate();
    }, IDLE_MS);
    this.idleTimer.unref();
  }

  private failAll(kind: RegistryErrorKind, reason: string): void {
    const waiters = [...this.pending.values()];
    this.pending.clear();
    for (const w of waiters) w.reject(new RegistryError(kind, reason));
  }
}

/** The process's pool, shared by every registry client. */
export const documentReader = new ParseWorkerPool();
