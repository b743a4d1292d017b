/**
 * The rule documentation shipped beside the bundles (docs/rules/<id>.md): the same text VS Code
 * opens from a diagnostic's rule link, here for SARIF's rule help, which GitHub code scanning
 * shows beside each alert.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleId } from '../model/ruleIds';

export interface RuleDoc {
  /** The whole page, Markdown. */
  markdown: string;
  /** The "What it detects" section, as one paragraph of text. */
  whatItDetects: string;
}

/** dist/cli.js sits one folder below the package root; the compiled tests four. */
const CANDIDATES = [join(__dirname, '..', 'docs', 'rules'), join(__dirname, '..', '..', '..', '..', 'docs', 'rules')];

let docsDir: string | null | undefined;

function folder(): string | undefined {
  if (docsDir === undefined) docsDir = CANDIDATES.find((dir) => existsSync(join(dir, 'unpinned-version.md'))) ?? null;
  return docsDir ?? undefined;
}

/** A section's body: the text between its `## ` heading and the next one. */
export function section(markdown: string, heading: string): string | undefined {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) return undefined;
  const body = markdown.slice(start + heading.length + 5);
  const end = body.indexOf('\n## ');
  return (end === -1 ? body : body.slice(0, end)).trim();
}

export function ruleDoc(id: RuleId): RuleDoc | undefined {
  const dir = folder();
  if (!dir) return undefined;
  let markdown: string;
  try {
    markdown = readFileSync(join(dir, `${id}.md`), 'utf8');
  } catch {
    return undefined;
  }
  const what = section(markdown, 'What it detects');
  return what ? { markdown, whatItDetects: what.replace(/\s*\n\s*/g, ' ') } : undefined;
}
