/** Opening each kind of manifest shows its findings, with the right language, rule ids and ranges. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, findingOn, openManifest, revertAndClose, ruleOf, screenshot, waitForDiagnostics } from './helpers';

describe('diagnostics in the three kinds of manifest', () => {
  before(async () => {
    await extensionApi();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('package.json (language json): unpinned spec, insecure URL and the install script', async () => {
    const editor = await openManifest('npm-webapp/package.json');
    const document = editor.document;
    assert.equal(document.languageId, 'json');
    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length >= 10, 'the package.json findings');
    const express = findingOn(diagnostics, document, 'unpinned-version', '^4.18.2');
    assert.ok(express, 'express ^4.18.2 is flagged');
    assert.equal(document.getText(express.range), '^4.18.2', 'the squiggle covers exactly the spec');
    // package-lock.json pins express, so its range is information (it matters at the next lockfile refresh).
    assert.equal(express.severity, vscode.DiagnosticSeverity.Information);
    assert.ok(findingOn(diagnostics, document, 'insecure-source', 'http://downloads.example.com'), 'the http:// tarball is an insecure source');
    const script = diagnostics.find((d) => ruleOf(d) === 'install-script');
    assert.ok(script, 'the postinstall script is flagged');
    assert.equal(script.severity, vscode.DiagnosticSeverity.Error, 'curl | sh makes it an error');

    // For the README: the squiggles and the Problems panel, as a user sees them.
    editor.revealRange(new vscode.Range(4, 0, 24, 0), vscode.TextEditorRevealType.AtTop);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(document, { preview: false });
    await screenshot('squiggles');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await revertAndClose(editor);
  });

  it('requirements.txt (language pip-requirements): options, specs and URLs', async () => {
    const editor = await openManifest('python-service/requirements.txt');
    const document = editor.document;
    assert.equal(document.languageId, 'pip-requirements');
    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.some((x) => ruleOf(x) === 'insecure-source'), 'the requirements findings');
    assert.ok(findingOn(diagnostics, document, 'unpinned-version', '>=2.31'), 'requests>=2.31 is flagged on its spec');
    assert.ok(findingOn(diagnostics, document, 'dependency-confusion', 'https://packages.internal.example.com/simple'));
    assert.ok(findingOn(diagnostics, document, 'insecure-source', 'packages.internal.example.com'), '--trusted-host turns TLS checks off');
    assert.ok(findingOn(diagnostics, document, 'non-registry-source', 'internal-tool'), 'the git requirement bypasses the registry');
  });

  it('includes and constraints files get the requirements language by name', async () => {
    const base = await openManifest('python-service/requirements/base.txt');
    assert.equal(base.document.languageId, 'pip-requirements');
    await waitForDiagnostics(base.document.uri, (d) => d.some((x) => ruleOf(x) === 'unpinned-version'), 'the unpinned spec of requirements/base.txt');
    // A constraints file installs nothing: its ranges are not reported, its names still are.
    const constraints = await openManifest('python-service/constraints.txt');
    assert.equal(constraints.document.languageId, 'pip-requirements');
    const found = await waitForDiagnostics(constraints.document.uri, (d) => d.some((x) => ruleOf(x) === 'typosquat'), 'the look-alike in constraints.txt');
    assert.ok(!found.some((x) => ruleOf(x) === 'unpinned-version'), 'no unpinned-version in a constraints file');
  });

  it('.csproj and Directory.Packages.props (language xml): floating versions and restore sources', async () => {
    const project = await openManifest('dotnet-api/Acme.Api.csproj');
    assert.equal(project.document.languageId, 'xml');
    const diagnostics = await waitForDiagnostics(project.document.uri, (d) => d.length >= 5, 'the project findings');
    assert.ok(findingOn(diagnostics, project.document, 'unpinned-version', '3.*'), 'Serilog 3.* floats');
    assert.ok(findingOn(diagnostics, project.document, 'insecure-source', 'http://nuget.internal.example.com'));
    const props = await openManifest('dotnet-api/Directory.Packages.props');
    await waitForDiagnostics(props.document.uri, (d) => d.some((x) => ruleOf(x) === 'unpinned-version'), 'AutoMapper 12.*');
  });

  it('shows the status bar item while a manifest is active, and hides it elsewhere', async () => {
    const api = await extensionApi();
    await openManifest('npm-webapp/package.json');
    let status = api.status();
    assert.equal(status.visible, true);
    assert.equal(status.serverDown, false);
    assert.match(status.text, /Manifest Guard/);
    assert.match(status.tooltip, /Click to show the log/);
    const other = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# not a manifest' });
    await vscode.window.showTextDocument(other);
    status = api.status();
    assert.equal(status.visible, false);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
