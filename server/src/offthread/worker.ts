/**
 * The worker thread's entry (dist/worker.js): runs jobs.ts's work off the thread that answers
 * keystrokes, in a heap of its own.
 */
import { parentPort } from 'node:worker_threads';
import { runJob, transferables, type Job } from './jobs';

export type WorkerMessage = { id: number; job: Job };
export type WorkerReply = { id: number; result: unknown } | { id: number; error: string };

parentPort?.on('message', ({ id, job }: WorkerMessage) => {
  let reply: WorkerReply;
  try {
    reply = { id, result: runJob(job) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply, 'result' in reply ? transferables(reply.result) : []);
});
