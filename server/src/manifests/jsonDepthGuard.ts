/**
 * jsonc-parser is recursive: a hostile package.json nested ten thousand levels deep overflows
 * the stack. No manifest needs more than a few levels, so content nested deeper than
 * MAX_DEPTH is blanked with spaces before parsing: offsets stay exact, the outer document stays
 * valid JSON (the deep container just reads as empty), and the user is told.
 */
export const MAX_JSON_DEPTH = 256;

export interface DepthGuardResult {
  text: string;
  /** Offset of the first container opened too deep, when something was blanked. */
  cutAt?: number;
}

export function guardJsonDepth(text: string, maxDepth = MAX_JSON_DEPTH): DepthGuardResult {
  let depth = 0;
  let inString = false;
  let blankFrom = -1; // start of the region being blanked (just inside the too-deep container)
  let ranges: Array<[number, number]> | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth === maxDepth + 1 && blankFrom === -1) blankFrom = i + 1;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (depth === maxDepth + 1 && blankFrom !== -1) {
        (ranges ??= []).push([blankFrom - 1, i + 1]);
        blankFrom = -1;
      }
      depth = Math.max(0, depth - 1);
    }
  }
  if (blankFrom !== -1) (ranges ??= []).push([blankFrom - 1, text.length]);
  // Blank whole too-deep containers, brackets included: the container at maxDepth then reads as empty.
  return blankRanges(text, ranges);
}

/** `text` with each [start, end) range turned to spaces (line breaks kept, so offsets and lines hold). */
export function blankRanges(text: string, ranges: Array<[number, number]> | undefined): DepthGuardResult {
  if (!ranges) return { text };
  const parts: string[] = [];
  let last = 0;
  for (const [start, end] of ranges) {
    parts.push(text.slice(last, start), text.slice(start, end).replace(/[^\r\n]/g, ' '));
    last = end;
  }
  parts.push(text.slice(last));
  return { text: parts.join(''), cutAt: ranges[0][0] };
}
