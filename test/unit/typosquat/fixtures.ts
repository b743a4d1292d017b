/** Small popularity lists for tests that need exact, stable figures (the bundled ones change). */
import { createLazyNameIndex, createNameIndex, type ListTexts } from '../../../server/src/typosquat/nameIndex';
import type { NameIndex } from '../../../server/src/typosquat/types';

/** npm names with downloads a month; the last (least popular) sets the floor. */
const NPM: Array<[string, number]> = [
  ['lodash', 300e6],
  ['react', 100e6],
  ['cross-env', 60e6],
  ['@types/node', 200e6],
  ['@babel/core', 150e6],
  ['@babel/cli', 20e6],
  ['event-stream', 20e6],
  ['express', 90e6],
  ['mocha', 40e6],
  ['d3', 5e6],
  ['preact', 10e6],
  ['babel-core', 12e6],
  ['colors', 30e6],
  ['color', 40e6],
  ['tiny-thing', 50e3],
];

/** PyPI names by rank (first = #1). */
const PYPI = ['boto3', 'urllib3', 'requests', 'python-dateutil', 'colorama', 'numpy', 'jellyfish', 'matplotlib'];
const PYPI_FLOOR_RANK = 15000;

const NUGET: Array<[string, string, string]> = [
  ['Newtonsoft.Json', '1400000', ''],
  ['Serilog', '440000', ''],
  ['Serilog.Sinks.Console', '390000', ''],
  ['Tiny.Thing', '200', ''],
  ['Microsoft.Extensions.Logging', '-', 'Microsoft'],
  ['System.Text.Json', '-', 'Microsoft'],
];

function tsv(header: string, rows: string[][]): string {
  return `# test list\n${header}\n${rows.map((r) => r.join('\t')).join('\n')}\n`;
}

export function fixtureIndex(): NameIndex {
  return createNameIndex(fixtureTexts());
}

/** As the server and CLI index the lists: built on first use, verdicts remembered. */
export function rememberingFixtureIndex(): NameIndex {
  const texts = fixtureTexts();
  return createLazyNameIndex({ npm: () => texts.npm, pypi: () => texts.pypi, nuget: () => texts.nuget, nugetPrefixes: () => texts.nugetPrefixes }, ['npm', 'pypi', 'nuget', 'nugetPrefixes']);
}

function fixtureTexts(): ListTexts {
  return {
    npm: tsv('name\tdownloads_a_month', [...NPM].sort((a, b) => b[1] - a[1]).map(([n, c]) => [n, String(c)])),
    pypi: tsv('name\trank', [...PYPI.map((n, i) => [n, String(i + 1)]), ['tail-project', String(PYPI_FLOOR_RANK)]]),
    nuget: tsv('id\tdownloads_a_day\towner', NUGET),
    nugetPrefixes: tsv('prefix\towner', [
      ['Microsoft.', 'Microsoft'],
      ['System.', 'Microsoft'],
      ['AWSSDK.', 'Amazon Web Services'],
    ]),
  };
}
