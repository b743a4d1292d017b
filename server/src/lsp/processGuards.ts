/**
 * The last line of defence: an exception or a rejected promise that escaped every handler is
 * logged with its stack, and the server keeps serving. Node would otherwise end the process, and
 * after a few restarts VS Code gives up on the server, leaving the user with no checks at all.
 * (vscode-eslint's server does the same.)
 */
export function logEscapedErrors(log: (message: string) => void): void {
  const report = (what: string) => (reason: unknown) => {
    try {
      log(`${what} (please report this as a bug): ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
    } catch {
      // The connection is gone: nothing left to tell.
    }
  };
  process.on('uncaughtException', report('unexpected error'));
  process.on('unhandledRejection', report('unexpected rejected promise'));
}
