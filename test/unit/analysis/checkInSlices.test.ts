/**
 * Checking a slice at a time (what the language server does with large documents) finds exactly
 * what `check` finds, in the same order: on every real project and example with its lockfile, with
 * slices as small as one dependency, and on large generated manifests with the default slice.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, parse, type AnalysisInput } from '../../../server/src/analysis/analyze';
import { checkInSlices, SliceSizer, TASK_BUDGET_MS } from '../../../server/src/analysis/checkInSlices';
import { findManifests } from '../../../server/src/analysis/findManifests';
import { inputsFromDisk } from '../../../server/src/analysis/inputs';
import { manifestKindOf } from '../../../server/src/manifests';
import { parseSettings } from '../../../server/src/model/settings';
import { LockGraphCache } from '../../../server/src/tree/cache';
import { shippedNameIndex } from '../../../server/src/typosquat/load';

const ROOT = join(__dirname, '..', '..', '..', '..');
const settings = parseSettings({ offline: true, maxFileSizeKB: 4096 });
const names = shippedNameIndex();
const read = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

async function both(input: AnalysisInput, sliceSize?: number) {
  const parsed = parse(input);
  let pauses = 0;
  const sliced = await checkInSlices(parsed, parsed.input, async () => (pauses++, true), sliceSize);
  return { whole: check(parsed), sliced, pauses, dependencies: parsed.manifest.dependencies.length };
}

describe('checking a manifest in slices', () => {
  it('finds what the whole check finds, in the same order, on every real project and example (slices of 1 and 3 dependencies)', async () => {
    const trees = new LockGraphCache();
    const paths = findManifests([join(ROOT, 'test', 'fixtures', 'real'), join(ROOT, 'examples')]);
    assert.ok(paths.length >= 20, `${paths.length} manifests`);
    let findings = 0;
    for (const path of paths) {
      const kind = manifestKindOf(path);
      if (!kind) continue;
      const text = readFileSync(path, 'utf8');
      for (const sliceSize of [1, 3]) {
        const { whole, sliced, pauses, dependencies } = await both({ kind, text, settings, names, ...inputsFromDisk({ path, kind, text, read, trees }) }, sliceSize);
        assert.deepEqual(sliced, whole, path);
        if (sliceSize === 1) assert.ok(pauses >= dependencies, `${path}: ${pauses} pauses for ${dependencies} dependencies`);
      }
      findings += check(parse({ kind, text, settings, ...inputsFromDisk({ path, kind, text, read, trees }) })).findings.length;
    }
    assert.ok(findings > 50, `${findings} findings compared`);
  });

  it('finds what the whole check finds on large generated manifests (sources, overrides, URLs, bad lines), pausing between slices', async () => {
    // Look-alikes in the first slice; the project's own scope (`@acme`, a local path) only in the last.
    const lookalikes = ['"expresss": "1.0.0"', '"@acme/react": "1.0.0"', '"@evil/react": "1.0.0"', '"lodahs": "^4"'];
    const pkg = `{"dependencies": {${[...lookalikes, ...Array.from({ length: 9000 }, (_, i) => `"p${i}": "${['^1.0.0', '1.2.3', 'github:a/b', 'file:../x', '*', 'latest', 'npm:q@^2'][i % 7]}"`), '"@acme/util": "file:../util"'].join(',')}}, "overrides": {"p5": "1.0.0", "p12": "^2"}}`;
    const req = ['reqeusts==1.0', 'djangoo>=1', ...Array.from({ length: 9000 }, (_, i) => [`p${i}>=1.0`, `p${i}==1.0`, `p${i} @ https://x.test/p.whl`, `-e ./p${i}`, `p${i}[x]~=2.1 ; python_version<"3.9"`, `%bad ${i}`][i % 6])].join('\n');
    for (const [kind, text] of [['package.json', pkg], ['requirements', req]] as const) {
      const { whole, sliced, pauses } = await both({ kind, text, settings, names });
      assert.ok(whole.findings.length > 5000, `${kind}: ${whole.findings.length} findings`);
      const lookalikeFindings = whole.findings.filter((f) => f.rule === 'typosquat').map((f) => f.package);
      for (const name of kind === 'package.json' ? ['expresss', '@evil/react', 'lodahs'] : ['reqeusts', 'djangoo']) assert.ok(lookalikeFindings.includes(name), `${kind}: ${name} is a look-alike`);
      assert.ok(!lookalikeFindings.includes('@acme/react'), 'the project’s own scope, known from the last slice');
      assert.deepEqual(sliced, whole, kind);
      assert.ok(pauses >= 5, `${kind}: ${pauses} pauses`);
    }
  });

  it('stops when the result is no longer wanted', async () => {
    const text = Array.from({ length: 9000 }, (_, i) => `p${i}>=1`).join('\n');
    const parsed = parse({ kind: 'requirements', text, settings });
    let asked = 0;
    assert.equal(await checkInSlices(parsed, parsed.input, async () => ++asked < 2), undefined);
    assert.equal(asked, 2);
  });
});

describe('slice sizes of a large check', () => {
  it('follow the pace of the slice before: a slow rule gets slices that fit the task budget, a fast one grows at most twofold', () => {
    const sizer = new SliceSizer();
    const first = sizer.next();
    // The first slice took four budgets: the next is a quarter of it.
    sizer.took(first, TASK_BUDGET_MS * 4);
    assert.equal(sizer.next(), Math.max(50, Math.floor(first / 4)));
    // A slice that took almost nothing: growth is capped.
    const slow = sizer.next();
    sizer.took(slow, 0.01);
    assert.equal(sizer.next(), slow * 2);
    // A short last slice says nothing about the pace.
    sizer.took(3, 1000);
    assert.equal(sizer.next(), slow * 2);
    for (let i = 0; i < 20; i++) sizer.took(sizer.next(), 0.01);
    assert.equal(sizer.next(), 4000, 'slices never grow past 4,000 dependencies');
    sizer.restart();
    assert.equal(sizer.next(), first, 'a new rule starts from the first size again');
  });

  it('stay as given when the caller fixes them', () => {
    const sizer = new SliceSizer(3);
    sizer.took(3, 1000);
    assert.equal(sizer.next(), 3);
  });
});
