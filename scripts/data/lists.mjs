// Helpers of scripts/data-popular.mjs: reading the snapshots, writing compact counts, and the
// registries' own name rules (a snapshot row that breaks them is dropped, not shipped).

/** Parses a snapshot: a `# source` first line, a header row, then tab-separated rows. */
export function parseTsv(text) {
  const lines = text.split(/\r?\n/);
  const source = lines[0].startsWith('#') ? lines[0].replace(/^#\s*/, '') : '';
  const rows = [];
  for (const line of lines.slice(source ? 2 : 1)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    rows.push(line.split('\t'));
  }
  return { source, rows };
}

/**
 * A count with two significant digits, in a form Number() reads back: 59853222 → "60e6".
 * Messages round to two digits anyway ("60M downloads a month"); this halves the digits shipped.
 */
export function formatCount(n) {
  if (!Number.isFinite(n) || n < 0) throw new Error(`bad count ${n}`);
  if (n < 1000) return String(Math.round(n));
  let exp = Math.floor(Math.log10(n)) - 1;
  let mantissa = Math.round(n / 10 ** exp);
  if (mantissa >= 100) {
    mantissa = Math.round(mantissa / 10);
    exp++;
  }
  return `${mantissa}e${exp}`;
}

const NAME_RULES = {
  // npm: lowercase for new names, but legacy mixed-case names (JSONStream) still install.
  npm: /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/i,
  // PEP 508 names.
  pypi: /^(?:[a-z0-9]|[a-z0-9][a-z0-9._-]*[a-z0-9])$/i,
  // NuGet IDs: word characters separated by single dots or dashes.
  nuget: /^\w+(?:[.-]\w+)*$/,
};

export function validName(ecosystem, name) {
  return name.length > 0 && name.length <= 214 && NAME_RULES[ecosystem].test(name);
}
