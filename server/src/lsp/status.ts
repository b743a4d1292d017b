/**
 * What the status bar shows: how many checks are running and whether registries fail. Changes are
 * coalesced, so a burst of quick analyses sends one notification rather than one per document.
 */
import type { Connection } from 'vscode-languageserver';
import { STATUS_NOTIFICATION, type StatusParams } from './protocol';

const COALESCE_MS = 50;

export class StatusReporter {
  private running = 0;
  private offline: boolean | undefined;
  private registryError: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastSent = '';

  constructor(private readonly connection: Pick<Connection, 'sendNotification'>) {}

  /** Marks the start of a check; pair with `end()` in a `finally`. */
  begin(): void {
    this.running++;
    this.changed();
  }

  end(): void {
    this.running = Math.max(0, this.running - 1);
    this.changed();
  }

  /** For the registry layer: a request failed (the message is shown in the tooltip). */
  reportRegistryError(message: string): void {
    this.registryError = message;
    this.changed();
  }

  /** For the registry layer: a registry answered, so earlier failures no longer apply. */
  reportRegistryOk(): void {
    this.registryError = undefined;
    this.changed();
  }

  /** For the server: the effective offline mode, when it differs from what the client infers. */
  setOffline(offline: boolean | undefined): void {
    this.offline = offline;
    this.changed();
  }

  private changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const params: StatusParams = { running: this.running, offline: this.offline, registryError: this.registryError };
      const key = JSON.stringify(params);
      if (key === this.lastSent) return;
      this.lastSent = key;
      void this.connection.sendNotification(STATUS_NOTIFICATION, params);
    }, COALESCE_MS);
  }
}
