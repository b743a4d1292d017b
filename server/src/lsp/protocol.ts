/**
 * Manifest Guard's own additions to LSP, shared by the server and the VS Code client so the two
 * cannot disagree on a name or a shape. Declarations and string constants only: the client bundle
 * imports this file, and it must not pull vscode-languageserver (or anything else) in with it.
 */

/** Commands the server executes (`workspace/executeCommand`); the client wraps them in user-facing commands. */
export const ServerCommand = {
  /** Checks every manifest under the workspace folders and publishes the results as diagnostics. */
  scanWorkspace: 'manifestGuard.server.scanWorkspace',
  /** Pins every dependency of one open manifest that a lockfile resolves, via `workspace/applyEdit`. */
  pinAll: 'manifestGuard.server.pinAll',
  /** Forgets cached registry answers and checks the open manifests again. */
  clearCache: 'manifestGuard.server.clearCache',
} as const;

export type ServerCommandId = (typeof ServerCommand)[keyof typeof ServerCommand];

/**
 * A command the *client* executes, named in the "Ignore NAME for this rule" code action: settings
 * belong to the editor, so the server asks the client to add the entry to the workspace allowlist.
 * Its one argument is the allowlist entry (`RULE:NAME`).
 */
export const ADD_TO_WORKSPACE_ALLOWLIST_COMMAND = 'manifestGuard.addToWorkspaceAllowlist';

/**
 * A command the *client* executes when the rule link of a diagnostic is clicked: it opens the
 * rule's documentation shipped with the extension (docs/rules/<id>.md), offline, inside VS Code.
 * Its one argument is the rule id.
 */
export const SHOW_RULE_DOCS_COMMAND = 'manifestGuard.showRuleDocs';

/**
 * The diagnostic's `codeDescription.href`: a command URI, which VS Code opens from the Problems
 * panel, the hover and the peek view (they open rule links with commands allowed).
 */
export function ruleDocsUri(ruleId: string): string {
  return `command:${SHOW_RULE_DOCS_COMMAND}?${encodeURIComponent(JSON.stringify([ruleId]))}`;
}

export interface ScanWorkspaceParams {
  /** Folder URIs to scan; when absent the server asks the client for its workspace folders. */
  folders?: string[];
}

export interface ScanWorkspaceResult {
  /** Manifests checked. */
  files: number;
  /** Findings published for the manifests that are not open. */
  findings: number;
  /** Manifests open in the editor: checked live as they are edited, so the scan leaves them alone. */
  open: number;
  /** Manifests found but not readable. */
  unreadable: number;
  cancelled: boolean;
}

export interface PinAllParams {
  /** The URI of an open manifest. */
  uri: string;
}

export interface PinAllResult {
  /** Dependencies the edit pins (0 when no lockfile resolves any unpinned one). */
  pinned: number;
  /** Whether the client applied the edit. */
  applied: boolean;
}

export interface ClearCacheResult {
  /** False while no registry cache is registered with the server (offline-only builds). */
  cleared: boolean;
}

/** Server → client notification driving the status bar item. */
export const STATUS_NOTIFICATION = 'manifestGuard/status';

export interface StatusParams {
  /** Analyses in progress (open documents being checked, a workspace scan). */
  running: number;
  /**
   * Whether registry checks are off. Absent: the client infers it from the `offline` setting and
   * workspace trust, which is what the server applies unless it says otherwise.
   */
  offline?: boolean;
  /** The latest registry failure, until a registry answers again; absent when all is well. */
  registryError?: string;
}

/** `initializationOptions` the VS Code client sends. Other clients may send only `settings`. */
export interface InitializationOptions {
  /** False in an untrusted workspace: offline checks only, no workspace .npmrc, pip.conf or NuGet.config. */
  trusted?: boolean;
  /** A folder the server may write to (the registry cache). */
  storagePath?: string;
  /** The `manifestGuard` settings, for clients that do not answer `workspace/configuration`. */
  settings?: unknown;
}

/**
 * How the server process is started (the VS Code client, and the benchmarks, start it so):
 * - `--max-semi-space-size=4`: V8 grows the young generation to 16 MB semi-spaces after the burst
 *   of building the name index and keeps them; capped at 4 MB the idle server stays ~12 MB smaller,
 *   at no measurable cost to edit latency.
 * - `--heap-growing-percent=75`: the old generation may grow by three quarters past what the last
 *   full collection kept before the next one, instead of V8's own factor (up to 4× for a heap that
 *   collects fast). Garbage is what a flood of edits leaves: 300 edits of a 350 KB document sent
 *   at once peaked at 250–300 MB resident, 170–175 MB with this. At 50 the peak was ~165 MB but
 *   the first diagnostics of a 100,000-line file took 15–30% longer (more full collections); at
 *   75 they and keystroke latency are unchanged.
 * - `--expose-gc`: after a large document is dropped the server runs one compacting full
 *   collection, so the freed pages go back at once instead of whenever V8's memory reducer runs
 *   (lsp/memoryReclaim.ts). The server runs no code but its own, so the global `gc` is no hazard.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=75', '--expose-gc'];

/**
 * Environment the server process is started with, beside the editor's own. glibc's malloc serves
 * a large block from its heap rather than from a mapping of its own once a block that large was
 * freed (its mmap threshold rises up to 32 MB), and a heap fragmented by documents' message
 * buffers is never handed back: a fixed threshold keeps blocks over 128 KB in mappings of their
 * own, returned to the system when freed (a 10 s wait after a series of large documents closed:
 * 133 MB resident instead of 100 MB). Other allocators ignore the variable.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: String(128 * 1024) };
