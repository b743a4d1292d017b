/**
 * Which documents the server checks. The server decides the manifest kind by file name, so
 * project files match by pattern whatever language another extension gives them; requirements
 * files also match by language, which covers untitled ones and names set by `files.associations`.
 */
import { languages, type TextDocument } from 'vscode';

/** The subset of a document filter that both VS Code and the language client accept. */
interface ManifestFilter {
  scheme: 'file' | 'untitled';
  language?: string;
  pattern?: string;
}

export const PIP_REQUIREMENTS_LANGUAGE = 'pip-requirements';

export const DOCUMENT_SELECTOR: ManifestFilter[] = [
  { scheme: 'file', language: 'json', pattern: '**/package.json' },
  { scheme: 'file', language: PIP_REQUIREMENTS_LANGUAGE },
  { scheme: 'untitled', language: PIP_REQUIREMENTS_LANGUAGE },
  // TOML manifests match by name: VS Code has no TOML language of its own, and extensions differ.
  { scheme: 'file', pattern: '**/pyproject.toml' },
  { scheme: 'file', pattern: '**/Pipfile' },
  { scheme: 'file', pattern: '**/pnpm-workspace.yaml' },
  { scheme: 'file', pattern: '**/*.{csproj,fsproj,vbproj}' },
  { scheme: 'file', pattern: '**/Directory.{Packages,Build}.props' },
];

export function isManifest(document: TextDocument | undefined): boolean {
  return document !== undefined && languages.match(DOCUMENT_SELECTOR, document) > 0;
}
