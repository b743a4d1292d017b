// Regenerates the "established package" sets the typosquat rule ships (data/established-*.bin),
// the Python standard-library module list (data/pypi-stdlib.txt) and system tools
// (data/pypi-tools.txt), the affix vocabulary learned
// from the registries' names (data/affixes.tsv) and the well-known projects that packages of
// both npm and PyPI wrap (data/native-projects.tsv).
//
// Usage: node scripts/data-established.mjs --npm-list FILE --pypi-list FILE [--nuget-list FILE]
//          [--npm-counts FILE] [--out DIR] [--npm-min-downloads N]
//
// Why: a name in no popularity list used to count as "as popular as the least popular listed
// package". Most names in no list are nothing at all (never published, or taken down), and a
// squat is exactly such a name; but a few hundred thousand are real, smaller packages. These sets
// tell the two apart offline, with each established name's downloads bucketed.
//
// Sources (read here, never committed; the output is deterministic for the same inputs):
// - npm, downloads: the `download-counts` package of the npm registry (`npm pack download-counts`,
//   counts.json: {name: downloads in the last month} for ~3.8M names; the 2026-03-01 snapshot,
//   version 2.20260301.0, was used for the committed data). Passed as --npm-counts; when left out,
//   the script runs `npm pack download-counts` itself into a temporary folder.
// - npm, versions: a table of npm packages (tab-separated, header `name version downloads_a_month
//   summary`; 227k names with >= ~500 downloads a month, made 2026-12-01) passed as --npm-list. A
//   name whose newest version is a security placeholder (`0.0.1-security`, "security holding
//   package") was taken down as malicious: it is never established, whatever its downloads
//   (mirrors and scanners keep downloading it).
// - PyPI: a table of every PyPI project (header `name version month rank_among_15000_most_downloaded
//   summary`; 886k projects, made 2026-12-01) passed as --pypi-list. PyPI deletes malicious
//   projects, so a listed project exists; parked ones (a summary saying placeholder / reserved
//   name, or a 0.0.0-style version with no summary) are not established.
// - NuGet: a table of nuget.org IDs (header `name newest_version ...`, rows marked not-served are
//   skipped), passed as --nuget-list; the committed popularity list (data/nuget.tsv) is added.
// - Python's standard library: `sys.stdlib_module_names` of CPython 3.11 (python3 on this machine),
//   plus the modules CPython removed in 3.12/3.13 (PEP 594), which still look like real imports.
//
// Binary set format (little-endian), one file per ecosystem:
//   "MGE1" | u32 count | u32 bits | u32 offsets[2^bits + 1] (by the hash's top `bits` bits) |
//   u16 rest[count] (the next 16 bits of the hash, sorted within each bucket) | u8 level[count]
// bits = log2(count) rounded up, within 8..16: a fingerprint of bits + 16 bits of the hash.
// hash = FNV-1a (32 bits) over the UTF-16 code units of the name in its registry's normal form
// (npm, NuGet: lowercase; PyPI: PEP 503). level: bits 0-5 = 1 + floor(log2(weight)), weight in
// the ecosystem's unit (npm downloads a month, PyPI 1e9 / rank, NuGet downloads a day);
// bit 6 = known from a download count only (the name's versions were not seen).
// A name absent from the set is unknown-or-zero. The chance that an absent name hits a stored
// fingerprint is count / 2^(bits + 16) (npm: ~1e-4).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { learnAffixes } from './data/affixes.mjs';
import { learnNativeProjects } from './data/nativeProjects.mjs';
import { fnv1a, PARKED_SUMMARY, pypiNormal, readTable, SECURITY_PLACEHOLDER } from './data/established.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function arg(name, fallback) {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
}

const outDir = arg('--out', join(root, 'data'));
// Names only in the download counts (no version seen in the newer versioned table) below this
// are left out: the tail is millions of names with a handful of downloads, and a taken-down
// package keeps ~500-1,000 a month from mirrors (the 2017 squats `nodemailer-js`, `noderequest`
// and `http-proxy.js` each still had ~770 in 2026).
const npmMinDownloads = Number(arg('--npm-min-downloads', '2000'));

/** The PyPI weight of a project outside the top 15,000: released lately, or dormant. */
const PYPI_LIVE_WEIGHT = 1e9 / 40_000;
const PYPI_DORMANT_WEIGHT = 1e9 / 200_000;
const PYPI_LIVE_SINCE = '2023-01';
/** NuGet IDs served but outside the popularity list: a few downloads a day. */
const NUGET_SMALL_WEIGHT = 10;

const UNVERIFIED = 0x40;

function level(weight, unverified) {
  const bucket = weight >= 1 ? Math.min(63, 1 + Math.floor(Math.log2(weight))) : 1;
  return bucket | (unverified ? UNVERIFIED : 0);
}

/** Writes the set of `entries` (normal name → level byte). */
function writeSet(file, entries) {
  const items = [...entries].map(([name, lvl]) => ({ h: fnv1a(name), lvl }));
  items.sort((a, b) => a.h - b.h || a.lvl - b.lvl);
  // Two names with the same 32-bit hash: keep one, at the higher level (the set answers "some
  // established name hashes here"; the rare merge only makes a name look a little more popular).
  const kept = [];
  for (const it of items) {
    const last = kept[kept.length - 1];
    if (last && last.h === it.h) last.lvl = Math.max(last.lvl, it.lvl);
    else kept.push(it);
  }
  const n = kept.length;
  const bits = Math.min(16, Math.max(8, Math.ceil(Math.log2(n + 1))));
  const buckets = 2 ** bits;
  const buf = Buffer.alloc(12 + 4 * (buckets + 1) + 2 * n + n);
  buf.write('MGE1', 0, 'latin1');
  buf.writeUInt32LE(n, 4);
  buf.writeUInt32LE(bits, 8);
  const offsets = new Uint32Array(buckets + 1);
  for (const it of kept) offsets[(it.h >>> (32 - bits)) + 1]++;
  for (let b = 0; b < buckets; b++) offsets[b + 1] += offsets[b];
  Buffer.from(offsets.buffer).copy(buf, 12);
  const restAt = 12 + 4 * (buckets + 1);
  kept.forEach((it, i) => {
    buf.writeUInt16LE((it.h >>> (16 - bits)) & 0xffff, restAt + 2 * i);
    buf[restAt + 2 * n + i] = it.lvl;
  });
  writeFileSync(join(outDir, file), buf);
  return { file, count: n, bytes: buf.length };
}

function npmCountsFile() {
  const given = arg('--npm-counts');
  if (given) return given;
  const dir = mkdtempSync(join(tmpdir(), 'download-counts-'));
  execFileSync('npm', ['pack', 'download-counts', '--silent'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  execFileSync('tar', ['xzf', tgz], { cwd: dir });
  return join(dir, 'package', 'counts.json');
}

function npm() {
  const established = new Map();
  const placeholders = new Set();
  for (const [name, version, downloads, summary = ''] of readTable(arg('--npm-list'))) {
    const norm = name.toLowerCase();
    if (SECURITY_PLACEHOLDER.test(version) || /^security holding package/i.test(summary)) placeholders.add(norm);
    else established.set(norm, level(Number(downloads) || 0, false));
  }
  const counts = JSON.parse(readFileSync(npmCountsFile(), 'utf8'));
  for (const [name, downloads] of Object.entries(counts)) {
    const norm = name.toLowerCase();
    if (downloads < npmMinDownloads || placeholders.has(norm)) continue;
    // The versioned table's level stands; a name seen only here is flagged unverified.
    if (!established.has(norm)) established.set(norm, level(downloads, true));
  }
  return { set: writeSet('established-npm.bin', established), names: established, placeholders: placeholders.size };
}

function pypi() {
  const established = new Map();
  let parked = 0;
  for (const [name, version, month = '', rank = '', summary = ''] of readTable(arg('--pypi-list'))) {
    const isParked = PARKED_SUMMARY.test(summary) || (/^0(\.0)*(a0)?$|^0\.0\.[01]$/.test(version) && summary.trim() === '');
    if (isParked && !rank) {
      parked++;
      continue;
    }
    const weight = rank ? 1e9 / Number(rank) : month >= PYPI_LIVE_SINCE ? PYPI_LIVE_WEIGHT : PYPI_DORMANT_WEIGHT;
    established.set(pypiNormal(name), level(weight, false));
  }
  return { set: writeSet('established-pypi.bin', established), names: established, parked };
}

function nuget() {
  const established = new Map();
  const list = arg('--nuget-list');
  if (list) {
    for (const [name, newest] of readTable(list)) if (newest !== 'not-served') established.set(name.toLowerCase(), level(NUGET_SMALL_WEIGHT, false));
  }
  for (const [name] of readTable(join(root, 'data', 'nuget.tsv'), { comments: true })) established.set(name.toLowerCase(), level(NUGET_SMALL_WEIGHT, false));
  return { set: writeSet('established-nuget.bin', established), names: established };
}

/** CPython removed these in 3.12/3.13 (PEP 594 and distutils); an import of one still reads as stdlib. */
const REMOVED_STDLIB = ['aifc', 'asynchat', 'asyncore', 'audioop', 'cgi', 'cgitb', 'chunk', 'crypt', 'distutils', 'imghdr', 'imp', 'mailcap', 'msilib', 'nis', 'nntplib', 'ossaudiodev', 'pipes', 'smtpd', 'sndhdr', 'spwd', 'sunau', 'telnetlib', 'uu', 'xdrlib'];

/**
 * Command-line tools every developer knows that are programs of the system, not Python packages
 * (hand-picked: the GNU/Linux base system, compilers and build tools, version control, network
 * tools, containers and databases' shells). `pip install curl` is a mistake a squatter waits for.
 */
const SYSTEM_TOOLS = ['apt', 'apt-get', 'awk', 'bash', 'brew', 'cargo', 'clang', 'convert', 'cron', 'crontab', 'curl', 'dig', 'ffmpeg', 'gcc', 'gdb', 'git', 'gpg', 'grep', 'gzip', 'htop', 'ifconfig', 'imagemagick', 'iptables', 'java', 'javac', 'kubectl', 'make', 'mysql', 'nano', 'nc', 'netcat', 'nmap', 'node', 'npm', 'nslookup', 'openssh', 'openssl', 'perl', 'php', 'ping', 'psql', 'python3', 'redis-cli', 'rsync', 'ruby', 'rustc', 'sed', 'ssh', 'strace', 'sudo', 'systemctl', 'tar', 'terraform', 'tmux', 'traceroute', 'unzip', 'valgrind', 'vim', 'wget', 'yarn', 'zip', 'zsh'];

function tools() {
  const text = ['# Command-line tools that are system programs, not Python packages (hand-picked in scripts/data-established.mjs).', '# Generated by scripts/data-established.mjs; do not edit by hand.', ...SYSTEM_TOOLS].join('\n') + '\n';
  writeFileSync(join(outDir, 'pypi-tools.txt'), text);
  return { file: 'pypi-tools.txt', count: SYSTEM_TOOLS.length };
}

function stdlib() {
  const names = JSON.parse(execFileSync('python3', ['-c', 'import sys, json; print(json.dumps(sorted(sys.stdlib_module_names)))'], { encoding: 'utf8' }));
  const version = execFileSync('python3', ['-c', 'import sys; print(".".join(map(str, sys.version_info[:3])))'], { encoding: 'utf8' }).trim();
  // Private modules (_thread, __future__) are not names anyone types into a requirements file.
  const all = [...new Set([...names, ...REMOVED_STDLIB])].filter((n) => !n.startsWith('_')).sort();
  const text = [`# Python standard-library module names: sys.stdlib_module_names of CPython ${version}, plus modules removed in 3.12/3.13.`, '# Generated by scripts/data-established.mjs; do not edit by hand.', ...all].join('\n') + '\n';
  writeFileSync(join(outDir, 'pypi-stdlib.txt'), text);
  return { file: 'pypi-stdlib.txt', count: all.length, bytes: Buffer.byteLength(text) };
}

const results = [npm(), pypi(), nuget()];
for (const r of results) console.log(`${r.set.file}: ${r.set.count} names, ${(r.set.bytes / 1024).toFixed(0)} KB${r.placeholders ? `, ${r.placeholders} security placeholders left out` : ''}${r.parked ? `, ${r.parked} parked projects left out` : ''}`);
const std = stdlib();
console.log(`${std.file}: ${std.count} modules`);
const tl = tools();
console.log(`${tl.file}: ${tl.count} tools`);
const affixes = learnAffixes(root, { npm: results[0].names, pypi: results[1].names, nuget: results[2].names });
writeFileSync(join(outDir, 'affixes.tsv'), affixes.text);
console.log(`affixes.tsv: ${affixes.count} affixes`);
const native = learnNativeProjects({ npm: results[0].names, pypi: results[1].names });
writeFileSync(join(outDir, 'native-projects.tsv'), native.text);
console.log(`native-projects.tsv: ${native.count} projects`);
