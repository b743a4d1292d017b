/**
 * `check` a slice at a time, for the language server: a 100,000-line manifest takes hundreds of
 * milliseconds to check, and the server must keep answering (hovers, edits) meanwhile. Rules that
 * judge one dependency at a time (`Rule.checkDependencies`) run over a slice of dependencies per
 * task; the others — those that look across dependencies (lockfile mismatch, dependency
 * confusion, typosquat's own scopes, parse errors, manifest-level findings) — run whole, once, as
 * in `check`. The findings are the same, in the same order, as `check`'s.
 */
import type { Dependency, Finding } from '../model/model';
import { finishCheck, planCheck, runRule, settle, tooLargeAnalysis, type Analysis, type LaterInputs, type ParsedManifest } from './analyze';

/** A manifest with more dependencies than this is checked in slices (the whole check of fewer takes a few milliseconds). */
export const DEPENDENCY_SLICE = 2000;
/** The first slice of each rule: small, so the slowest rule's first task stays short, then sized by its pace. */
const FIRST_SLICE = 250;
/**
 * What one task should take. Rules differ a hundredfold per dependency (typosquat's look-alike
 * search against unpinned-version's spec reading), and one machine is not another: each slice is
 * sized from how long the one before took, so no task holds the thread much past this.
 */
export const TASK_BUDGET_MS = 8;
const SMALLEST_SLICE = 50;
const LARGEST_SLICE = 4000;

/**
 * `pause` serves the event loop between slices and answers whether the result is still wanted;
 * when it is not, the check stops and the answer is undefined. Slices follow the time budget,
 * unless `fixedSliceSize` is given (tests compare slices of one dependency with the whole check).
 */
export async function checkInSlices(parsed: ParsedManifest, later: LaterInputs, pause: () => Promise<boolean>, fixedSliceSize?: number): Promise<Analysis | undefined> {
  const plan = planCheck(parsed, later);
  if (!plan) return tooLargeAnalysis(parsed);
  const dependencies = parsed.manifest.dependencies;
  const slices = new SliceSizer(fixedSliceSize);
  // Registry facts are resolved for every dependency once, in slices: the registry rules that
  // run whole below then read them from the view's memory instead of resolving 100,000 at once.
  const { registry } = plan.ctx;
  if (registry) {
    const ok = await inSlices(dependencies, slices, pause, (slice) => {
      for (const dep of slice) registry.factsFor(dep);
    });
    if (!ok) return undefined;
  }
  const findings: Finding[] = [];
  for (const rule of plan.rules) {
    const { checkDependencies } = rule;
    if (!checkDependencies) {
      // Each whole rule is a task of its own: over 100,000 dependencies even a cheap one takes milliseconds.
      if (!(await pause())) return undefined;
      settle(plan, rule.id, runRule(plan, rule, (r, ctx) => r.check(ctx)), findings);
      continue;
    }
    slices.restart();
    const ok = await inSlices(dependencies, slices, pause, (slice) => settle(plan, rule.id, runRule(plan, rule, (_r, ctx) => checkDependencies(ctx, slice)), findings));
    if (!ok) return undefined;
  }
  if (!(await pause())) return undefined;
  return finishCheck(plan, findings);
}

/** Runs `work` over consecutive slices of `dependencies`, a task each; false when `pause` says stop. */
async function inSlices(dependencies: readonly Dependency[], slices: SliceSizer, pause: () => Promise<boolean>, work: (slice: readonly Dependency[]) => void): Promise<boolean> {
  for (let start = 0; start < dependencies.length; ) {
    if (!(await pause())) return false;
    const size = slices.next();
    const began = performance.now();
    work(dependencies.slice(start, start + size));
    slices.took(Math.min(size, dependencies.length - start), performance.now() - began);
    start += size;
  }
  return true;
}

/** Slice sizes that follow the time budget: the next slice is what the last one's pace fits in it. */
export class SliceSizer {
  private size: number;
  constructor(private readonly fixed?: number) {
    this.size = fixed ?? FIRST_SLICE;
  }
  /** A new rule: its pace is not the last one's. */
  restart(): void {
    this.size = this.fixed ?? FIRST_SLICE;
  }
  next(): number {
    return this.size;
  }
  took(count: number, ms: number): void {
    if (this.fixed !== undefined || count < this.size) return; // a short last slice says little about the pace
    const perDependency = ms / count;
    // Growing at most twofold per slice, and never past LARGEST_SLICE: a fast slice of cached
    // answers says little about the next, and a collection of the young generation in the middle
    // of a large slice makes it long whatever the pace.
    const fits = perDependency > 0 ? Math.floor(TASK_BUDGET_MS / perDependency) : this.size * 2;
    this.size = Math.max(SMALLEST_SLICE, Math.min(this.size * 2, LARGEST_SLICE, fits));
  }
}
