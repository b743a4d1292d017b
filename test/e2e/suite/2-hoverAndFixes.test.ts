/** Hovers and quick fixes, read and applied through VS Code's own command API. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyCodeAction, delay, findingOn, hoverText, positionOf, quickFixesAt, ruleOf, screenshot, updateSetting, waitForDiagnostics, withManifest } from './helpers';

describe('hovers and quick fixes', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('hovers a dependency: its spec, the lockfile version and the finding', () =>
    withManifest('npm-webapp/package.json', async (editor) => {
      const document = editor.document;
      await waitForDiagnostics(document.uri, (d) => findingOn(d, document, 'unpinned-version', '^4.18.2') !== undefined, 'express unpinned');
      const position = positionOf(document, '"express"', 3);
      const text = await hoverText(document, position);
      assert.match(text, /\*\*express\*\* · npm · dependencies/);
      assert.match(text, /Spec `\^4\.18\.2`/);
      assert.match(text, /Locked at `4\.21\.2`/);
      assert.match(text, /unpinned-version/);
    }));

  it('pins express to the package-lock.json version with the quick fix', () =>
    withManifest('npm-webapp/package.json', async (editor) => {
      const document = editor.document;
      const diagnostics = await waitForDiagnostics(document.uri, (d) => findingOn(d, document, 'unpinned-version', '^4.18.2') !== undefined, 'express unpinned');
      const express = findingOn(diagnostics, document, 'unpinned-version', '^4.18.2');
      assert.ok(express);

      // For the README: the Ctrl+. widget on the squiggle.
      editor.selection = new vscode.Selection(express.range.start, express.range.start);
      await vscode.commands.executeCommand('editor.action.quickFix');
      await delay(500);
      await screenshot('quick-fix');
      await vscode.commands.executeCommand('hideCodeActionWidget');

      const actions = await quickFixesAt(document, express.range);
      const pin = actions.find((a) => a.title === 'Pin express to 4.21.2 (from package-lock.json)');
      assert.ok(pin, `a pin fix is offered; got ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(pin.isPreferred, true);
      await applyCodeAction(pin);
      assert.match(document.getText(), /"express": "4\.21\.2"/);
      await waitForDiagnostics(document.uri, (d) => findingOn(d, document, 'unpinned-version', '4.21.2') === undefined && findingOn(d, document, 'unpinned-version', '~18.2.0') !== undefined, 'express no longer flagged');
    }));

  it('pins a floating NuGet version from packages.lock.json', () =>
    withManifest('dotnet-api/Acme.Api.csproj', async (editor) => {
      const document = editor.document;
      const diagnostics = await waitForDiagnostics(document.uri, (d) => findingOn(d, document, 'unpinned-version', '3.*') !== undefined, 'Serilog 3.*');
      const serilog = findingOn(diagnostics, document, 'unpinned-version', '3.*');
      assert.ok(serilog);
      const pin = (await quickFixesAt(document, serilog.range)).find((a) => a.title.startsWith('Pin Serilog to 3.1.1'));
      assert.ok(pin, 'a pin fix from packages.lock.json is offered');
      await applyCodeAction(pin);
      assert.match(document.getText(), /<PackageReference Include="Serilog" Version="3\.1\.1" \/>/);
    }));

  it('replaces the typosquat crossenv with cross-env', () =>
    withManifest('npm-webapp/package.json', async (editor) => {
      const document = editor.document;
      const diagnostics = await waitForDiagnostics(document.uri, (d) => d.some((x) => ruleOf(x) === 'typosquat'), 'the typosquat finding on crossenv');
      const typosquat = diagnostics.find((d) => ruleOf(d) === 'typosquat' && document.getText(d.range).includes('crossenv'));
      assert.ok(typosquat, 'crossenv is flagged as a typosquat');
      const replace = (await quickFixesAt(document, typosquat.range)).find((a) => a.title === 'Replace with cross-env');
      assert.ok(replace, '"Replace with cross-env" is offered');
      await applyCodeAction(replace);
      assert.match(document.getText(), /"cross-env": "\^6\.1\.1"/, "the spec is kept");
      assert.doesNotMatch(document.getText(), /"crossenv"/);
    }));

  it('"Ignore NAME for this rule" adds RULE:NAME to the workspace allowlist and the finding goes', () =>
    withManifest('npm-webapp/package.json', async (editor) => {
      const document = editor.document;
      const diagnostics = await waitForDiagnostics(document.uri, (d) => findingOn(d, document, 'unpinned-version', 'latest') !== undefined, 'left-pad latest');
      const leftPad = findingOn(diagnostics, document, 'unpinned-version', 'latest');
      assert.ok(leftPad);
      const actions = await quickFixesAt(document, leftPad.range);
      const ignore = actions.find((a) => a.title === 'Ignore left-pad for this rule (unpinned-version)');
      assert.ok(ignore, `the ignore action is offered; got ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(ignore.edit, undefined, 'it changes a setting, not the manifest');
      try {
        await applyCodeAction(ignore);
        const allowlist = vscode.workspace.getConfiguration('manifestGuard').inspect<string[]>('allowlist');
        assert.deepEqual(allowlist?.workspaceValue, ['unpinned-version:left-pad']);
        await waitForDiagnostics(document.uri, (d) => findingOn(d, document, 'unpinned-version', 'latest') === undefined && d.some((x) => ruleOf(x) === 'unpinned-version'), 'left-pad allowed, the others still flagged');
      } finally {
        await updateSetting('allowlist', undefined);
      }
      await waitForDiagnostics(document.uri, (d) => findingOn(d, document, 'unpinned-version', 'latest') !== undefined, 'left-pad flagged again once the entry is removed');
    }));

  it('"Pin all dependencies in this file" pins every dependency it has a version for, in one edit', () =>
    withManifest('npm-webapp/package.json', async (editor) => {
      const document = editor.document;
      await waitForDiagnostics(document.uri, (d) => findingOn(d, document, 'unpinned-version', '~18.2.0') !== undefined, 'react ~18.2.0');
      const result = await vscode.commands.executeCommand<{ pinned: number; applied: boolean }>('manifestGuard.pinAllInFile');
      assert.equal(result?.applied, true);
      assert.ok((result?.pinned ?? 0) >= 2, `express and react at least (${result?.pinned})`);
      assert.match(document.getText(), /"express": "4\.21\.2"/);
      assert.match(document.getText(), /"react": "18\.2\.0"/);
      assert.match(document.getText(), /"lodash": "4\.17\.21"/, 'an exact pin stays as it is');
    }));
});
