/**
 * Text quoted in a message — a name, a spec, a URL, a registry's words — is cut to a readable
 * length. In a hostile file any of them can be a megabyte long, and a diagnostic that repeats it
 * helps nobody and costs memory on every keystroke.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  // Never leave half of a surrogate pair before the ellipsis.
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

/** How long a name, spec or location may be where a message quotes it. */
export const QUOTED_MAX = 120;
/** The most a finding's message may hold, whatever a rule put in it. */
export const MESSAGE_MAX = 2000;
