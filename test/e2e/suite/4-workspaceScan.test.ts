/** "Scan workspace" publishes the findings of manifests nobody opened, for the Problems panel. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { exampleUri, ours, ruleOf } from './helpers';

interface ScanResult {
  files: number;
  findings: number;
  open: number;
  unreadable: number;
  cancelled: boolean;
}

/** Written just before the scan, so no editor has ever opened them and only the scan can report them. */
const NEVER_OPENED = {
  'scan-only/requirements-dev.txt': 'pytest>=8\nrequests==2.32.3\n',
  'scan-only/Tools.fsproj': '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="FAKE" Version="6.*" />\n  </ItemGroup>\n</Project>\n',
};

describe('workspace scan', () => {
  before(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [path, text] of Object.entries(NEVER_OPENED)) await vscode.workspace.fs.writeFile(exampleUri(path), Buffer.from(text));
  });

  after(async () => {
    await vscode.workspace.fs.delete(exampleUri('scan-only'), { recursive: true });
  });

  it('checks every manifest of the workspace and reports them as problems', async () => {
    const uris = Object.keys(NEVER_OPENED).map(exampleUri);
    for (const uri of uris) assert.deepEqual(ours(uri), [], `nothing is reported for ${vscode.workspace.asRelativePath(uri)} before the scan`);

    const result = await vscode.commands.executeCommand<ScanResult>('manifestGuard.scanWorkspace');
    assert.ok(result, 'the command returns the scan summary');
    assert.ok(result.files >= 8, `the six examples and the two new manifests (${result.files})`);
    assert.equal(result.unreadable, 0);
    assert.equal(result.cancelled, false);
    assert.ok(result.findings >= 2, `findings in the files that are not open (${result.findings})`);

    const [requirements, project] = uris.map(ours);
    assert.deepEqual(requirements.map(ruleOf), ['unpinned-version'], 'pytest>=8 is reported, requests==2.32.3 is pinned');
    assert.equal(requirements[0].range.start.line, 0);
    assert.ok(project.some((d) => ruleOf(d) === 'unpinned-version'), 'FAKE 6.* is reported in the F# project');

    // Every example manifest has its findings in the Problems panel now, open or not.
    for (const path of ['npm-webapp/package.json', 'python-service/requirements.txt', 'python-service/requirements/base.txt', 'python-service/constraints.txt', 'dotnet-api/Acme.Api.csproj', 'dotnet-api/Directory.Packages.props']) {
      assert.ok(ours(exampleUri(path)).length > 0, `${path} has findings`);
    }
  });
});
