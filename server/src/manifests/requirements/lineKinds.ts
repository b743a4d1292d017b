/**
 * The three kinds of line: a requirement with per-requirement options, an editable (`-e`) line,
 * and a line of global options (includes and package sources). Each says what pip ignores.
 */
import { problem, type LineContext } from './context';
import { editableDependency } from './locationDependency';
import type { OptionDest, OptionUse, ReadOptions } from './options';
import { parseRequirementText } from './requirement';
import { excerpt } from './text';

const STRONG_HASHES = new Set(['sha256', 'sha384', 'sha512']);

function reportStrays(ctx: LineContext, options: ReadOptions, why: string): void {
  if (options.failed || options.strays.length === 0) return;
  for (const word of options.strays) {
    problem(ctx, `pip ignores ${excerpt(ctx.line.text, word.start, word.end)}: ${why}`, ctx.line.span(word.start, word.end));
  }
}

/** A requirement followed by per-requirement options (`--hash`, `--global-option`, `-C`). */
export function requirementLine(ctx: LineContext, start: number, end: number, options: ReadOptions): void {
  // Nearly every requirement line has no options: nothing to allocate for them.
  const hashes = options.uses.length > 0 ? perRequirementOptions(ctx, options.uses) : undefined;
  reportStrays(ctx, options, 'the requirement ends at the first option, and pip drops words among the options.');
  const dep = parseRequirementText(ctx, start, end);
  if (!dep) return;
  if (hashes && hashes.length > 0) dep.hashes = hashes;
  ctx.out.dependencies.push(dep);
}

/** Checks the options of a requirement line and returns its hashes. */
function perRequirementOptions(ctx: LineContext, uses: readonly OptionUse[]): string[] {
  const hashes: string[] = [];
  for (const use of uses) {
    if (!use.def.perRequirement) {
      problem(ctx, `${use.written} has no effect on a requirement line: pip ignores it. Put it on a line of its own.`, use.span);
    } else if (use.def.dest === 'hash' && use.value) {
      checkHash(ctx, use);
      hashes.push(use.value.text);
    }
  }
  return hashes;
}

/** pip's `_handle_merge_hash`: `algo:digest`, with a strong algorithm. */
function checkHash(ctx: LineContext, use: OptionUse): void {
  const value = use.value;
  if (!value) return;
  const span = ctx.line.span(value.start, value.end);
  const colon = value.text.indexOf(':');
  if (colon < 0) {
    problem(ctx, `${use.written} needs a hash name and a value, like --hash=sha256:abcde…`, span);
  } else if (!STRONG_HASHES.has(value.text.slice(0, colon))) {
    problem(ctx, `pip only accepts sha256, sha384 and sha512 for ${use.written}.`, span);
  }
}

/** `-e path-or-vcs-url`: pip ignores every other option on the line. */
export function editableLine(ctx: LineContext, options: ReadOptions): void {
  let first: OptionUse | undefined;
  for (const use of options.uses) {
    if (use.def.dest === 'editable' && !first) first = use;
    else if (use.def.dest === 'editable') problem(ctx, `pip installs only the first -e of a line; this one is ignored.`, use.span);
    else problem(ctx, `${use.written} has no effect on an editable requirement line: pip ignores it.`, use.span);
  }
  reportStrays(ctx, options, 'an editable line takes a single path or URL.');
  if (first?.value) ctx.out.dependencies.push(editableDependency(ctx, first.value));
}

/** A line of global options: includes, package sources, and switches. */
export function optionLine(ctx: LineContext, options: ReadOptions): void {
  reportStrays(ctx, options, 'everything after the first option on a line is read as options, so this is not installed.');
  // pip follows only the first -r (or, when there is none, the first -c) and replaces the whole
  // line by the included file: every other option on such a line is dropped.
  const include =
    options.uses.find((u) => u.def.dest === 'requirement') ?? options.uses.find((u) => u.def.dest === 'constraint');
  if (include?.value) {
    const kind = include.def.dest === 'requirement' ? 'requirement' : 'constraint';
    const span = ctx.line.span(include.value.start, include.value.end);
    ctx.out.includes.push({ kind, target: include.value.text, span });
    for (const use of options.uses) {
      if (use !== include) problem(ctx, `pip ignores ${use.written} on a line that includes another file (${include.written}).`, use.span);
    }
    return;
  }
  for (const use of options.uses) {
    if (use.def.perRequirement) {
      problem(ctx, `${use.written} has no effect without a requirement on the same line: pip ignores it.`, use.span);
      continue;
    }
    const kind = sourceKind(use.def.dest);
    if (kind && use.value) ctx.out.sources.push({ kind, value: use.value.text, span: ctx.line.span(use.value.start, use.value.end) });
  }
}

function sourceKind(dest: OptionDest): 'index-url' | 'extra-index-url' | 'find-links' | 'trusted-host' | undefined {
  switch (dest) {
    case 'index-url':
    case 'extra-index-url':
    case 'find-links':
    case 'trusted-host':
      return dest;
    default:
      return undefined;
  }
}
