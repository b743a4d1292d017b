/**
 * `workspace/executeCommand` handlers: scan the workspace, pin all dependencies of a file, clear
 * the registry cache. Each takes plain JSON arguments (see protocol.ts), so any LSP client can
 * call them, not only ours.
 */
import { WorkDoneProgressReporter, type CancellationToken, type Connection, type ExecuteCommandParams, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Logger } from '../analysis/analyze';
import type { Settings } from '../model/settings';
import type { NameIndex } from '../typosquat/types';
import type { DocumentAnalysis } from './documentState';
import { pinAllAction } from './pinAll';
import { ServerCommand, type ClearCacheResult, type PinAllParams, type PinAllResult, type ScanWorkspaceParams, type ScanWorkspaceResult } from './protocol';
import type { StatusReporter } from './status';
import { type ScanRegistry, scanWorkspace } from './workspaceScan';
import type { SpecServices } from '../specs/types';

export interface CommandContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings(): Promise<Settings>;
  /** The server's analysis of an open document, the one its diagnostics and code actions use. */
  analyze(doc: TextDocument): Promise<DocumentAnalysis | undefined>;
  /** Drops cached analyses and checks every open document again. */
  revalidateOpenDocuments(): void;
  status: StatusReporter;
  logger: Logger;
  /** The process's popularity index (analysis/services.ts), for the workspace scan. */
  names(): NameIndex | undefined;
  /** The process's spec semantics (analysis/services.ts), for the workspace scan. */
  specs?: SpecServices;
  /** The registry pass for the workspace scan; undefined while registries are off (untrusted). */
  registry?(): ScanRegistry | undefined;
}

export type ClearCacheHandler = () => void | Promise<void>;

export interface CommandHooks {
  /** The registry layer registers here how to empty its cache; until one does, the command only re-checks. */
  onClearCache(handler: ClearCacheHandler): void;
}

/** For `executeCommandProvider.commands` in the initialize result. */
export const SERVER_COMMANDS: string[] = Object.values(ServerCommand);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scanParams(value: unknown): ScanWorkspaceParams {
  if (!isObject(value) || !Array.isArray(value.folders)) return {};
  return { folders: value.folders.filter((f): f is string => typeof f === 'string') };
}

function pinAllParams(value: unknown): PinAllParams | undefined {
  return isObject(value) && typeof value.uri === 'string' ? { uri: value.uri } : undefined;
}

async function workspaceFolders(ctx: CommandContext, params: ScanWorkspaceParams): Promise<string[]> {
  if (params.folders) return params.folders;
  try {
    return ((await ctx.connection.workspace.getWorkspaceFolders()) ?? []).map((f) => f.uri);
  } catch {
    return [];
  }
}

/** Clients that sent no progress token still get progress, in a window the server creates. */
async function progressFor(ctx: CommandContext, given: WorkDoneProgressReporter): Promise<WorkDoneProgressReporter> {
  if (!WorkDoneProgressReporter.isNullInstance(given)) return given;
  try {
    return await ctx.connection.window.createWorkDoneProgress();
  } catch {
    return given;
  }
}

async function runScan(ctx: CommandContext, params: ScanWorkspaceParams, token: CancellationToken, given: WorkDoneProgressReporter): Promise<ScanWorkspaceResult> {
  const folders = await workspaceFolders(ctx, params);
  const progress = await progressFor(ctx, given);
  ctx.status.begin();
  try {
    const result = await scanWorkspace(ctx, folders, progress, token);
    ctx.logger.info?.(`workspace scan: ${result.files} manifests (${result.open} open), ${result.findings} findings in the others${result.cancelled ? ', cancelled' : ''}`);
    return result;
  } finally {
    ctx.status.end();
  }
}

async function runPinAll(ctx: CommandContext, params: PinAllParams | undefined): Promise<PinAllResult> {
  const doc = params ? ctx.documents.get(params.uri) : undefined;
  if (!doc) return { pinned: 0, applied: false };
  const analysis = await ctx.analyze(doc);
  const action = analysis ? pinAllAction(doc.uri, analysis) : undefined;
  const edits = action?.edit?.changes?.[doc.uri] ?? [];
  if (edits.length === 0) return { pinned: 0, applied: false };
  // A versioned edit: the client rejects it if the document changed since the analysis.
  const response = await ctx.connection.workspace.applyEdit({
    label: action?.title,
    edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] },
  });
  return { pinned: edits.length, applied: response.applied };
}

export function registerCommands(ctx: CommandContext): CommandHooks {
  let clearCache: ClearCacheHandler | undefined;
  ctx.connection.onExecuteCommand(async (params: ExecuteCommandParams, token, workDone): Promise<ScanWorkspaceResult | PinAllResult | ClearCacheResult | null> => {
    const [argument] = params.arguments ?? [];
    switch (params.command) {
      case ServerCommand.scanWorkspace:
        return runScan(ctx, scanParams(argument), token, workDone);
      case ServerCommand.pinAll:
        return runPinAll(ctx, pinAllParams(argument));
      case ServerCommand.clearCache:
        await clearCache?.();
        ctx.revalidateOpenDocuments();
        return { cleared: clearCache !== undefined };
      default:
        ctx.logger.error(`unknown command ${params.command}`);
        return null;
    }
  });
  return {
    onClearCache: (handler) => {
      clearCache = handler;
    },
  };
}
