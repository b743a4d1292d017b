/**
 * Typosquat index benchmark: how fast the bundled lists load, how much memory the index takes,
 * how many names a second it checks against the full lists, and how that compares with a plain
 * Damerau–Levenshtein scan of the same lists in the same run. Also the false-alarm figures.
 *
 * Run: `node scripts/bench.mjs typosquat` (after `npx tsc -p tsconfig.json`), or
 * `node --expose-gc out/bench/typosquat.bench.js [--json DIR]`; with --json it also writes
 * DIR/typosquat.json. Targets (issue 3): ≥ 100,000 names/s on one core, ≥ 100× the plain scan,
 * lists loaded in ≤ 300 ms; (issue 11) all three loaded in < 100 ms, index memory < 40 MB, 1,000
 * never-seen names checked in < 10 ms. Timings on a shared machine vary from run to run, so rates are the
 * best of several rounds and load times the first (cold, as at server start) and the median.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Ecosystem } from '../server/src/model/model';
import { parseNpmList, parseNugetList, parsePypiList, type PopularList } from '../server/src/typosquat/lists';
import { DATA_FILES, loadNameIndex, readExtras } from '../server/src/typosquat/load';
import { createNameIndex } from '../server/src/typosquat/nameIndex';
import { PlainScan } from '../server/src/typosquat/scan';
import { holdoutFalseAlarms, listFalseAlarms } from '../server/src/typosquat/selfCheck';
import { hasTableFile, readTable, tableFileName } from '../server/src/typosquat/tableFile';
import type { NameIndex } from '../server/src/typosquat/types';

const DATA_DIR = join(__dirname, '..', '..', 'data');
/** What ships: the lists and the tables the build prebuilt from them (scripts/build.mjs). */
const DIST_DATA_DIR = join(__dirname, '..', '..', 'dist', 'data');
const ROUNDS = 5;
const SCAN_SAMPLE = 40;

type Query = [Ecosystem, string];

const gc = (globalThis as { gc?: () => void }).gc;

function settle(): void {
  gc?.();
  gc?.();
}

function memory(): { heap: number; buffers: number } {
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** A deterministic pseudo-random sequence (the same queries every run). */
function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

/** One typo per name: a deleted, inserted, substituted or swapped character somewhere inside. */
function mutate(name: string, random: () => number): string {
  const at = 1 + Math.floor(random() * Math.max(1, name.length - 2));
  const letter = String.fromCharCode(97 + Math.floor(random() * 26));
  switch (Math.floor(random() * 4)) {
    case 0:
      return name.slice(0, at) + name.slice(at + 1);
    case 1:
      return name.slice(0, at) + letter + name.slice(at);
    case 2:
      return name.slice(0, at) + letter + name.slice(at + 1);
    default:
      return at + 1 < name.length ? name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2) : `${name}${letter}`;
  }
}

function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

interface Rate {
  /** Names per second of elapsed time. */
  wall: number;
  /** Names per second of this process's CPU time: what one core does, whatever else the machine runs. */
  cpu: number;
}

/** Names checked per second: the best of ROUNDS passes over the queries. */
function rate(names: NameIndex, queries: readonly Query[]): Rate {
  const best: Rate = { wall: 0, cpu: 0 };
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    const cpuStart = cpuMs();
    for (const [ecosystem, name] of queries) names.check(ecosystem, name);
    best.wall = Math.max(best.wall, queries.length / ((performance.now() - start) / 1000));
    best.cpu = Math.max(best.cpu, queries.length / (Math.max(cpuMs() - cpuStart, 0.001) / 1000));
  }
  return best;
}

function lists(): Record<Ecosystem, PopularList> {
  const read = (file: string): string => readFileSync(join(DATA_DIR, file), 'utf8');
  return { npm: parseNpmList(read(DATA_FILES.npm)), pypi: parsePypiList(read(DATA_FILES.pypi)), nuget: parseNugetList(read(DATA_FILES.nuget)) };
}

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1);
}

function round(r: Rate): Rate {
  return { wall: Math.round(r.wall), cpu: Math.round(r.cpu) };
}

function main(): void {
  // Load: the first call is cold (as at server start: nothing compiled yet), then warm repeats.
  // What ships is measured (dist/data, with the tables the build prebuilt); without a build, the
  // lists alone, every table built here.
  const prebuilt = ['npm', 'pypi', 'nuget'].every((e) => existsSync(join(DIST_DATA_DIR, tableFileName(e as Ecosystem))));
  const loadDir = prebuilt ? DIST_DATA_DIR : DATA_DIR;
  settle();
  const before = memory();
  let start = performance.now();
  let cpuStart = cpuMs();
  const names = loadNameIndex(loadDir);
  const coldMs = performance.now() - start;
  const coldCpuMs = cpuMs() - cpuStart;
  settle();
  const after = memory();
  const warm: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    start = performance.now();
    loadNameIndex(loadDir);
    warm.push(performance.now() - start);
  }
  // The same lists with every table built here (as before the build prebuilt them; what a
  // table that does not match its list falls back to).
  const builtCpu: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    cpuStart = cpuMs();
    loadNameIndex(DATA_DIR);
    builtCpu.push(cpuMs() - cpuStart);
  }
  settle();

  // Queries: every popular name (what most manifests hold), and one typo of each (what squats look like).
  const random = lcg(42);
  const popular: Query[] = [];
  const typos: Query[] = [];
  for (const ecosystem of names.ecosystems) {
    for (const entry of names.entries(ecosystem)) {
      popular.push([ecosystem, entry.name]);
      typos.push([ecosystem, mutate(entry.name, random)]);
    }
  }
  const mixed = popular.map((q, i) => (i % 2 === 0 ? q : typos[i]));
  const popularRate = rate(names, popular);
  const typoRate = rate(names, typos);
  const mixedRate = rate(names, mixed);

  // 1,000 never-seen names (random letters and a delimiter, 6–16 characters: no package has
  // them, so every finder runs, two slips included), per ecosystem: the best of ROUNDS passes.
  const neverSeen: Record<string, number> = {};
  for (const ecosystem of names.ecosystems) {
    const fresh = Array.from({ length: 1000 }, () => {
      const length = 6 + Math.floor(random() * 11);
      let name = '';
      for (let i = 0; i < length; i++) name += i === 4 ? '-' : String.fromCharCode(97 + Math.floor(random() * 26));
      return name;
    });
    let best = Infinity;
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now();
      for (const name of fresh) names.check(ecosystem, name);
      best = Math.min(best, performance.now() - t0);
    }
    neverSeen[ecosystem] = +best.toFixed(1);
  }

  // Each ecosystem loaded on its own, cold in this process only for the first (the server loads
  // the one a manifest needs).
  const perEcosystem: Record<string, number> = {};
  for (const ecosystem of ['npm', 'pypi', 'nuget'] as const) {
    const t0 = performance.now();
    const one = createNameIndex({
      [ecosystem]: readFileSync(join(loadDir, DATA_FILES[ecosystem]), 'utf8'),
      extras: () => readExtras(loadDir, ecosystem),
      prebuilt: { has: (e) => hasTableFile(loadDir, e), read: (e, text) => readTable(loadDir, e, text) },
    });
    one.check(ecosystem, 'warm-up');
    perEcosystem[ecosystem] = Math.round(performance.now() - t0);
  }

  // The plain scan, on a sample of the mixed queries (a full pass would take hours), against the
  // index's rate on all of them.
  const all = lists();
  const scans = { npm: new PlainScan(all.npm), pypi: new PlainScan(all.pypi), nuget: new PlainScan(all.nuget) };
  const step = Math.floor(mixed.length / SCAN_SAMPLE);
  const sample = mixed.filter((_, i) => i % step === 0).slice(0, SCAN_SAMPLE);
  start = performance.now();
  cpuStart = cpuMs();
  for (const [ecosystem, name] of sample) scans[ecosystem].near(name);
  const scanRate: Rate = { wall: sample.length / ((performance.now() - start) / 1000), cpu: sample.length / ((cpuMs() - cpuStart) / 1000) };

  // False alarms: on the lists themselves, and on held-out names (see selfCheck.ts).
  const onLists = names.ecosystems.map((e) => listFalseAlarms(names, e));
  const heldOut = (['npm', 'pypi', 'nuget'] as const).map((e) => holdoutFalseAlarms(all[e], Math.round(all[e].names.length / 2)));

  const result = {
    machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`,
    load: {
      coldMs: Math.round(coldMs),
      coldCpuMs: Math.round(coldCpuMs),
      warmMedianMs: Math.round(median(warm)),
      prebuiltTables: prebuilt,
      buildingTablesCpuMedianMs: Math.round(median(builtCpu)),
      heapMB: +((after.heap - before.heap) / 2 ** 20).toFixed(1),
      typedArraysMB: +((after.buffers - before.buffers) / 2 ** 20).toFixed(1),
      names: Object.fromEntries(names.ecosystems.map((e) => [e, names.entries(e).length])),
    },
    namesPerSecond: { popular: round(popularRate), typos: round(typoRate), mixed: round(mixedRate) },
    neverSeenThousandMs: neverSeen,
    loadPerEcosystemMs: perEcosystem,
    plainScan: {
      sample: sample.length,
      namesPerSecond: { wall: +scanRate.wall.toFixed(1), cpu: +scanRate.cpu.toFixed(1) },
      speedup: Math.round(mixedRate.cpu / scanRate.cpu),
    },
    falseAlarms: {
      lists: Object.fromEntries(onLists.map((r) => [r.ecosystem, { checked: r.checked, flagged: r.flagged.length, rate: +r.rate.toFixed(5) }])),
      heldOut: Object.fromEntries(heldOut.map((r) => [r.ecosystem, { checked: r.checked, flagged: r.flagged.length, rate: +r.rate.toFixed(4) }])),
    },
  };
  // Throughput is judged per CPU-second (one core, whatever else the machine runs); the load by
  // elapsed time, as the user waits for it.
  const targets = {
    'names/s on one core ≥ 100,000 (every query set)': Math.min(popularRate.cpu, typoRate.cpu, mixedRate.cpu) >= 100_000,
    'speedup over the plain scan ≥ 100×': result.plainScan.speedup >= 100,
    'cold load ≤ 300 ms (issue 3)': result.load.coldMs <= 300,
    'cold load of all three < 100 ms (issue 11)': result.load.coldMs < 100,
    'index memory (heap + typed arrays) < 40 MB': result.load.heapMB + result.load.typedArraysMB < 40,
    '1,000 never-seen names < 10 ms (each ecosystem)': Object.values(neverSeen).every((ms) => ms < 10),
  };

  const both = (r: Rate): string => `${fmt(r.cpu)} per CPU-second (${fmt(r.wall)} per elapsed second)`;
  console.log(`load (${prebuilt ? 'dist/data: prebuilt tables read as typed arrays' : 'NO prebuilt tables in dist/data (run `npm run build`): every table built'}): ${result.load.coldMs} ms cold (${result.load.coldCpuMs} ms CPU, compiler threads included), ${result.load.warmMedianMs} ms warm (median of ${ROUNDS}); heap +${result.load.heapMB} MB, typed arrays +${result.load.typedArraysMB} MB; ${JSON.stringify(result.load.names)}`);
  console.log(`load building every table from the lists instead (data/): ${result.load.buildingTablesCpuMedianMs} ms CPU (median of ${ROUNDS}, warm)`);
  console.log(`index, popular names: ${both(popularRate)}`);
  console.log(`index, one typo each: ${both(typoRate)}`);
  console.log(`index, half and half: ${both(mixedRate)} — best of ${ROUNDS} rounds each`);
  console.log(`1,000 never-seen names: ${Object.entries(neverSeen).map(([e, ms]) => `${e} ${ms} ms`).join(', ')} (target < 10 ms each)`);
  console.log(`load of one ecosystem (list, established set, extras, index): ${Object.entries(perEcosystem).map(([e, ms]) => `${e} ${ms} ms`).join(', ')}`);
  console.log(`plain Damerau–Levenshtein scan of the same lists: ${both(scanRate)} on ${sample.length} of the half-and-half names: the index is ${fmt(result.plainScan.speedup)}× faster`);
  for (const r of onLists) console.log(`false alarms on the ${r.ecosystem} list: ${r.flagged.length}/${fmt(r.checked)} = ${(r.rate * 100).toFixed(3)}%`);
  for (const r of heldOut) console.log(`false alarms on held-out ${r.ecosystem} names (index of the top half, bottom half checked as unknown): ${r.flagged.length}/${fmt(r.checked)} = ${(r.rate * 100).toFixed(2)}%`);
  for (const [target, met] of Object.entries(targets)) console.log(`${met ? 'met   ' : 'MISSED'} ${target}`);
  if (!gc) console.log('(run with --expose-gc for exact memory figures)');

  const at = process.argv.indexOf('--json');
  if (at !== -1) {
    const dir = process.argv[at + 1] ?? 'bench/results';
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'typosquat.json'), `${JSON.stringify({ ...result, targets }, null, 2)}\n`);
  }
}

main();
