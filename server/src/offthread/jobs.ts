/**
 * The work the language server and the CLI hand to a worker thread, as plain data in and out:
 * - reading a large registry document (an npm packument reaches 20 MB: ~250 ms of JSON.parse);
 * - building the typosquat table of a popularity list (~100–300 ms for npm's 50,000 names), when
 *   no prebuilt table matches it (the .vsix ships none; see typosquat/tableFile.ts).
 * Either would otherwise hold the thread that answers keystrokes. `runJob` is also how the
 * calling thread does the same work itself when no worker can run.
 */
import type { Ecosystem } from '../model/model';
import { readDocument, type DocumentRequest } from '../registries/parse/documents';
import type { PackageInfo } from '../registries/types';
import { tableOf } from '../typosquat/ecosystemIndex';
import { LIST_PARSERS } from '../typosquat/lists';
import type { NameTable } from '../typosquat/types';

export type Job = { type: 'document'; body: Uint8Array; request: DocumentRequest } | { type: 'name-table'; ecosystem: Ecosystem; listText: string };

export type JobResult<J extends Job> = J extends { type: 'document' } ? PackageInfo | undefined : NameTable;

export function runJob<J extends Job>(job: J): JobResult<J> {
  switch (job.type) {
    case 'document':
      return readDocument(job.body, job.request) as JobResult<J>;
    case 'name-table':
      return tableOf(LIST_PARSERS[job.ecosystem](job.listText)) as JobResult<J>;
    default:
      throw new Error(`unknown job ${(job as { type: string }).type}`);
  }
}

/** The memory a job's input or result can hand over instead of copying. */
export function transferables(value: unknown): ArrayBuffer[] {
  if (value instanceof Uint8Array || value instanceof Int32Array) return [value.buffer as ArrayBuffer];
  if (value && typeof value === 'object' && 'offsets' in value && 'low' in value && 'values' in value) {
    const table = value as NameTable;
    return [table.offsets.buffer as ArrayBuffer, table.low.buffer as ArrayBuffer, table.values.buffer as ArrayBuffer];
  }
  return [];
}
