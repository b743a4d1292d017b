/**
 * Work that would hold up keystrokes runs in a worker thread (jobs.ts): reading a large registry
 * document (JSON.parse of next's 21 MB packument takes ~250 ms and ~60 MB of heap; edits waited up
 * to 360 ms while a Next.js project's packuments were read) and building a typosquat table.
 * Small documents, nearly all of them, are read inline: the round trip would cost more. npm
 * packuments now come here only from a transport that hands bodies over whole: the HTTP client
 * streams them through npm/packumentSlim.ts as they arrive instead.
 *
 * One worker, started on first need and stopped when idle, with its own heap (capped, as a last
 * line against a document built to exhaust memory; the 64 MB response cap is the first). A worker
 * that dies fails its pending jobs as "not checked", and the next job starts a fresh one. Without
 * the worker file (a build that lacks it) or where workers cannot start, jobs run inline.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Ecosystem } from '../model/model';
import { RegistryError, type RegistryErrorKind } from '../registries/errors';
import type { DocumentReader, DocumentRequest } from '../registries/parse/documents';
import type { PackageInfo } from '../registries/types';
import type { NameTable } from '../typosquat/types';
import { runJob, transferables, type Job, type JobResult } from './jobs';
import type { WorkerMessage, WorkerReply } from './worker';

/** Documents up to this size are read on the calling thread. */
export const OFF_THREAD_BYTES = 512 * 1024;
/** The worker's heap: a 64 MB document (the size cap) of ordinary JSON needs about 200 MB. */
const WORKER_HEAP_MB = 384;
/**
 * The worker's young generation, capped as --max-semi-space-size=4 caps the server's: its jobs
 * make short-lived garbage in bursts, and with V8's default the registry pass of
 * bench/registryLockfile peaked at ~212 MB resident (184–203 MB with this cap). 12 MB saved a
 * little more but made building the name tables up to twice as slow.
 */
const WORKER_YOUNG_MB = 24;
/**
 * An idle worker is stopped after this long (it holds ~10 MB): large documents come in a burst
 * while a manifest's registry pass runs, and a new worker starts in ~30 ms.
 */
export const WORKER_IDLE_MS = 5_000;

/** The compiled worker beside this module: dist/worker.js in the bundles, the tsc output in tests. */
const WORKER_FILE = join(__dirname, 'worker.js');

interface Pending {
  resolve(result: unknown): void;
  reject(err: RegistryError): void;
}

export interface OffThreadOptions {
  heapMb?: number;
  /** Documents up to this size are read inline (tests set 0 to send every one to the worker). */
  thresholdBytes?: number;
  /** The worker script (tests point it elsewhere). */
  file?: string;
}

export class OffThread implements DocumentReader {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Workers started so far (for tests: a crashed one is replaced). */
  started = 0;

  constructor(private readonly options: OffThreadOptions = {}) {}

  /**
   * Reads a registry document: in the worker when it is large and the worker can run, else right
   * here. A large body that owns its memory hands it to the worker: do not use `body` afterwards.
   */
  async readDocument(body: Buffer, request: DocumentRequest): Promise<PackageInfo | undefined> {
    if (body.byteLength <= (this.options.thresholdBytes ?? OFF_THREAD_BYTES)) return runJob({ type: 'document', body, request });
    // The body's memory moves to the worker when the body owns all of it (a response body
    // does); a body that shares its memory with others is copied first.
    const owned = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
    const bytes = owned ? new Uint8Array(body.buffer, 0, body.byteLength) : new Uint8Array(body);
    return this.run({ type: 'document', body: bytes, request });
  }

  /** Builds the typosquat table of a popularity list (its text, as bundled). */
  nameTable(ecosystem: Ecosystem, listText: string): Promise<NameTable> {
    return this.run({ type: 'name-table', ecosystem, listText });
  }

  /** Stops the worker now (tests, shutdown); pending jobs fail as cancelled. */
  async stop(): Promise<void> {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    this.failAll('cancelled', 'cancelled');
    await worker?.terminate();
  }

  private async run<J extends Job>(job: J): Promise<JobResult<J>> {
    const worker = this.start();
    if (!worker) return runJob(job);
    clearTimeout(this.idleTimer);
    const id = this.nextId++;
    return new Promise<JobResult<J>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      const message: WorkerMessage = { id, job };
      worker.postMessage(message, job.type === 'document' ? transferables(job.body) : []);
    });
  }

  private start(): Worker | undefined {
    if (this.worker) return this.worker;
    const file = this.options.file ?? WORKER_FILE;
    if (!existsSync(file)) return undefined;
    let worker: Worker;
    try {
      worker = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb ?? WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    } catch {
      return undefined;
    }
    this.started++;
    worker.unref(); // never keeps the CLI or a test process alive
    worker.on('message', (reply: WorkerReply) => this.settle(reply));
    worker.on('error', (err: Error & { code?: string }) => {
      if (this.worker === worker) this.worker = undefined;
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') this.failAll('too-large', 'the answer is too large to read (it exhausted the memory set aside for it)');
      else this.failAll('invalid', `unreadable answer (the worker failed: ${err.message})`);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll('invalid', 'unreadable answer (the worker stopped)');
    });
    this.worker = worker;
    return worker;
  }

  private settle(reply: WorkerReply): void {
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    this.pending.delete(reply.id);
    if ('error' in reply) waiter.reject(new RegistryError('invalid', `unreadable answer (${reply.error})`));
    else waiter.resolve(reply.result);
    if (this.pending.size === 0) this.scheduleIdleStop();
  }

  private scheduleIdleStop(): void {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.idleTimer = setTimeout(() => {
      if (this.pending.size > 0 || this.worker !== worker) return;
      this.worker = undefined;
      void worker?.terminate();
    }, WORKER_IDLE_MS);
    this.idleTimer.unref();
  }

  private failAll(kind: RegistryErrorKind, reason: string): void {
    const waiters = [...this.pending.values()];
    this.pending.clear();
    for (const w of waiters) w.reject(new RegistryError(kind, reason));
  }
}
