// Learns the names of well-known projects that packages of several registries wrap or bind
// (`opencv`, `ffmpeg`, `sqlite`): a name X whose hand-affixed forms (`node-X`, `X.js`, `pyX`,
// `python-X`…) are established packages on both npm and PyPI. A squatter wraps such a name the
// same way without being that project's package. For each, the most popular established form
// per registry is kept: the package a user most likely meant. Used by scripts/data-established.mjs.

const FORMS = {
  npm: (x) => [`node-${x}`, `node${x}`, `${x}-node`, `${x}.js`, `${x}js`, `${x}-js`, `${x}-nodejs`, `nodejs-${x}`, x],
  pypi: (x) => [`py${x}`, `py-${x}`, `python-${x}`, `${x}-python`, `${x}-py`, `python3-${x}`, x],
};
/** Forms needed across both registries; at least one in each. */
const MIN_FORMS = 3;
/**
 * The best form must be popular on both: >= 8,192 downloads a month on npm (level 14) and among
 * PyPI's 15,000 most downloaded (level 16 and up: weight 1e9 / rank). Generic words (`about`,
 * `accordion`) have forms on both registries too, but no popular one on both.
 */
const MIN_LEVEL = { npm: 14, pypi: 16 };
const MIN_LENGTH = 3;

function coreOf(ecosystem, name) {
  if (ecosystem === 'npm') {
    const m = /^(?:node-?|nodejs-)?([a-z][a-z0-9]+?)(?:-?js|\.js|-node|-nodejs)?$/.exec(name);
    return m?.[1];
  }
  const m = /^(?:py-?|python3?-)?([a-z][a-z0-9]+?)(?:-python|-py)?$/.exec(name);
  return m?.[1];
}

/** `established`: ecosystem → Map(normal name → level byte). Returns the TSV text and count. */
export function learnNativeProjects(established) {
  const level = (eco, name) => (established[eco].get(name) ?? 0) & 0x3f;
  const cores = new Set();
  for (const eco of ['npm', 'pypi']) {
    for (const name of established[eco].keys()) {
      const core = coreOf(eco, name);
      if (core && core.length >= MIN_LENGTH && core !== name) cores.add(core);
    }
  }
  const rows = [];
  for (const x of [...cores].sort()) {
    const found = {};
    let forms = 0;
    for (const eco of ['npm', 'pypi']) {
      const present = FORMS[eco](x).filter((f) => established[eco].has(f));
      forms += present.length;
      if (present.length === 0) break;
      found[eco] = present.sort((a, b) => level(eco, b) - level(eco, a))[0];
    }
    if (!found.npm || !found.pypi || forms < MIN_FORMS) continue;
    if (level('npm', found.npm) >= MIN_LEVEL.npm && level('pypi', found.pypi) >= MIN_LEVEL.pypi) rows.push([x, found.npm, found.pypi]);
  }
  const lines = [
    '# Projects that packages of several registries wrap (node-X, X.js, pyX, python-X are established on both npm and PyPI),',
    '# with the most popular established form on each. Learned by scripts/data-established.mjs (scripts/data/nativeProjects.mjs); do not edit by hand.',
    'project\tnpm\tpypi',
    ...rows.map((r) => r.join('\t')),
  ];
  return { text: lines.join('\n') + '\n', count: rows.length };
}
