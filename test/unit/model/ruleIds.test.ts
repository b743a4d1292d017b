/**
 * One list of rules: ids.ts is the source; package.json's severity schema and the shipped rule
 * docs must agree with it, so a rule added in one place and forgotten in another fails here.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_IDS, RULES } from '../../../server/src/model/ruleIds';
import { REPO_ROOT } from '../../helpers/lspClient';

interface SeveritySchema {
  properties: Record<string, { type: string; enum: string[]; default: string; description: string }>;
  additionalProperties: boolean;
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
const severity = manifest.contributes.configuration.properties['manifestGuard.severity'] as SeveritySchema;

describe('the rule list', () => {
  it('package.json offers a severity setting for exactly the rules in ids.ts, with their defaults and descriptions', () => {
    assert.deepEqual(Object.keys(severity.properties).sort(), [...RULE_IDS].sort());
    assert.equal(severity.additionalProperties, false);
    for (const id of RULE_IDS) {
      const property = severity.properties[id];
      assert.deepEqual(property.enum, ['error', 'warning', 'information', 'hint', 'off'], id);
      assert.equal(property.default, RULES[id].defaultSeverity, `${id}: default`);
      assert.equal(property.description, RULES[id].description, `${id}: description`);
    }
  });

  it('ships documentation for every rule, and only for rules: what, why, an example, the fix, how to silence it', () => {
    const docs = readdirSync(join(REPO_ROOT, 'docs', 'rules')).filter((f) => f.endsWith('.md'));
    assert.deepEqual(docs.map((f) => f.slice(0, -3)).sort(), [...RULE_IDS].sort());
    for (const id of RULE_IDS) {
      const text = readFileSync(join(REPO_ROOT, 'docs', 'rules', `${id}.md`), 'utf8');
      assert.match(text, new RegExp(`^# .+ \\(\`${id}\`\\)\\n`), `${id}: title naming the id`);
      const headings = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      assert.deepEqual(headings, ['What it detects', 'Why it matters', 'Example', 'How to fix it', 'How to silence it'], id);
      assert.ok(text.includes(`"${id}": "off"`), `${id}: says how to turn the rule off`);
    }
  });

  it('gives every rule a SARIF name that is not its id', () => {
    const names = RULE_IDS.map((id) => RULES[id].name);
    assert.equal(new Set(names).size, names.length);
    for (const id of RULE_IDS) assert.notEqual(RULES[id].name.toLowerCase(), id.toLowerCase(), id);
  });
});
