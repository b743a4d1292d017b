/**
 * What is process-wide — the worker thread, the popularity index, the registry stack, the memory
 * of described version specs — is built here, once, by the adapter that owns the process (the
 * language server, the CLI) and handed down to whatever needs it. No module below reaches a singleton by import, so a test builds its own
 * services (a hand-made index, no worker) and two servers in one process share nothing by accident.
 * Modelled on vscode-json-languageservice's `getLanguageService({...})`.
 */
import { OffThread, type OffThreadOptions } from '../offthread/pool';
import { createRegistries, type Registries, type RegistriesOptions } from '../registries';
import { createSpecServices } from '../specs';
import type { SpecServices } from '../specs/types';
import { shippedNameIndex } from '../typosquat/load';
import type { NameIndex } from '../typosquat/types';

export interface AnalysisServicesParams {
  /** The popularity index: the shipped lists (default), a given index (tests), or null for none. */
  names?: NameIndex | null;
  /** The worker thread's options (tests shrink its threshold or point at another script). */
  offThread?: OffThreadOptions;
  /** Told when the shipped lists cannot be read (typosquat checks are then off). */
  onError?: (message: string) => void;
  /** Where typosquat tables built at run time are kept for the next start (when none ship). */
  tableCacheDir?: string;
}

export interface AnalysisServices {
  /** Reads large registry documents and builds typosquat tables off the calling thread. */
  readonly offThread: OffThread;
  /** Version-spec semantics per ecosystem, with the memory of described specs that typing reuses. */
  readonly specs: SpecServices;
  /** The popularity index, loaded on first call; undefined when there is none. */
  names(): NameIndex | undefined;
  /** A registry stack whose large documents are read by this process's worker. */
  createRegistries(options: Omit<RegistriesOptions, 'documents'>): Registries;
  /** Sets where built typosquat tables are kept (the server learns its storage folder at initialize). */
  setTableCacheDir(dir: string | undefined): void;
}

export function getAnalysisServices(params: AnalysisServicesParams = {}): AnalysisServices {
  const offThread = new OffThread(params.offThread);
  const given = params.names;
  let tableCacheDir = params.tableCacheDir;
  // The shipped index, read on the first call; each ecosystem's list loads on first use.
  let shipped: { index: NameIndex | undefined } | undefined;
  const shippedIndex = (): NameIndex | undefined => (shipped ??= { index: shippedNameIndex(params.onError, () => tableCacheDir) }).index;
  return {
    offThread,
    specs: createSpecServices(),
    names: () => (given === undefined ? shippedIndex() : (given ?? undefined)),
    createRegistries: (options) => createRegistries({ ...options, documents: offThread }),
    setTableCacheDir: (dir) => {
      tableCacheDir = dir;
    },
  };
}
