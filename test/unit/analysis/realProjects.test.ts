/**
 * Issue 12's target on real projects as they are (manifest + lockfile): warnings and errors stay
 * under 100 per 1,000 dependencies, and each one left is named here (and in the README), so a new
 * one is a decision, not a drift. The vitest monorepo files are left out: their lockfile is absent.
 */
import { strict as assert } from 'node:assert';
import { join, relative } from 'node:path';
import { findManifests } from '../../../server/src/analysis/findManifests';
import { scanFiles } from '../../../server/src/cli/scan';
import { parseSettings } from '../../../server/src/model/settings';

const REAL = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'real');
const WITHOUT_LOCKFILE = new Set(['vitest/packages/vitest/package.json', 'vitest/pnpm-workspace.yaml']);

describe('noise on real projects with their lockfiles (issue 12)', () => {
  it('reports at most 100 warnings and errors per 1,000 dependencies, each one worth a maintainer’s look', () => {
    const paths = findManifests([REAL]).filter((p) => !WITHOUT_LOCKFILE.has(relative(REAL, p).split('\\').join('/')));
    const files = scanFiles(paths, { settings: parseSettings({ offline: true }), logger: { error: () => undefined } });
    let dependencies = 0;
    const loud: string[] = [];
    for (const file of files) {
      dependencies += file.analysis.manifest.dependencies.length;
      for (const f of file.analysis.findings) {
        if (f.severity === 'warning' || f.severity === 'error') loud.push(`${relative(REAL, file.path).split('\\').join('/')}: ${f.rule} ${f.package ?? '(own script)'}`);
      }
    }
    assert.deepEqual(loud.sort(), [
      'aspire/Directory.Packages.props: unpinned-version RabbitMQ.Client', // a NuGet range nothing pins
      'httpbin/Pipfile: install-script pyyaml', // built from a git checkout at install
      'httpbin/Pipfile: non-registry-source pyyaml', // the default branch of a git repository
      'minimum-poetry/pyproject.toml: unpinned-version poetry-core', // the build backend, any version
      'vitest-0.0.27/package.json: install-script (own script)', // `prepare` runs on every install
      'vitest-0.0.27/package.json: non-registry-source vite', // an override to a local folder
    ]);
    assert.ok(dependencies >= 190, `${dependencies} dependencies measured`);
    assert.ok((loud.length * 1000) / dependencies <= 100, `${((loud.length * 1000) / dependencies).toFixed(0)} per 1,000`);
  });
});
