/**
 * LSP-level tests of pyproject.toml and Pipfile through the real `dist/server.js`: diagnostics on
 * the exact tokens inside the TOML, hovers with the locked version, and pin fixes in the syntax
 * of the section they are in.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { fileUri, TestLspClient } from '../helpers/lspClient';

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)).reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

function rangeText(text: string, d: Diagnostic): string {
  const lines = text.split('\n');
  return lines[d.range.start.line].slice(d.range.start.character, d.range.start.line === d.range.end.line ? d.range.end.character : undefined);
}

const UV_LOCK = `version = 1
requires-python = ">=3.12"

[[package]]
name = "demo"
version = "0.1.0"
source = { editable = "." }
dependencies = [{ name = "requests" }]

[package.dev-dependencies]
dev = [{ name = "django" }]

[[package]]
name = "django"
version = "4.2.16"
source = { registry = "https://pypi.org/simple" }
wheels = [{ url = "https://files.pythonhosted.org/packages/django-4.2.16-py3-none-any.whl", hash = "sha256:${'b'.repeat(64)}" }]

[[package]]
name = "requests"
version = "2.32.3"
source = { registry = "https://pypi.org/simple" }
wheels = [{ url = "https://files.pythonhosted.org/packages/requests-2.32.3-py3-none-any.whl", hash = "sha256:${'a'.repeat(64)}" }]
`;

const PYPROJECT = `[project]
name = "demo"
version = "0.1.0"
dependencies = [
    "requests>=2.31",
    "reqeusts==1.0.0",
]

[tool.poetry.group.dev.dependencies]
django = "^4.2"
`;

describe('language server: pyproject.toml and Pipfile', function () {
  this.timeout(30_000);
  let client: TestLspClient;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mg-lsp-py-'));
    mkdirSync(join(dir, 'uvproj'));
    writeFileSync(join(dir, 'uvproj', 'uv.lock'), UV_LOCK);
    mkdirSync(join(dir, 'pipenvproj'));
    client = await TestLspClient.start({ rootPath: dir, settings: { offline: true } });
  });
  after(async () => client?.stop());

  it('publishes diagnostics on the tokens inside the TOML strings', async () => {
    const uri = fileUri(join(dir, 'uvproj', 'pyproject.toml'));
    await client.open(uri, 'toml', PYPROJECT);
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'typosquat') && d.some((x) => x.code === 'unpinned-version'));
    const shown = diags.map((d) => `${d.code} @ ${rangeText(PYPROJECT, d)}`).sort();
    assert.ok(shown.includes('unpinned-version @ >=2.31'), shown.join('\n'));
    assert.ok(shown.includes('unpinned-version @ ^4.2'), shown.join('\n'));
    assert.ok(shown.includes('typosquat @ reqeusts'), shown.join('\n'));
    const requests = diags.find((d) => d.code === 'unpinned-version' && rangeText(PYPROJECT, d) === '>=2.31');
    assert.deepEqual(requests?.range, { start: { line: 4, character: 13 }, end: { line: 4, character: 19 } });
  });

  it('hovers a PEP 508 string and a Poetry entry with what the spec means and the uv.lock version', async () => {
    const uri = fileUri(join(dir, 'uvproj', 'pyproject.toml'));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 7 } });
    const md = (hover.contents as MarkupContent).value;
    assert.match(md, /\*\*requests\*\* · PyPI · project\.dependencies/);
    assert.match(md, /Locked at `2\.32\.3`/);
    assert.match(md, /pypi\.org\/project\/requests/);
    const poetry = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 9, character: 2 } });
    assert.match((poetry.contents as MarkupContent).value, /\*\*django\*\* · PyPI · tool\.poetry\.group\.dev\.dependencies/);
  });

  it('pins in each section\'s syntax: "requests==2.32.3" in the array, django = "4.2.16" in the Poetry table', async () => {
    const uri = fileUri(join(dir, 'uvproj', 'pyproject.toml'));
    const diags = client.diagnostics.get(uri) ?? [];
    const pinOf = async (spec: string): Promise<CodeAction> => {
      const diag = diags.find((d) => d.code === 'unpinned-version' && rangeText(PYPROJECT, d) === spec);
      assert.ok(diag, `no unpinned-version on ${spec}`);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } });
      const pin = actions.find((a) => a.title.startsWith('Pin '));
      assert.ok(pin, actions.map((a) => a.title).join(', '));
      return pin;
    };
    const requests = await pinOf('>=2.31');
    assert.equal(requests.title, 'Pin requests to 2.32.3 (from uv.lock)');
    assert.match(applyEdits(PYPROJECT, requests.edit!.changes![uri]), /"requests==2\.32\.3",/);
    const django = await pinOf('^4.2');
    assert.match(applyEdits(PYPROJECT, django.edit!.changes![uri]), /\ndjango = "4\.2\.16"\n/);
  });

  it('checks a Pipfile: "*" is unpinned, verify_ssl = false is an insecure source', async () => {
    const uri = fileUri(join(dir, 'pipenvproj', 'Pipfile'));
    const text = '[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = false\nname = "pypi"\n\n[packages]\nrequests = "*"\n';
    await client.open(uri, 'toml', text);
    const diags = await client.waitForDiagnostics(uri, (d) => d.length >= 2);
    assert.deepEqual(diags.map((d) => `${d.code} @ ${rangeText(text, d)}`).sort(), ['insecure-source @ https://pypi.org/simple', 'unpinned-version @ *']);
  });

  it('reports broken TOML as a parse error on its line and keeps checking the rest', async () => {
    const uri = fileUri(join(dir, 'broken', 'pyproject.toml'));
    const text = '[project]\ndependencies = ["flask>=3"]\nname = \n';
    await client.open(uri, 'toml', text);
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'parse-error'));
    assert.deepEqual(diags.map((d) => `${d.code} @ ${rangeText(text, d)}`).sort(), ['parse-error @ name =', 'unpinned-version @ >=3']);
  });

  it('publishes nothing for a pyproject.toml that only configures tools', async () => {
    const uri = fileUri(join(dir, 'tools', 'pyproject.toml'));
    await client.open(uri, 'toml', '[tool.black]\nline-length = 100\n');
    const diags = await client.waitForDiagnostics(uri, () => true);
    assert.deepEqual(diags, []);
  });
});
