/**
 * pip requirements files (`requirements.txt`, `constraints.txt`, pip-tools `.in` inputs), read the
 * way pip reads them (pip/_internal/req/req_file.py and req/constructors.py):
 *
 * 1. physical lines ending in `\` are joined with the next one (a comment line ends the join);
 * 2. comments are stripped with pip's regex `(^|\s+)#.*$`, so `#` only starts a comment at the
 *    start of a line or after whitespace (`…#egg=foo` and `…#sha256=…` in URLs survive);
 * 3. each line splits at its first word starting with `-`: before it is a requirement (PEP 508,
 *    a URL or a path), from it on are options, which pip runs through shlex and optparse.
 *
 * Where pip silently ignores something a reader would expect to take effect (an option on a
 * requirement line, words after an option, a comment whose trailing `\` swallows the next line),
 * a problem says so: in a supply-chain tool, "what pip actually does" is the point.
 *
 * The parser is pure, never throws, and is linear in the input: every scan is a single pass with
 * character tests, no backtracking regexes. All spans are offsets into the original text; a
 * `LogicalLine` maps positions in a joined line back to them.
 *
 * The parts, one job a file: `logicalLines.ts` (joins and comments), `line.ts` (splits a line and
 * picks its kind), `lineKinds.ts` (requirement, editable and option lines), `options.ts` and
 * `shlex.ts` (pip's options), `requirement.ts` and `specifier.ts` (PEP 508), `locations.ts` and
 * `locationDependency.ts` (URLs, VCS, archives, paths), `context.ts` and `text.ts` (shared helpers).
 */
import type { Manifest } from '../../model/model';
import { parseLine } from './line';
import { runToEnd, type Steps } from '../../model/steps';
import { logicalLines } from './logicalLines';

export function parseRequirements(text: string): Manifest {
  return runToEnd(parseRequirementsInSteps(text, Infinity));
}

/**
 * `parseRequirements` a step at a time: the sequence pauses after every `linesPerStep` logical
 * lines and returns the manifest at the end, so the language server can serve other requests
 * between the steps of a 100,000-line file.
 */
export function* parseRequirementsInSteps(text: string, linesPerStep: number): Steps<Manifest> {
  const manifest: Manifest = {
    kind: 'requirements',
    ecosystem: 'pypi',
    dependencies: [],
    scripts: [],
    sources: [],
    includes: [],
    problems: [],
  };
  const input = typeof text === 'string' ? text : '';
  let read = 0;
  try {
    for (const line of logicalLines(input)) {
      // A bug on one line must not hide the rest of the file (or crash the language server).
      try {
        parseLine(line, manifest);
      } catch (err) {
        manifest.problems.push({ message: internalError(err), span: line.span(0, line.text.length) });
      }
      if (++read >= linesPerStep) {
        read = 0;
        yield;
      }
    }
  } catch (err) {
    manifest.problems.push({ message: internalError(err), span: { start: 0, end: 0 } });
  }
  return manifest;
}

function internalError(err: unknown): string {
  return `Manifest Guard could not read this line (internal error: ${err instanceof Error ? err.message : String(err)}).`;
}
