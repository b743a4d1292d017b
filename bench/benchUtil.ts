/** Small helpers shared by the benchmarks: timing statistics, machine facts, JSON output. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

export interface Stats {
  median: number;
  p95: number;
  min: number;
  runs: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p95: at(0.95), min: s[0], runs: s.length };
}

export function timeMs(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export function machine(): { cores: number; cpu: string; node: string } {
  return { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version };
}

/** Resident memory of a process (Linux /proc), in MB; NaN without a pid. */
export function rssMbOf(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

/** With `--json DIR` on the command line, writes DIR/<name>.json with the machine and figures. */
export function writeJsonIfAsked(name: string, figures: unknown): void {
  const at = process.argv.indexOf('--json');
  if (at === -1) return;
  const dir = process.argv[at + 1] ?? 'bench/results';
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify({ name, machine: machine(), date: new Date().toISOString(), figures }, null, 2)}\n`);
}
