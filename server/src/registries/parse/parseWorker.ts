/**
 * The parse worker's entry (dist/parseWorker.js): reads large registry documents off the main
 * thread, where a 21 MB packument would block every keystroke for a quarter of a second, and in
 * its own memory-limited heap, where a hostile document can exhaust only this worker.
 */
import { parentPort } from 'node:worker_threads';
import { readDocument, type DocumentRequest } from './documents';

export interface ParseJob {
  id: number;
  body: Uint8Array;
  request: DocumentRequest;
}

export type ParseResult = { id: number; info: ReturnType<typeof readDocument> } | { id: number; error: string };

parentPort?.on('message', (job: ParseJob) => {
  let result: ParseResult;
  try {
    result = { id: job.id, info: readDocument(job.body, job.request) };
  } catch (err) {
    result = { id: job.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(result);
});
