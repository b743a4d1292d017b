/**
 * Registry checks end to end: the language server asks a local registry (the fixtures every other
 * registry test uses, served on 127.0.0.1) and its facts reach the Problems panel and the hover.
 * The other suites point the registries at a closed port; this one points them here for its
 * duration.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FixtureServer } from '../../helpers/fixtureServer';
import { delay, findingOn, hoverText, positionOf, ruleOf, screenshot, updateSetting, waitForDiagnostics, withManifest } from './helpers';

const KEYS = ['registries.npm', 'registries.pypi', 'registries.nuget', 'registries.osv'] as const;

describe('registry checks', () => {
  let server: FixtureServer;

  before(async () => {
    server = await FixtureServer.start();
    const settings = server.registrySettings;
    for (const key of KEYS) await updateSetting(key, settings[key.slice('registries.'.length) as keyof typeof settings]);
  });

  after(async () => {
    for (const key of KEYS) await updateSetting(key, undefined);
    await server?.close();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reports the malware release event-stream 3.3.6 from the advisory database, and shows registry facts in the hover', () =>
    withManifest('npm-webapp/package.json', async (editor) => {
      const document = editor.document;
      const diagnostics = await waitForDiagnostics(document.uri, (d) => findingOn(d, document, 'malicious', 'event-stream') !== undefined, 'event-stream reported as malware', 30_000);
      const malware = findingOn(diagnostics, document, 'malicious', 'event-stream');
      assert.equal(malware?.severity, vscode.DiagnosticSeverity.Error);
      assert.match(malware?.message ?? '', /event-stream 3\.3\.6 .*is known malware/);
      assert.ok(server.requests.some((r) => r.url === '/npm/express'), 'the package documents come from the configured registry');

      const position = positionOf(document, '"express"', 3);
      const text = await hoverText(document, position);
      assert.match(text, /\*\*Registry\*\* · 127\.0\.0\.1:\d+/);
      assert.match(text, /Resolves to|Locked/);

      // For the README: the hover on the malware, shown in the editor.
      const at = positionOf(document, '"event-stream"', 3);
      editor.selection = new vscode.Selection(at, at);
      editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
      await vscode.commands.executeCommand('editor.action.showHover');
      await delay(300);
      await screenshot('hover');
      assert.ok(diagnostics.every((d) => ruleOf(d) !== undefined));
    }));
});
