/**
 * The committed data files: present, small, loading fast enough, with the NuGet IDs the shared
 * snapshot lacks, and exactly what `npm run data:popular` makes from the snapshots.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_FILES } from '../../../server/src/typosquat/load';
import { bundled, DATA_DIR } from './bundled';

const ROOT = join(DATA_DIR, '..');
const SHARED = join(ROOT, '..', 'shared', 'data');

describe('typosquat: bundled data', () => {
  it('ships every list, 1.5 MB at most in all', () => {
    let total = 0;
    for (const file of Object.values(DATA_FILES)) total += statSync(join(DATA_DIR, file)).size;
    assert.ok(total <= 1.5 * 1024 * 1024, `${total} bytes`);
    const names = bundled();
    assert.deepEqual([...names.ecosystems].sort(), ['npm', 'nuget', 'pypi']);
    assert.ok(names.entries('npm').length >= 40000);
    assert.ok(names.entries('pypi').length >= 14000);
    assert.ok(names.entries('nuget').length >= 2000);
  });

  it('knows the Microsoft and AWS NuGet IDs the shared snapshot lacks', () => {
    const names = bundled();
    for (const id of ['System.Text.Json', 'Microsoft.Extensions.Logging', 'Microsoft.AspNetCore.Authentication.JwtBearer', 'Microsoft.EntityFrameworkCore.SqlServer', 'Azure.Identity', 'AWSSDK.S3']) {
      const p = names.lookup('nuget', id);
      assert.ok(p, id);
      assert.equal(p.popularity.kind, 'vendor', id);
    }
    assert.equal(names.lookup('nuget', 'newtonsoft.json')?.popularity.kind, 'downloads-a-day');
  });

  it('is what scripts/data-popular.mjs makes from the shared snapshots', function () {
    if (!existsSync(SHARED)) this.skip(); // the snapshots sit beside the repository (../shared)
    const out = mkdtempSync(join(tmpdir(), 'mg-data-'));
    try {
      const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'data-popular.mjs'), '--shared', SHARED, '--out', out], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      for (const file of readdirSync(out)) {
        assert.equal(readFileSync(join(out, file), 'utf8'), readFileSync(join(DATA_DIR, file), 'utf8'), `${file} differs: run npm run data:popular`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
