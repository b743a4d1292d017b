/**
 * The one place the typosquat evaluation (bench/typosquatEval.bench.ts, the corpus test) calls the
 * detector. It goes through the `typosquat` rule as `analyze()` runs it, so what is measured is what
 * a user sees: whether a name is flagged, at which severity, and which package the one-click
 * replacement names. When the detector's files move, only the imports here change.
 */
import { join } from 'node:path';
import { analyze } from '../server/src/analysis/analyze';
import type { Dependency, Ecosystem, Finding, Manifest, ManifestKind, Severity } from '../server/src/model/model';
import { DEFAULT_SETTINGS } from '../server/src/model/settings';
import { RULES } from '../server/src/model/ruleIds';
import { typosquat } from '../server/src/rules/typosquat';
import { loadNameIndex } from '../server/src/typosquat/load';
import type { NameIndex } from '../server/src/typosquat/types';

/** What the detector says about one name. */
export interface Verdict {
  name: string;
  /** The finding's severity; undefined when the name is not flagged. */
  severity?: Severity;
  /** The package the finding's replacement fix names (undefined: no replacement offered). */
  target?: string;
  /** How the detector says the name resembles the target (`typo`, `affix`, `lookalike`…), when it says. */
  kind?: string;
}

/** The repository's data folder, from out/bench (and from out/test/…/ via the same relative path). */
export const DATA_DIR = join(__dirname, '..', '..', 'data');

let index: NameIndex | undefined;

/** The detector's index over the shipped lists, loaded once per process. */
export function detector(): NameIndex {
  return (index ??= loadNameIndex(DATA_DIR));
}

/** Loads a fresh index (for measuring load time and memory); `detector()` keeps its own. */
export function loadDetector(): NameIndex {
  return loadNameIndex(DATA_DIR);
}

function manifestOf(ecosystem: Ecosystem, names: readonly string[]): { manifest: Manifest; text: string } {
  const kind: ManifestKind = ecosystem === 'npm' ? 'package.json' : ecosystem === 'pypi' ? 'requirements' : 'msbuild';
  const dependencies: Dependency[] = [];
  let at = 0;
  for (const name of names) {
    dependencies.push({ ecosystem, name, nameSpan: { start: at, end: at + name.length }, section: 'dependencies', source: 'registry' });
    at += name.length + 1;
  }
  return { manifest: { kind, ecosystem, dependencies, scripts: [], sources: [], includes: [], problems: [] }, text: names.join('\n') };
}

/** Runs the rule over the names and returns how many it flagged: what the timing measures. */
export function runRule(ecosystem: Ecosystem, names: readonly string[], using = detector()): number {
  const { manifest, text } = manifestOf(ecosystem, names);
  return typosquat.check({ manifest, text, settings: DEFAULT_SETTINGS, names: using }).length;
}

/**
 * Runs the `typosquat` rule over one manifest holding every name as a registry dependency (so
 * nothing is lost to a parser's idea of a valid name) and returns one verdict per name, in order.
 */
export function checkNames(ecosystem: Ecosystem, names: readonly string[], using = detector()): Verdict[] {
  const { manifest, text } = manifestOf(ecosystem, names);
  const found = new Map<Dependency, Verdict>();
  for (const raw of typosquat.check({ manifest, text, settings: DEFAULT_SETTINGS, names: using })) {
    if (!raw.dependency) continue;
    const check = using.check(ecosystem, raw.dependency.name);
    const kind = check.lookalike?.resemblance.kind ?? (check.prefixImitation ? 'prefix' : check.nonAscii.length ? 'non-ascii' : undefined);
    const replacement = raw.fixes?.find((f) => f.kind === 'replace-name')?.edits[0]?.newText;
    found.set(raw.dependency, { name: raw.dependency.name, severity: raw.severity ?? RULES.typosquat.defaultSeverity, target: replacement, kind });
  }
  return manifest.dependencies.map((d) => found.get(d) ?? { name: d.name });
}

/**
 * Analyses a real manifest as `manifest-guard scan --offline` does (default settings) and returns
 * how many registry dependencies it declares and the `typosquat` findings on them.
 */
export function scanManifest(kind: ManifestKind, text: string): { dependencies: number; findings: Finding[] } {
  const { manifest, findings } = analyze({ kind, text, settings: DEFAULT_SETTINGS, names: detector() });
  const dependencies = manifest.dependencies.filter((d) => d.source === 'registry' || d.source === 'alias').length;
  return { dependencies, findings: findings.filter((f) => f.rule === 'typosquat') };
}

/** The registry's normal form of a name, to compare a finding's target with the intended one. */
export function sameName(ecosystem: Ecosystem, a: string, b: string): boolean {
  if (ecosystem === 'pypi') return a.toLowerCase().replace(/[-_.]+/g, '-') === b.toLowerCase().replace(/[-_.]+/g, '-');
  return a.toLowerCase() === b.toLowerCase();
}
