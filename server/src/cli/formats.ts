/** The CLI's three output formats. JSON and SARIF are contracts (see README); text is for people. */
import { relative, sep } from 'node:path';
import type { Severity } from '../model/model';
import { LineIndex } from '../model/positions';
import { RULES, RULE_IDS, type RuleId } from '../model/ruleIds';
import { ruleDoc } from './ruleDocs';
import type { ScannedFile } from './scan';

export const TOOL_VERSION = '0.1.0';

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return (rel && !rel.startsWith('..') ? rel : path).split(sep).join('/');
}

export function toJson(files: ScannedFile[]): string {
  const out = {
    files: files.map((f) => {
      const lines = new LineIndex(f.text);
      return {
        path: displayPath(f.path),
        ecosystem: f.analysis.manifest.ecosystem,
        dependencies: f.analysis.manifest.dependencies.map((d) => ({
          name: d.name,
          spec: d.spec ?? null,
          section: d.section,
          source: d.source,
          range: lines.rangeOf(d.nameSpan),
          specRange: d.specSpan ? lines.rangeOf(d.specSpan) : null,
        })),
        findings: f.analysis.findings.map((x) => ({
          rule: x.rule,
          severity: x.severity,
          package: x.package ?? null,
          ...(x.via ? { via: x.via } : {}),
          message: x.message,
          range: lines.rangeOf(x.span),
        })),
      };
    }),
  };
  return JSON.stringify(out, null, 2);
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/**
 * A rule as GitHub code scanning wants it (the SARIF validator's GH2012 and SARIF1001): a name
 * that is not the id, and a full description and help, both from the shipped rule documentation.
 */
function sarifRule(id: RuleId) {
  const doc = ruleDoc(id);
  const description = RULES[id].description;
  return {
    id,
    name: RULES[id].name,
    shortDescription: { text: description },
    fullDescription: { text: doc?.whatItDetects ?? description },
    help: doc ? { text: doc.markdown, markdown: doc.markdown } : { text: description },
    defaultConfiguration: { level: SARIF_LEVEL[RULES[id].defaultSeverity] },
  };
}

/** SARIF 2.1.0 as GitHub code scanning accepts it: 1-based lines and columns, relative URIs. */
export function toSarif(files: ScannedFile[]): string {
  const ruleIndex = new Map<string, number>(RULE_IDS.map((id, i) => [id, i]));
  const results = files.flatMap((f) => {
    const lines = new LineIndex(f.text);
    return f.analysis.findings.map((x) => {
      const r = lines.rangeOf(x.span);
      return {
        ruleId: x.rule,
        ruleIndex: ruleIndex.get(x.rule),
        level: SARIF_LEVEL[x.severity],
        message: { text: x.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodeURI(displayPath(f.path)), uriBaseId: '%SRCROOT%' },
              region: { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: Math.max(r.end.character, r.start.line === r.end.line ? r.start.character + 1 : 0) + 1 },
            },
          },
        ],
        // The chain tells apart one transitive package reached through two direct dependencies.
        partialFingerprints: { 'manifestGuard/v1': `${x.rule}:${displayPath(f.path)}:${x.package ?? ''}${x.via ? `:${x.via.join('>')}` : ''}` },
      };
    });
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Manifest Guard',
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            rules: RULE_IDS.map(sarifRule),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

export function toText(files: ScannedFile[], color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const SEV_COLOR: Record<Severity, string> = { error: '31', warning: '33', information: '36', hint: '2' };
  const out: string[] = [];
  let total = 0;
  for (const f of files) {
    const lines = new LineIndex(f.text);
    for (const x of f.analysis.findings) {
      total++;
      const p = lines.positionAt(x.span.start);
      out.push(`${displayPath(f.path)}:${p.line + 1}:${p.character + 1}: ${paint(SEV_COLOR[x.severity], x.severity)} ${paint('1', x.rule)} ${x.message}`);
    }
  }
  const deps = files.reduce((n, f) => n + f.analysis.manifest.dependencies.length, 0);
  out.push(`${total === 0 ? 'No findings' : `${total} finding${total === 1 ? '' : 's'}`} in ${files.length} manifest${files.length === 1 ? '' : 's'} (${deps} dependencies).`);
  return out.join('\n');
}
