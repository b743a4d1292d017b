/**
 * The analysis pipeline: text in, findings out — `parse` (manifest, post-parse problems, locked
 * versions), then `check` (rules, then settings: severity and allowlist). Used unchanged by the
 * language server and the CLI. No I/O happens here; adapters pass in what they read.
 */
import { ECOSYSTEM_OF_KIND, type Finding, type LockedVersions, type Manifest, type ManifestKind, type Severity } from '../model/model';
import type { ProjectContext } from '../model/project';
import { applyProject } from '../manifests/indirectSpecs';
import { normalizeName } from '../model/names';
import { MESSAGE_MAX, shorten } from '../model/shorten';
import type { Settings } from '../model/settings';
import { parseManifestInSteps } from '../manifests';
import { runToEnd, type Steps } from '../model/steps';
import { OFFLINE_RULES, ONLINE_RULES } from '../rules';
import { RULE_ALIASES, RULES, type RuleId } from '../model/ruleIds';
import type { RegistryView } from '../registries/types';
import type { SpecServices } from '../specs/types';
import type { RawFinding, Rule, RuleContext } from '../rules/types';
import type { LockTree } from '../tree/model';
import type { NameIndex } from '../typosquat/types';

export interface Logger {
  error(message: string): void;
  info?(message: string): void;
}

export interface AnalysisInput {
  kind: ManifestKind;
  text: string;
  settings: Settings;
  /** Exact versions from a lockfile; a function when finding them needs the parsed manifest (pip `-c` files). */
  locked?: LockedVersions | ((manifest: Manifest) => LockedVersions | undefined);
  /** The whole locked tree from the lockfile that installs this manifest, for the lockfile rules and the hover. */
  tree?: LockTree;
  /**
   * Registry facts the adapter already holds, for the parsed manifest (the endpoints depend on it,
   * e.g. a requirements file's --index-url). When given, the registry rules run too.
   */
  registry?: (manifest: Manifest, locked: LockedVersions | undefined) => RegistryView | undefined;
  /** Popular names per ecosystem, for the typosquat rule (absent: that rule is quiet). */
  names?: NameIndex;
  /** Rules beyond the offline and registry sets run after them. */
  extraRules?: readonly Rule[];
  /** Problems only the adapter can see once the file is parsed (e.g. a `-r` include that does not exist). */
  afterParse?: (manifest: Manifest) => Manifest['problems'];
  /** What the adapter read around the manifest: pnpm catalogs, MSBuild properties, the file's role, the platform. */
  project?: ProjectContext;
  /** The process's spec semantics and their memory (getAnalysisServices().specs); absent: specs are described uncached. */
  specs?: SpecServices;
  logger?: Logger;
}

export interface Analysis {
  manifest: Manifest;
  findings: Finding[];
  locked?: LockedVersions;
  tree?: LockTree;
}

const EMPTY_MANIFEST = (kind: ManifestKind): Manifest => ({
  kind,
  ecosystem: ECOSYSTEM_OF_KIND[kind],
  dependencies: [],
  scripts: [],
  sources: [],
  includes: [],
  problems: [],
});

const ALIASES = Object.entries(RULE_ALIASES) as Array<[RuleId, RuleId]>;

function severityFor(rule: RuleId, raw: RawFinding, settings: Settings): Severity | undefined {
  // The rule's own setting, else that of an old id folded into it (RULE_ALIASES).
  const alias = ALIASES.find(([old, target]) => target === rule && settings.severity[old] !== undefined)?.[0];
  const configured = settings.severity[rule] ?? (alias && settings.severity[alias]);
  if (configured === 'off') return undefined;
  return configured ?? raw.severity ?? RULES[rule].defaultSeverity;
}

/** Allowlist entries are `name` (every rule) or `rule:name`; names compare in normal form. */
export function isAllowlisted(finding: Pick<Finding, 'rule' | 'package'>, ecosystem: Manifest['ecosystem'], allowlist: readonly string[]): boolean {
  if (!finding.package || allowlist.length === 0) return false;
  const name = normalizeName(ecosystem, finding.package);
  return allowlist.some((entry) => {
    const colon = entry.indexOf(':');
    const prefix = colon > 0 ? entry.slice(0, colon) : undefined;
    if (prefix && prefix in RULES) return (prefix === finding.rule || RULE_ALIASES[prefix as RuleId] === finding.rule) && normalizeName(ecosystem, entry.slice(colon + 1)) === name;
    return normalizeName(ecosystem, entry) === name;
  });
}

/**
 * Runs one step of the pipeline that adapter-supplied code or a rule can make throw: the failure is
 * logged with its stack (`WHAT failed[WHERE]: …`) and the step yields undefined, so one broken
 * step never hides the rest of the analysis.
 */
function guarded<T>(input: Pick<AnalysisInput, 'logger'>, what: string, step: () => T, where = ''): T | undefined {
  try {
    return step();
  } catch (err) {
    input.logger?.error(`${what} failed${where}: ${(err as Error)?.stack ?? String(err)}`);
    return undefined;
  }
}

/**
 * A raw finding with its rule and severity, built field by field: an object spread costs about a
 * microsecond here, and a large manifest has a thousand findings on every keystroke.
 */
function toFinding(raw: RawFinding, rule: RuleId, severity: Severity): Finding {
  // Rules quote names and specs shortened already; this bounds whatever one forgets.
  const message = raw.message.length > MESSAGE_MAX ? shorten(raw.message, MESSAGE_MAX) : raw.message;
  const finding: Finding = { rule, severity, message, span: raw.span };
  if (raw.package !== undefined) finding.package = raw.package;
  if (raw.via !== undefined) finding.via = raw.via;
  if (raw.dependency !== undefined) finding.dependency = raw.dependency;
  if (raw.fixes !== undefined) finding.fixes = raw.fixes;
  if (raw.detail !== undefined) finding.detail = raw.detail;
  return finding;
}

/**
 * A manifest read and what was read beside it: everything the rules need except the registry
 * facts and the popularity index, which arrive later than the text. Checking it again with new
 * facts (`check`) re-runs the rules without parsing again.
 */
export interface ParsedManifest {
  input: AnalysisInput;
  manifest: Manifest;
  locked?: LockedVersions;
  /** The text was over manifestGuard.maxFileSizeKB: nothing was parsed, one finding says so. */
  tooLarge: boolean;
}

export function parse(input: AnalysisInput): ParsedManifest {
  return runToEnd(parseInSteps(input, Infinity));
}

/** `parse` a step at a time: a requirements file pauses every `linesPerStep` logical lines, a large package.json about every `linesPerStep` entries (model/steps.ts). */
export function* parseInSteps(input: AnalysisInput, linesPerStep: number): Steps<ParsedManifest> {
  const { kind, text, settings } = input;
  if (text.length > settings.maxFileSizeKB * 1024) return { input, manifest: EMPTY_MANIFEST(kind), tooLarge: true };

  let manifest: Manifest;
  try {
    manifest = yield* parseManifestInSteps(kind, text, linesPerStep);
  } catch (err) {
    // Parsers are written not to throw; if one does, say so on the first line and keep the server up.
    input.logger?.error(`parser for ${kind} failed: ${(err as Error)?.stack ?? String(err)}`);
    manifest = EMPTY_MANIFEST(kind);
    manifest.problems.push({ message: `Manifest Guard could not read this file (${(err as Error)?.message ?? 'internal error'}); see the output log.`, span: { start: 0, end: 0 } });
  }

  yield;
  const { afterParse } = input;
  if (afterParse) guarded(input, 'post-parse step', () => manifest.problems.push(...afterParse(manifest)));
  guarded(input, 'resolving catalog and property specs', () => applyProject(manifest, input.project ?? {}));

  yield;
  const locked = guarded(input, 'reading the lockfile', () => (typeof input.locked === 'function' ? input.locked(manifest) : input.locked));
  return { input, manifest, locked, tooLarge: false };
}

/** What may change between two checks of one parse: registry facts arrive, an index is built. */
export type LaterInputs = Pick<AnalysisInput, 'registry' | 'names'>;

/** What one check runs: the rules, in the order their findings are listed, and what they see. */
export interface CheckPlan {
  parsed: ParsedManifest;
  ctx: RuleContext;
  rules: readonly Rule[];
}

/** The plan for checking `parsed`, or undefined when it was too large to parse (`tooLargeAnalysis`). */
export function planCheck(parsed: ParsedManifest, later: LaterInputs = parsed.input): CheckPlan | undefined {
  if (parsed.tooLarge) return undefined;
  const { input, manifest, locked } = parsed;
  const registry = guarded(input, 'reading registry facts', () => later.registry?.(manifest, locked));
  const ctx: RuleContext = { manifest, text: input.text, settings: input.settings, locked, registry, tree: input.tree, names: later.names, project: input.project, specs: input.specs };
  return { parsed, ctx, rules: [...OFFLINE_RULES, ...(registry ? ONLINE_RULES : []), ...(input.extraRules ?? [])] };
}

/** The one finding of a manifest over manifestGuard.maxFileSizeKB. */
export function tooLargeAnalysis(parsed: ParsedManifest): Analysis {
  const { manifest, input } = parsed;
  const { text, settings } = input;
  const severity = severityFor('manifest-too-large', { span: { start: 0, end: 0 }, message: '' }, settings);
  const findings: Finding[] = severity
    ? [{ rule: 'manifest-too-large', severity, span: { start: 0, end: 0 }, message: `This file is ${Math.round(text.length / 1024)} KB, more than manifestGuard.maxFileSizeKB (${settings.maxFileSizeKB} KB), so Manifest Guard did not analyse it.` }]
    : [];
  return { manifest, findings };
}

/** Runs one rule (or one slice of it); a rule that throws is logged and reports nothing. */
export function runRule(plan: CheckPlan, rule: Rule, run: (rule: Rule, ctx: RuleContext) => RawFinding[]): RawFinding[] {
  const { input } = plan.parsed;
  return guarded(input, `rule ${rule.id}`, () => run(rule, plan.ctx), ` on a ${input.kind}`) ?? [];
}

/** Applies the settings (severity, allowlist) to a rule's raw findings and appends what remains to `into`. */
export function settle(plan: CheckPlan, rule: RuleId, raw: readonly RawFinding[], into: Finding[]): void {
  const { settings } = plan.parsed.input;
  const { ecosystem } = plan.parsed.manifest;
  for (const r of raw) {
    const severity = severityFor(rule, r, settings);
    if (!severity) continue;
    const finding = toFinding(r, rule, severity);
    if (isAllowlisted(finding, ecosystem, settings.allowlist)) continue;
    into.push(finding);
  }
}

/**
 * Rule ids in `localeCompare` order, as numbers: the final sort compares a hundred thousand pairs
 * on a large manifest, and `localeCompare` made it the slowest step of the check.
 */
const RULE_RANK = new Map<string, number>((Object.keys(RULES) as RuleId[]).sort((a, b) => a.localeCompare(b)).map((id, i) => [id, i]));

/** The findings in document order (then by rule id): the analysis. */
export function finishCheck(plan: CheckPlan, findings: Finding[]): Analysis {
  findings.sort((a, b) => a.span.start - b.span.start || (RULE_RANK.get(a.rule) ?? 0) - (RULE_RANK.get(b.rule) ?? 0));
  return { manifest: plan.parsed.manifest, findings, locked: plan.parsed.locked, tree: plan.parsed.input.tree };
}

/** Runs the rules on a parsed manifest; `later` replaces the registry facts and index the input named. */
export function check(parsed: ParsedManifest, later: LaterInputs = parsed.input): Analysis {
  const plan = planCheck(parsed, later);
  if (!plan) return tooLargeAnalysis(parsed);
  const findings: Finding[] = [];
  for (const rule of plan.rules) settle(plan, rule.id, runRule(plan, rule, (r, ctx) => r.check(ctx)), findings);
  return finishCheck(plan, findings);
}

export function analyze(input: AnalysisInput): Analysis {
  return check(parse(input));
}
