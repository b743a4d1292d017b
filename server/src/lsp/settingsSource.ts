/**
 * Where the server's settings come from: the client's `workspace/configuration` (pull model) when
 * it offers one, else the initialization options and `didChangeConfiguration` pushes. Fetched once
 * and shared until a change is announced.
 */
import type { Connection, DidChangeConfigurationParams, InitializeParams } from 'vscode-languageserver';
import { parseSettings, type Settings } from '../model/settings';

export class SettingsSource {
  private initOptions: unknown = {};
  private canPull = false;
  private pending: Promise<Settings> | undefined;

  constructor(private readonly connection: Pick<Connection, 'workspace'>) {}

  /** Reads what `initialize` carries; returns the initialization options for the caller's other uses. */
  initialize(params: Pick<InitializeParams, 'initializationOptions' | 'capabilities'>): unknown {
    this.initOptions = params.initializationOptions ?? {};
    this.canPull = params.capabilities.workspace?.configuration === true;
    return this.initOptions;
  }

  get pullsConfiguration(): boolean {
    return this.canPull;
  }

  /** A change was announced: the next `current()` fetches again. */
  changed(change: DidChangeConfigurationParams): void {
    if (!this.canPull && change.settings) this.initOptions = (change.settings as { manifestGuard?: unknown }).manifestGuard ?? change.settings;
    this.pending = undefined;
  }

  current = (): Promise<Settings> => {
    this.pending ??= this.fetch();
    return this.pending;
  };

  private async fetch(): Promise<Settings> {
    const base = (this.initOptions as { settings?: unknown })?.settings ?? this.initOptions;
    if (!this.canPull) return parseSettings(base);
    try {
      const [pulled] = await this.connection.workspace.getConfiguration([{ section: 'manifestGuard' }]);
      return parseSettings({ ...(base as object), ...(pulled as object) });
    } catch {
      return parseSettings(base);
    }
  }
}
