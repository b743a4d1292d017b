/**
 * Hostile documents and requests against the real server process: it answers every one with
 * diagnostics (or nothing), never crashes, and keeps serving the next document.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { fileUri, TestLspClient } from '../helpers/lspClient';

const codes = (diags: Diagnostic[]) => diags.map((d) => String(d.code));

describe('language server: hostile documents and requests', function () {
  this.timeout(60_000);
  let client: TestLspClient;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mg-hostile-'));
    client = await TestLspClient.start({ rootPath: dir, settings: { offline: true } });
  });
  after(async () => client?.stop());

  /** The server is alive and still analyses: a fresh manifest gets its finding. */
  async function assertStillServing(tag: string): Promise<void> {
    assert.equal(client.process.exitCode, null, 'the server process exited');
    const uri = fileUri(join(dir, `alive-${tag}`, 'package.json'));
    await client.open(uri, 'json', '{"dependencies": {"express": "^4.18.2"}}');
    assert.deepEqual(codes(await client.waitForDiagnostics(uri, (d) => d.length > 0)), ['unpinned-version']);
    await client.close(uri);
  }

  it('reports a manifest over maxFileSizeKB with one information diagnostic instead of analysing it', async () => {
    const uri = fileUri(join(dir, 'big', 'package.json'));
    const deps = Array.from({ length: 70_000 }, (_, i) => `"pkg-${i}": "^1.${i}.0"`).join(',\n    ');
    const text = `{\n  "dependencies": {\n    ${deps}\n  }\n}\n`;
    assert.ok(text.length > 2048 * 1024);
    await client.open(uri, 'json', text);
    const [diag, ...rest] = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.equal(rest.length, 0);
    assert.equal(diag.code, 'manifest-too-large');
    assert.equal(diag.severity, 3);
    assert.match(String(diag.message), /more than manifestGuard\.maxFileSizeKB \(2048 KB\)/);
    await client.close(uri);
  });

  it('takes the size limit from the settings', async () => {
    const uri = fileUri(join(dir, 'requirements.txt'));
    const text = Array.from({ length: 200 }, (_, i) => `package-${i}==1.0.${i}`).join('\n');
    await client.open(uri, 'pip-requirements', text);
    await client.waitForDiagnostics(uri, (d) => d.length === 0);
    await client.changeSettings({ offline: true, maxFileSizeKB: 2 });
    assert.deepEqual(codes(await client.waitForDiagnostics(uri, (d) => d.length > 0)), ['manifest-too-large']);
    await client.changeSettings({ offline: true });
    await client.waitForDiagnostics(uri, (d) => d.length === 0);
    await client.close(uri);
  });

  it('answers garbage of every kind with parse errors, and keeps serving', async () => {
    const cases: Array<[string, string, string]> = [
      ['deep/package.json', 'json', `{"dependencies": {"a": "1.0.0"}, "x": ${'['.repeat(200_000)}`],
      ['nul/package.json', 'json', '{"dependencies": {"a\u0000b": "1.0.0", \u0000}'],
      ['lines/requirements.txt', 'pip-requirements', `requests==${'9'.repeat(1_000_000)}\n\u0000\u0001\n[[[\n==\n-r\n--index-url\n`],
      ['laughs/App.csproj', 'xml', `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Project><ItemGroup><PackageReference Include="&xxe;" Version="&lol2;" /><PackageReference Include="A"`],
      ['bidi/App.csproj', 'xml', '<Project><ItemGroup><PackageReference Include="Serilog\u202e" Version="[1.0,)" /></ItemGroup></Project>'],
      ['toml/pyproject.toml', 'toml', `[project]\ndependencies = [${'['.repeat(100_000)}\n"a\u0000b>=1", '''\n[tool.poetry.dependencies]\nx = { git = "${'g'.repeat(100_000)}" }\n`],
      ['toml/Pipfile', 'toml', `[[source]]\nurl = "http://\u0000"\n[packages]\n${'a = "*"\n'.repeat(3)}${'= = =\n'.repeat(50)}`],
    ];
    for (const [path, languageId, text] of cases) {
      const uri = fileUri(join(dir, path));
      await client.open(uri, languageId, text);
      // The typosquat finding follows once the popularity index is built (in the worker thread).
      const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'parse-error' || x.code === 'typosquat'));
      for (const d of diags) assert.ok(String(d.message).length <= 2000, `${path}: a message of ${String(d.message).length} characters`);
      // Requests anywhere in such a file, and beyond its end, are answered too.
      for (const position of [{ line: 0, character: 0 }, { line: 0, character: 30 }, { line: 2, character: 5 }, { line: 1e6, character: 1e6 }]) {
        await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
        const range = { start: { line: 0, character: 0 }, end: position };
        await client.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: diags } });
      }
      await client.close(uri);
    }
    await assertStillServing('garbage');
  });

  it('answers requests about documents it never saw or that are gone', async () => {
    const uri = fileUri(join(dir, 'never', 'package.json'));
    assert.equal(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
    assert.equal(await client.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }), null);
    // A change to a closed document and a second close are ignored.
    await client.change(uri, '{}', 7);
    await client.close(uri);
    await assertStillServing('unknown');
  });

  it('reports includes that are binary, huge or a folder on their line, and never reads them', async () => {
    mkdirSync(join(dir, 'inc', 'folder'), { recursive: true });
    writeFileSync(join(dir, 'inc', 'blob.txt'), 'bar>=1.0\n\u0000\u0001ELF');
    writeFileSync(join(dir, 'inc', 'huge.txt'), 'baz>=1.0\n'.repeat(600_000));
    const uri = fileUri(join(dir, 'inc', 'requirements.txt'));
    await client.open(uri, 'pip-requirements', '-r blob.txt\n-c huge.txt\n-r folder\n-r requirements.txt\nfoo==1.0\n');
    const diags = await client.waitForDiagnostics(uri, (d) => d.length >= 4);
    assert.deepEqual(
      diags.map((d) => [d.range.start.line, d.message]),
      [
        [0, 'blob.txt is a binary file, not a requirements file; it is not read.'],
        [1, 'huge.txt is larger than 4 MB; it is not read.'],
        [2, 'folder is not a regular file.'],
        [3, 'This file includes itself: pip would recurse until it fails.'],
      ],
    );
    await client.close(uri);
  });
});
