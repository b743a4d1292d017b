/**
 * The status bar item shown while a manifest is the active editor: whether checks are running,
 * whether registry checks are on (online) or off (offline setting, untrusted workspace), and the
 * latest registry error. A click opens the server's log.
 */
import { MarkdownString, StatusBarAlignment, ThemeColor, window, workspace, type Disposable, type StatusBarItem } from 'vscode';
import type { StatusParams } from '../../server/src/lsp/protocol';
import { SECTION } from './settings';
import { isManifest } from './documentSelector';

export const SHOW_OUTPUT_COMMAND = 'manifestGuard.showOutput';

/** What the item shows, also handed to the end-to-end tests through the extension's API. */
export interface StatusSnapshot {
  visible: boolean;
  text: string;
  tooltip: string;
  running: boolean;
  offline: boolean;
  registryError?: string;
  /** The language server is not running (starting, crashed or stopped). */
  serverDown: boolean;
}

export class ManifestStatusBar implements Disposable {
  private readonly item: StatusBarItem;
  private readonly disposables: Disposable[] = [];
  private server: StatusParams = { running: 0 };
  private serverDown = true;
  private snapshot: StatusSnapshot = { visible: false, text: '', tooltip: '', running: false, offline: false, serverDown: true };

  constructor() {
    this.item = window.createStatusBarItem('manifestGuard.status', StatusBarAlignment.Right, 100);
    this.item.name = 'Manifest Guard';
    this.item.command = SHOW_OUTPUT_COMMAND;
    this.disposables.push(
      this.item,
      window.onDidChangeActiveTextEditor(() => this.render()),
      workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.offline`)) this.render();
      }),
      workspace.onDidGrantWorkspaceTrust(() => this.render()),
    );
    this.render();
  }

  update(params: StatusParams): void {
    this.server = params;
    this.render();
  }

  setServerDown(down: boolean): void {
    this.serverDown = down;
    this.render();
  }

  current(): StatusSnapshot {
    return { ...this.snapshot };
  }

  private render(): void {
    const offlineSetting = workspace.getConfiguration(SECTION).get<boolean>('offline') === true;
    const offline = this.server.offline ?? (offlineSetting || !workspace.isTrusted);
    const running = this.server.running > 0;
    const error = this.server.registryError;

    let icon = offline ? '$(circle-slash)' : '$(shield)';
    let label = offline ? 'Manifest Guard: offline' : 'Manifest Guard';
    if (error && !offline) icon = '$(warning)';
    if (running) icon = '$(sync~spin)';
    if (this.serverDown) {
      icon = '$(debug-disconnect)';
      label = 'Manifest Guard: not running';
    }

    const lines: string[] = [];
    if (this.serverDown) lines.push('The Manifest Guard server is not running.');
    else if (running) lines.push('Checking dependencies…');
    if (offline) {
      lines.push(workspace.isTrusted || offlineSetting ? 'Offline: only checks that need no network (`manifestGuard.offline`).' : 'Offline: this workspace is not trusted, so only checks that need no network run and no workspace registry configuration is read.');
    } else {
      lines.push('Online: registry checks are on.');
    }
    if (error) lines.push('', `Registry error: ${error}`);
    lines.push('', 'Click to show the log.');
    const tooltip = lines.join('\n\n');

    this.item.text = `${icon} ${label}`;
    this.item.tooltip = new MarkdownString(tooltip);
    this.item.backgroundColor = error && !offline ? new ThemeColor('statusBarItem.warningBackground') : undefined;
    const visible = isManifest(window.activeTextEditor?.document);
    if (visible) this.item.show();
    else this.item.hide();
    this.snapshot = { visible, text: this.item.text, tooltip, running, offline, registryError: error, serverDown: this.serverDown };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
