// Writes the typosquat evaluation sets under test/fixtures/typosquat-eval/ (read by
// bench/typosquatEval.bench.ts). Deterministic: the same inputs and SEED give byte-identical files.
//
//   node scripts/typosquat-eval.mjs [--shared DIR] [--packages DIR]
//
// Sources (none of them is shipped; only the sampled sets are committed):
// - DIR_SHARED/npm-popular.tsv: the 50,000 most-downloaded npm packages, downloads a month (late
//   2026 snapshot of the npm registry's public download counts; security placeholders left out).
// - DIR_SHARED/pypi-popular.tsv: the 15,000 most-downloaded PyPI projects with their rank.
// - DIR_SHARED/nuget-popular.tsv: open-source NuGet packages with >= 200 downloads a day
//   (github.com/devlooped/nuget, nuget.json); the repository's data/nuget.tsv adds vendor IDs.
// - data/established-*.bin (the detector's own "established package" sets, written by
//   scripts/data-established.mjs from npm's download counts, every PyPI project and the NuGet
//   lists), read with the detector's reader (out/server/src/typosquat/established.js: run
//   `npx tsc -p tsconfig.json` first). A recall candidate must be absent from them: a name the
//   detector knows as a real package is no generated squat, so both sides use one definition.
// - DIR_PACKAGES/npm.tsv: ~227,000 npm packages with their newest version and monthly downloads
//   (near-names: the established names close to a popular one, with their downloads; a name whose
//   version is a `-security` placeholder that npm parks on a removed squat is left out).
// - DIR_PACKAGES/pypi.tsv: every PyPI project (~886,000) with the month of its last release.
// - DIR_PACKAGES/nuget.tsv: NuGet IDs and whether nuget.org served them (2026-12-01).
// - CPython 3.11 `sys.stdlib_module_names` (STDLIB below) and a hand list of system tools.
//
// Sets written (TSV, gzip; the header row names the columns):
// - recall-<ecosystem>.tsv.gz: candidate, target, kind, band. Generated variants of popular names
//   that are NOT established packages, stratified by kind and by the target's popularity band.
//   npm scopes are owned: a variant inside the target's own scope (`@babel/tpyes`) can only be
//   published by the target's publisher, so it is no squat; slips land on the scope too
//   (`@bable/types`), and only variants outside the target's scope are kept.
// - near-<ecosystem>.tsv.gz: name, near, kind, band. Established packages one edit, a delimiter,
//   an affix or a scope away from a package at least RATIO times more popular: legitimate by
//   construction, banded by their own popularity.
// - top-10k.tsv.gz: ecosystem, name. The 10,000 most-downloaded npm and PyPI names.
// The hand-checked legitimate pairs (legit-pairs.tsv) are edited by hand, not written here.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (flag, fallback) => {
  const at = process.argv.indexOf(flag);
  return at === -1 ? fallback : process.argv[at + 1];
};
const SHARED = arg('--shared', join(root, '..', 'shared', 'data'));
const PACKAGES = arg('--packages', '/work/.library/env/packages');
const OUT = join(root, 'test', 'fixtures', 'typosquat-eval');
const SEED = 20261206;
/** How many recall candidates to keep per (kind, band) stratum. */
const PER_STRATUM = 60;
/** How many near-names to keep per (kind, band) stratum. */
const NEAR_PER_STRATUM = 2500;
/** A near-name's neighbour must be at least this many times more popular. */
const RATIO = 10;
/** PyPI projects released since this month count as established. */

// ---------- small utilities ----------
function rng(seed) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    x = (x ^ (x >>> 13)) >>> 0;
    return x / 2 ** 32;
  };
}
const random = rng(SEED);
function sample(items, n) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}
function rows(path) {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .slice(1)
    .map((l) => l.split('\t'));
}
const pep503 = (n) => n.toLowerCase().replace(/[-_.]+/g, '-');
const norm = { npm: (n) => n.toLowerCase(), pypi: pep503, nuget: (n) => n.toLowerCase() };

// ---------- sources ----------
const npmPopular = rows(join(SHARED, 'npm-popular.tsv')).map(([name, d]) => ({ name, weight: Number(d) }));
const pypiPopular = rows(join(SHARED, 'pypi-popular.tsv')).map(([name, r]) => ({ name, rank: Number(r), weight: 1e9 / Number(r) }));
const nugetPopular = rows(join(SHARED, 'nuget-popular.tsv')).map(([name, d]) => ({ name, weight: Number(d) }));
const nugetVendor = existsSync(join(root, 'data', 'nuget.tsv')) ? rows(join(root, 'data', 'nuget.tsv')).filter((r) => r[1] === '-').map((r) => r[0]) : [];

const npmAll = new Map(); // normal name -> downloads; placeholders left out
for (const [name, version, downloads] of rows(join(PACKAGES, 'npm.tsv'))) {
  if (!/-security/.test(version ?? '')) npmAll.set(name.toLowerCase(), Number(downloads) || 0);
}
for (const p of npmPopular) if (!npmAll.has(p.name.toLowerCase())) npmAll.set(p.name.toLowerCase(), p.weight);

const pypiAll = new Map(); // normal name -> last release month
for (const [name, , month] of rows(join(PACKAGES, 'pypi.tsv'))) pypiAll.set(pep503(name), month ?? '');
const pypiRank = new Map(pypiPopular.map((p) => [pep503(p.name), p.rank]));

const nugetAll = new Map(); // lower-case ID -> the ID as nuget.org spells it
for (const [name, status] of rows(join(PACKAGES, 'nuget.tsv'))) if (status !== 'not-served') nugetAll.set(name.toLowerCase(), name);
for (const p of nugetPopular) nugetAll.set(p.name.toLowerCase(), p.name);
for (const v of nugetVendor) nugetAll.set(v.toLowerCase(), v);

/** The detector's established-package sets, read by the detector's own reader. */
function detectorSets() {
  const reader = join(root, 'out', 'server', 'src', 'typosquat', 'established.js');
  if (!existsSync(reader)) throw new Error(`${reader} is missing: run \`npx tsc -p tsconfig.json\` first`);
  const { EstablishedSet } = createRequire(import.meta.url)(reader);
  const read = (e) => new EstablishedSet(readFileSync(join(root, 'data', `established-${e}.bin`)));
  return { npm: read('npm'), pypi: read('pypi'), nuget: read('nuget') };
}
const sets = detectorSets();

/** Whether a name is an established package of the ecosystem (so not a candidate squat): the detector's definition. */
const established = {
  npm: (n) => sets.npm.lookup(n.toLowerCase()) !== undefined,
  pypi: (n) => sets.pypi.lookup(pep503(n)) !== undefined,
  nuget: (n) => sets.nuget.lookup(n.toLowerCase()) !== undefined,
};

/** npm: the candidate sits in the target's own scope, where only the target's publisher can publish. */
const inOwnScope = (candidate, target) => target.startsWith('@') && candidate.toLowerCase().startsWith(target.slice(0, target.indexOf('/') + 1).toLowerCase());

// ---------- variants ----------
const KEYBOARD = ['1234567890-', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
function neighbours(c) {
  const lower = c.toLowerCase();
  for (let r = 0; r < KEYBOARD.length; r++) {
    const i = KEYBOARD[r].indexOf(lower);
    if (i === -1) continue;
    const out = [KEYBOARD[r][i - 1], KEYBOARD[r][i + 1], KEYBOARD[r - 1]?.[i], KEYBOARD[r - 1]?.[i + 1], KEYBOARD[r + 1]?.[i], KEYBOARD[r + 1]?.[i - 1]];
    return out.filter((x) => x && /[a-z0-9]/.test(x)).map((x) => (c === lower ? x : x.toUpperCase()));
  }
  return [];
}
const isLetter = (c) => /[A-Za-z]/.test(c);
/** Positions of the name's letters, the scope's included (typos land on letters, not on delimiters or scope marks). */
function letterPositions(name) {
  const out = [];
  for (let i = 0; i < name.length; i++) if (isLetter(name[i])) out.push(i);
  return out;
}
const pick = (xs) => xs[Math.floor(random() * xs.length)];

const typos = {
  omission: (n) => letterPositions(n).map((i) => n.slice(0, i) + n.slice(i + 1)),
  repetition: (n) => letterPositions(n).map((i) => n.slice(0, i + 1) + n[i] + n.slice(i + 1)),
  insertion: (n) => letterPositions(n).flatMap((i) => neighbours(n[i]).slice(0, 2).map((k) => n.slice(0, i) + k + n.slice(i))),
  substitution: (n) => letterPositions(n).flatMap((i) => neighbours(n[i]).filter(isLetter).slice(0, 3).map((k) => n.slice(0, i) + k + n.slice(i + 1))),
  transposition: (n) => letterPositions(n).filter((i) => isLetter(n[i + 1] ?? '') && n[i] !== n[i + 1]).map((i) => n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2)),
};

/** Two slips in a long name: a doubled letter and a swap, a triple trailing letter, a plural s and a typo. */
function twoSlips(n) {
  if (n.replace(/^@[^/]*\//, '').length < 8) return [];
  const out = [];
  for (const swapped of typos.transposition(n)) {
    const doubled = typos.repetition(swapped);
    if (doubled.length) out.push(pick(doubled));
  }
  if (isLetter(n.at(-1))) out.push(n + n.at(-1) + n.at(-1));
  for (const t of [...typos.omission(n), ...typos.transposition(n)]) if (!t.endsWith('s')) out.push(`${t}s`);
  return out;
}

function delimiterGames(n, ecosystem) {
  const out = [];
  const body = n.replace(/^@[^/]*\//, '');
  const scope = n.slice(0, n.length - body.length);
  const delims = ecosystem === 'nuget' ? ['.', '-', '_', ''] : ecosystem === 'pypi' ? ['-', ''] : ['-', '_', '.', ''];
  // The scope's delimiters too (`@awssdk/client-s3`): a slip inside the scope leaves the owner's.
  for (let i = 0; i < n.length; i++) {
    if (!'-_.'.includes(n[i])) continue;
    for (const d of delims) if (d !== n[i]) out.push(n.slice(0, i) + d + n.slice(i + 1));
  }
  if (!/[-_.]/.test(body)) for (let i = 3; i < body.length - 2; i++) out.push(scope + body.slice(0, i) + (ecosystem === 'nuget' ? '.' : '-') + body.slice(i));
  if (ecosystem === 'pypi') return out.filter((v) => pep503(v) !== pep503(n));
  return out;
}

// Affix vocabulary: the words real packages most often add to popular names (counted below from
// the lists, see learnAffixes), plus the words squats use to look official.
const OFFICIAL = ['official', 'secure', 'fixed', 'patched', 'latest', 'new', 'real', 'original', 'safe', 'verified', 'update', 'updated', 'stable', 'pro', 'plus', 'lite', 'next', 'v2', '2', '3', 'x'];
function learnAffixes(names, sep) {
  const set = new Set(names.map((n) => n.toLowerCase()));
  const counts = new Map();
  for (const n of set) {
    const parts = n.split(sep);
    if (parts.length < 2) continue;
    const head = parts.slice(0, -1).join(sep);
    const tail = parts.slice(1).join(sep);
    if (set.has(head)) counts.set(`+${parts.at(-1)}`, (counts.get(`+${parts.at(-1)}`) ?? 0) + 1);
    if (set.has(tail)) counts.set(`${parts[0]}+`, (counts.get(`${parts[0]}+`) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 40).map(([k]) => k);
}

function affixes(n, ecosystem, learned) {
  const out = [];
  const body = n.replace(/^@[^/]*\//, '');
  const scope = n.slice(0, n.length - body.length);
  if (ecosystem === 'nuget') {
    for (const a of learned) if (a.startsWith('+')) out.push(`${n}.${a[1].toUpperCase()}${a.slice(2)}`);
    for (const w of ['Extended', 'Official', 'Net', 'Core', 'Plus', 'Pro', 'Fixed', 'Secure', 'Lite']) out.push(`${n}.${w}`, `${n}${w}`);
    out.push(`${n}s`);
    return out;
  }
  // Learned prefixes are mostly plugin families (`gulp-`, `pytest-`, `types-`): a plugin of a
  // popular name is not a squat's shape, so only learned suffixes are tried, and hand-picked prefixes.
  const suffixes = [...learned.filter((a) => a.startsWith('+')).map((a) => a.slice(1)), ...OFFICIAL];
  for (const w of new Set(suffixes)) out.push(`${scope}${body}-${w}`);
  for (const w of [...OFFICIAL, ...WRAPPERS[ecosystem]]) out.push(`${scope}${w}-${body}`);
  out.push(`${scope}${body}s`);
  if (ecosystem === 'npm') out.push(`${scope}${body}.js`, `${scope}${body}js`, `${scope}node-${body}`, `${scope}node${body}`, `${scope}${body}-js`);
  else out.push(`py${body}`, `python-${body}`, `${body}-python`, `${body}-py`, `${body}py`, `${body}3`, `python3-${body}`);
  return out;
}

/** Prefixes that wrap a name without making a plugin of it. */
const WRAPPERS = { npm: ['node', 'js', 'the', 'my'], pypi: ['py', 'python', 'python3', 'the', 'my'] };

/** Famous native projects and tools: squats wrap them as `node-X`, `X.js`, `pyX`, `python-X`. */
const NATIVE = ['ffmpeg', 'opencv', 'sqlite', 'redis', 'docker', 'kubectl', 'kubernetes', 'imagemagick', 'openssl', 'curl', 'git', 'tensorflow', 'pytorch', 'llvm', 'clang', 'nginx', 'postgres', 'postgresql', 'mysql', 'mongodb', 'kafka', 'rabbitmq', 'elasticsearch', 'terraform', 'ansible', 'graphviz', 'ghostscript', 'tesseract', 'libxml2', 'zlib', 'protobuf', 'grpc', 'chromium', 'electron', 'webkit', 'gdal', 'blender', 'vlc', 'gstreamer', 'openai'];
function nativeAffixes(n, ecosystem) {
  if (ecosystem === 'npm') return [`node-${n}`, `${n}.js`, `${n}-js`, `node${n}`, `${n}js`, `${n}-node`];
  if (ecosystem === 'pypi') return [`py${n}`, `python-${n}`, `${n}-python`, `py-${n}`, `${n}-py`, `python3-${n}`];
  return [];
}

/** npm: a scoped package copied without its scope (`@scope/name` as `name`, `scope-name`, `scopename`). */
function scopeCopies(n) {
  const m = /^@([^/]+)\/(.+)$/.exec(n);
  if (!m) return [];
  const [, scope, name] = m;
  return [name, `${scope}-${name}`, `${scope}${name}`, `${scope}_${name}`, `${scope}.${name}`];
}

const CONFUSABLE = { a: ['а', 'α'], e: ['е'], o: ['о', 'ο', '0'], p: ['р'], c: ['с'], x: ['х'], y: ['у'], i: ['і', 'l', '1'], s: ['ѕ'], j: ['ј'], l: ['I', '1', 'ⅼ'], v: ['ν'], h: ['һ'], k: ['κ'], n: ['п'] };
function homoglyphs(n) {
  const out = [];
  for (const i of letterPositions(n)) {
    const lower = n[i].toLowerCase();
    for (const g of CONFUSABLE[lower] ?? []) out.push(n.slice(0, i) + g + n.slice(i + 1));
    if (lower === 'm') out.push(`${n.slice(0, i)}rn${n.slice(i + 1)}`);
  }
  return out;
}

// ---------- recall sets ----------
function band(ecosystem, rank) {
  if (ecosystem === 'nuget') return rank < 100 ? 'top 100' : rank < 500 ? '101-500' : 'rest';
  if (rank < 100) return 'top 100';
  if (rank < 1000) return '101-1k';
  if (rank < 5000) return '1k-5k';
  return ecosystem === 'npm' ? '5k-50k' : '5k-15k';
}

function recallSet(ecosystem, targets) {
  const learned = ecosystem === 'nuget' ? learnAffixes(targets.map((t) => t.name), '.') : learnAffixes(targets.map((t) => t.name), '-');
  const seen = new Set();
  const strata = new Map();
  // `stdlib` and `system-tool` candidates imitate something that is no package: their target is themselves.
  const add = (candidate, target, kind, b) => {
    if (!candidate) return;
    const key = norm[ecosystem](candidate);
    if (seen.has(key) || (key === norm[ecosystem](target) && kind !== 'stdlib' && kind !== 'system-tool')) return;
    seen.add(key);
    if (established[ecosystem](candidate) || (ecosystem === 'npm' && inOwnScope(candidate, target))) return;
    const stratum = `${kind}\t${b}`;
    if (!strata.has(stratum)) strata.set(stratum, []);
    strata.get(stratum).push([candidate, target, kind, b]);
  };
  // Targets are taken most popular first, so a candidate two targets share goes to the more popular.
  const perTarget = 2; // variants kept per target and kind, so that many targets are represented
  targets.forEach((t, rank) => {
    const b = band(ecosystem, rank);
    const short = ecosystem === 'npm' && rank < 500 && t.name.length >= 4 && t.name.length <= 6;
    const kinds = {
      ...Object.fromEntries(Object.entries(typos).map(([k, f]) => [k, f(t.name)])),
      'two-slips': twoSlips(t.name),
      delimiter: delimiterGames(t.name, ecosystem),
      affix: affixes(t.name, ecosystem, learned),
      homoglyph: homoglyphs(t.name),
      ...(ecosystem === 'npm' ? { scope: scopeCopies(t.name) } : {}),
    };
    for (const [kind, variants] of Object.entries(kinds)) {
      for (const v of sample(variants, short ? 4 : perTarget)) add(v, t.name, kind, short && Object.hasOwn(typos, kind) ? 'short top 500' : b);
    }
  });
  for (const n of NATIVE) for (const v of nativeAffixes(n, ecosystem)) add(v, n, 'native-affix', 'native');
  if (ecosystem === 'pypi') {
    for (const m of STDLIB) if (!m.startsWith('_')) add(m, m, 'stdlib', 'stdlib');
    for (const m of SYSTEM_TOOLS) add(m, m, 'system-tool', 'tools');
  }
  const out = [];
  for (const [stratum, list] of [...strata.entries()].sort()) {
    const per = stratum.startsWith('stdlib') || stratum.startsWith('system-tool') || stratum.startsWith('native') ? 400 : PER_STRATUM;
    out.push(...sample(list, per));
  }
  return out.sort((a, b) => (a[2] + a[3] + a[0] < b[2] + b[3] + b[0] ? -1 : 1));
}

// ---------- near-name (false-alarm) sets ----------
function osa1(a, b) {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Established names close to a much more popular one. `all` maps every established name (normal
 * form) to its weight; `popular` lists the names that can be the popular neighbour.
 */
function nearSet(ecosystem, all, popular, bandOf) {
  const weightOf = new Map(popular.map((p) => [norm[ecosystem](p.name), p]));
  const byDeletion = new Map();
  const byFold = new Map();
  const pushTo = (map, key, p) => {
    if (!map.has(key)) map.set(key, []);
    map.get(key).push(p);
  };
  for (const p of popular) {
    const n = norm[ecosystem](p.name);
    pushTo(byDeletion, n, p);
    for (let i = 0; i < n.length; i++) pushTo(byDeletion, n.slice(0, i) + n.slice(i + 1), p);
    pushTo(byFold, n.replace(/[-_.]/g, ''), p);
  }
  const learned = learnAffixes(popular.map((p) => p.name), ecosystem === 'nuget' ? '.' : '-')
    .map((a) => a.replace('+', ''))
    .concat(OFFICIAL);
  const strata = new Map();
  const add = (name, near, kind, weight) => {
    const b = bandOf(name, weight);
    if (!b) return;
    const stratum = `${kind}\t${b}`;
    if (!strata.has(stratum)) strata.set(stratum, new Map());
    if (!strata.get(stratum).has(name)) strata.get(stratum).set(name, [name, near, kind, b]);
  };
  const much = (p, weight) => p.weight >= RATIO * Math.max(weight, 1);
  for (const [name, weight] of all) {
    // one edit
    const keys = [name];
    for (let i = 0; i < name.length; i++) keys.push(name.slice(0, i) + name.slice(i + 1));
    for (const k of keys) for (const p of byDeletion.get(k) ?? []) if (much(p, weight) && osa1(name, norm[ecosystem](p.name))) add(name, p.name, 'typo', weight);
    // delimiter
    for (const p of byFold.get(name.replace(/[-_.]/g, '')) ?? []) if (norm[ecosystem](p.name) !== name && much(p, weight)) add(name, p.name, 'delimiter', weight);
    // affix: the name is a popular one plus a learned word or an s
    const sep = ecosystem === 'nuget' ? '.' : '-';
    const parts = name.split(sep);
    if (parts.length >= 2) {
      const head = weightOf.get(parts.slice(0, -1).join(sep));
      if (head && learned.includes(parts.at(-1)) && much(head, weight)) add(name, head.name, 'affix', weight);
      const tail = weightOf.get(parts.slice(1).join(sep));
      if (tail && learned.includes(parts[0]) && much(tail, weight)) add(name, tail.name, 'affix', weight);
    }
    const plural = name.endsWith('s') ? weightOf.get(name.slice(0, -1)) : undefined;
    if (plural && much(plural, weight)) add(name, plural.name, 'affix', weight);
    // scope
    if (ecosystem === 'npm') {
      const m = /^@([^/]+)\/(.+)$/.exec(name);
      const bare = m ? weightOf.get(m[2]) : undefined;
      if (bare && much(bare, weight)) add(name, bare.name, 'scope', weight);
    }
  }
  if (ecosystem === 'npm') {
    for (const p of popular) for (const copy of scopeCopies(p.name)) {
      const w = all.get(copy);
      if (w !== undefined && much(p, w)) add(copy, p.name, 'scope', w);
    }
  }
  const out = [];
  for (const [, m] of [...strata.entries()].sort()) out.push(...sample([...m.values()], NEAR_PER_STRATUM));
  return out.sort((a, b) => (a[2] + a[3] + a[0] < b[2] + b[3] + b[0] ? -1 : 1));
}

// CPython 3.11 sys.stdlib_module_names, top-level names without a leading underscore.
const STDLIB = 'abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall concurrent configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter runpy sched secrets select selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3 sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct subprocess sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap this threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle turtledemo types typing unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo'.split(' ');
/** Command-line tools people pip-install by mistake (they are not PyPI projects of that name). */
const SYSTEM_TOOLS = ['git', 'curl', 'wget', 'docker', 'kubectl', 'ffmpeg', 'imagemagick', 'openssl', 'ssh', 'gcc', 'make', 'cmake', 'npm', 'nodejs', 'yarn', 'bash', 'zsh', 'sudo', 'apt', 'apt-get', 'brew', 'terraform', 'helm', 'jq', 'vim', 'tmux', 'rsync', 'psql', 'nginx', 'systemctl', 'gpg', 'tar', 'unzip', 'sed', 'awk', 'grep', 'chrome', 'chromedriver', 'geckodriver', 'tesseract', 'poppler', 'libreoffice', 'pandoc', 'latex', 'graphviz', 'ghostscript', 'mongodb', 'redis-server', 'postgresql', 'mysql-server'];

// ---------- write ----------
function write(file, header, data) {
  const text = `${header.join('\t')}\n${data.map((r) => r.join('\t')).join('\n')}\n`;
  writeFileSync(join(OUT, file), gzipSync(Buffer.from(text, 'utf8'), { level: 9 }));
  console.log(`${file}: ${data.length} rows`);
}

mkdirSync(OUT, { recursive: true });
const recall = {
  npm: recallSet('npm', npmPopular),
  pypi: recallSet('pypi', pypiPopular),
  nuget: recallSet('nuget', [...nugetPopular, ...nugetVendor.map((name) => ({ name, weight: 0 }))]),
};
for (const [e, r] of Object.entries(recall)) write(`recall-${e}.tsv.gz`, ['candidate', 'target', 'kind', 'band'], r);

const npmBand = (_, d) => (d >= 100_000 ? '>100k/month' : d >= 10_000 ? '10k-100k/month' : d >= 1_000 ? '1k-10k/month' : '<1k/month');
write('near-npm.tsv.gz', ['name', 'near', 'kind', 'band'], nearSet('npm', npmAll, npmPopular, npmBand));

const pypiEstablished = new Map();
for (const [name, month] of pypiAll) {
  const rank = pypiRank.get(name);
  if (rank !== undefined) pypiEstablished.set(name, 1e9 / rank);
  else if (month >= '2025-01') pypiEstablished.set(name, 1e9 / 30_000); // unranked: below the top 15,000
}
const pypiBand = (name) => {
  const rank = pypiRank.get(name);
  if (rank === undefined) return 'unranked, released 2025+';
  return rank <= 1000 ? 'rank 1-1k' : rank <= 5000 ? 'rank 1k-5k' : 'rank 5k-15k';
};
write('near-pypi.tsv.gz', ['name', 'near', 'kind', 'band'], nearSet('pypi', pypiEstablished, pypiPopular, pypiBand));

const nugetWeight = new Map(nugetPopular.map((p) => [p.name.toLowerCase(), p.weight]));
const nugetEstablished = new Map([...nugetAll.keys()].map((n) => [n, nugetWeight.get(n) ?? 0]));
const nugetBand = (name) => {
  const w = nugetWeight.get(name);
  return w === undefined ? 'no count' : w >= 10_000 ? '>10k/day' : w >= 1_000 ? '1k-10k/day' : '<1k/day';
};
// Near-names are found in lower case; NuGet IDs are written as nuget.org spells them.
const nugetNear = nearSet('nuget', nugetEstablished, nugetPopular, nugetBand).map(([name, ...rest]) => [nugetAll.get(name) ?? name, ...rest]);
write('near-nuget.tsv.gz', ['name', 'near', 'kind', 'band'], nugetNear);

const top = [...npmPopular.slice(0, 10_000).map((p) => ['npm', p.name]), ...pypiPopular.slice(0, 10_000).map((p) => ['pypi', p.name])];
write('top-10k.tsv.gz', ['ecosystem', 'name'], top);
