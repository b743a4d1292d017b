/**
 * Hostile manifests stay linear: analysing 8× the dependencies takes far less than 64× the time
 * (a quadratic step would show as ~64×). Target: ratio < 32× for every manifest kind. Moved here
 * from the unit tests, which never assert timings.
 */
import { analyze } from '../server/src/analysis/analyze';
import { parseMsbuild } from '../server/src/manifests/msbuild';
import type { ManifestKind } from '../server/src/model/model';
import { parseSettings } from '../server/src/model/settings';
import { fmt, stats, timeMs, writeJsonIfAsked } from './benchUtil';

const SETTINGS = parseSettings({ maxFileSizeKB: 16 * 1024 });
// Every dependency manifest kind (pnpm-workspace.yaml only carries overrides and catalogs).
const MAKE: Record<Exclude<ManifestKind, 'pnpm-workspace.yaml'>, (n: number) => string> = {
  'package.json': (n) => `{"dependencies": {${Array.from({ length: n }, (_, i) => `"p${i}": "^1.0.${i}"`).join(',')}}}`,
  requirements: (n) => Array.from({ length: n }, (_, i) => `p${i}[x]>=1.${i} ; python_version > "3"`).join('\n'),
  msbuild: (n) => `<Project><ItemGroup>${Array.from({ length: n }, (_, i) => `<PackageReference Include="P${i}" Version="1.${i}.*" />`).join('\n')}</ItemGroup></Project>`,
  'pyproject.toml': (n) => `[project]\nname = "x"\ndependencies = [\n${Array.from({ length: n }, (_, i) => `  "p${i}[x]>=1.${i} ; python_version > '3'",`).join('\n')}\n]\n`,
  Pipfile: (n) => `[packages]\n${Array.from({ length: n }, (_, i) => `p${i} = ">=1.${i}"`).join('\n')}\n`,
};
const TARGET_RATIO = 32;

const results: Record<string, unknown> = {};
for (const kind of Object.keys(MAKE) as Array<keyof typeof MAKE>) {
  const median = (n: number): number => {
    const text = MAKE[kind](n);
    return stats(Array.from({ length: 9 }, () => timeMs(() => analyze({ kind, text, settings: SETTINGS })))).median;
  };
  median(200); // JIT warm-up
  const small = median(500);
  const large = median(4000);
  const ratio = large / small;
  results[kind] = { smallMs: small, largeMs: large, ratio };
  console.log(`${kind.padEnd(14)} 500 deps ${fmt(small)} ms, 4,000 deps ${fmt(large)} ms: ${ratio.toFixed(1)}× for 8× the input   (target < ${TARGET_RATIO}×)`);
}
// 200 kB of each kind of broken XML markup (the inputs of test/unit/manifests/msbuild.test.ts):
// the slowest one. Target: < 1 s each.
const n = 50_000;
const broken = [`<Project>${'<!--\n'.repeat(n)}</Project>`, `<Project>${'<![CDATA[\n'.repeat(n)}</Project>`, `<Project>${'<!ENTITY\n'.repeat(n)}`, `<Project>${'<?pi x\n'.repeat(n)}`, `<Project>${'<a'.repeat(n)}`, '<a b="'.repeat(n), `<a>${'& '.repeat(n)}</a>`, '</a>'.repeat(n), `<!DOCTYPE x [${'<!ENTITY a "b"\n'.repeat(n)}]><a/>`];
const slowest = Math.max(...broken.map((text) => timeMs(() => parseMsbuild(text))));
results.brokenMarkupSlowestMs = slowest;
console.log(`broken XML, 200 kB of each kind: slowest ${fmt(slowest)} ms   (target < 1000 ms)`);
writeJsonIfAsked('hostile', results);
