/**
 * A PEP 508 requirement written as a TOML string (`"requests>=2.31; python_version>='3.9'"`),
 * read by the requirements file reader (manifests/requirements/requirement.ts), so name, extras,
 * spec and markers are read exactly as in a requirements.txt, with spans inside the string.
 */
import type { Dependency, Manifest, Span } from '../../model/model';
import type { LineContext } from '../requirements/context';
import { LogicalLine } from '../requirements/logicalLines';
import { parseRequirementText } from '../requirements/requirement';
import { trimEnd, trimStart } from '../requirements/text';
import type { TomlString } from './locatedToml';

/**
 * A string with escapes (`"caf\u00e9"`) has a value that is not its raw text: every position in
 * it maps to the whole string, so findings still land on it, and no fix edits inside it.
 */
class WholeStringLine extends LogicalLine {
  constructor(text: string, private readonly whole: Span) {
    super(text, whole.start);
  }
  override span(): Span {
    return this.whole;
  }
}

/** The dependency a PEP 508 string declares, in `section`; problems go to `out`. */
export function readPep508String(value: TomlString, section: string, out: Manifest): Dependency | undefined {
  const line = value.exact ? new LogicalLine(value.value, value.span.start) : new WholeStringLine(value.value, value.span);
  const start = trimStart(value.value, 0, value.value.length);
  const end = trimEnd(value.value, start, value.value.length);
  if (start >= end) {
    out.problems.push({ message: 'An empty string is not a requirement: write a package name, optionally with a version specifier.', span: value.span });
    return undefined;
  }
  const ctx: LineContext = { line, out, contentStart: start, contentEnd: end };
  const dep = parseRequirementText(ctx, start, end);
  if (!dep) return undefined;
  dep.section = section;
  if (!value.exact) delete dep.specSpan; // an edit would have to re-escape the whole string
  return dep;
}
