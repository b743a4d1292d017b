/** A uv-managed pyproject.toml in the real editor: a squiggle inside a TOML string, a hover with the uv.lock version, and the pin quick fix. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyCodeAction, delay, extensionApi, findingOn, hoverText, positionOf, quickFixesAt, screenshot, waitForDiagnostics, withManifest } from './helpers';

describe('pyproject.toml (uv)', () => {
  before(async () => {
    await extensionApi();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('squiggles the spec inside the string, hovers it with the uv.lock version, and pins it to "httpx==0.27.2"', () =>
    withManifest('uv-app/pyproject.toml', async (editor) => {
      const document = editor.document;
      const diagnostics = await waitForDiagnostics(document.uri, (d) => findingOn(d, document, 'unpinned-version', '>=0.27') !== undefined && findingOn(d, document, 'typosquat', 'reqeusts') !== undefined, 'httpx unpinned and reqeusts a typosquat');
      const httpx = findingOn(diagnostics, document, 'unpinned-version', '>=0.27');
      assert.ok(httpx);
      assert.equal(document.getText(httpx.range), '>=0.27', 'the squiggle covers exactly the spec inside the TOML string');
      assert.equal(document.getText(findingOn(diagnostics, document, 'typosquat', 'reqeusts')?.range), 'reqeusts');

      const position = positionOf(document, '"httpx', 2);
      const text = await hoverText(document, position);
      assert.match(text, /\*\*httpx\*\* · PyPI · project\.dependencies/);
      assert.match(text, /Locked at `0\.27\.2`/);
      assert.match(text, /unpinned-version/);

      // For the README: the hover as a user sees it.
      await vscode.commands.executeCommand('notifications.clearAll');
      editor.selection = new vscode.Selection(position, position);
      await vscode.commands.executeCommand('editor.action.showHover');
      await delay(800);
      await screenshot('pyproject-hover');
      await vscode.commands.executeCommand('editor.action.hideHover');

      const pin = (await quickFixesAt(document, httpx.range)).find((a) => a.title === 'Pin httpx to 0.27.2 (from uv.lock)');
      assert.ok(pin, 'a pin fix from uv.lock is offered');
      await applyCodeAction(pin);
      assert.match(document.getText(), /"httpx==0\.27\.2",/);
      await waitForDiagnostics(document.uri, (d) => findingOn(d, document, 'unpinned-version', '0.27') === undefined, 'httpx no longer flagged');
    }));
});
