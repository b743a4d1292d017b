/**
 * Untrusted text (package names, registry descriptions, advisory summaries) rendered in hover
 * Markdown: escape every Markdown and HTML special character, drop control and bidi characters
 * (Trojan Source), and cap the length, so nothing from a manifest or a registry can become a
 * link, a `command:` URI, raw HTML or an image beacon.
 */
const CONTROL_AND_BIDI = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

export function sanitizeText(text: string, max = 500): string {
  const clean = text.replace(CONTROL_AND_BIDI, '').replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

// Everything that can open a link, an image, HTML, code or emphasis; `.`, `-`, `#` only matter at
// the start of a line, and callers always put untrusted text after text of their own.
function escapeChars(text: string): string {
  return text.replace(/[\\`*_[\]()!|<>&~]/g, (c) => `\\${c}`);
}

export function escapeMarkdown(text: string, max = 500): string {
  return escapeChars(sanitizeText(text, max));
}

/** Inline code for untrusted text: backticks inside are replaced so the span cannot be closed early. */
export function inlineCode(text: string, max = 200): string {
  return `\`${sanitizeText(text, max).replace(/`/g, 'ˋ')}\``;
}

/** A link whose target we built ourselves (registry pages); only http(s) targets are allowed. */
export function safeLink(label: string, url: string): string {
  if (!/^https?:\/\//i.test(url)) return escapeMarkdown(label);
  return `[${escapeMarkdown(label)}](${url.replace(/[()\s<>]/g, encodeURIComponent)})`;
}

/**
 * A finding message in Markdown: our messages quote names and specs between backticks, so those
 * parts become code spans and the rest is escaped. Every part is sanitized either way, so a
 * backtick inside a quoted value can at worst mis-pair the spans, never inject Markdown.
 */
export function messageMarkdown(message: string, max = 600): string {
  const clipped = sanitizeText(message, max);
  return clipped
    .split('`')
    .map((part, i) => (i % 2 === 1 ? inlineCode(part) : escapeChars(part)))
    .join('');
}
