// Learns the affix vocabulary of each registry from its own names: for every popular name P (the
// committed popularity lists), the established names that are P plus one word (`P-word`, `P.Word`,
// `wordP`, `word-P`) name the word. Words that many different popular names carry are how real
// packages are named after others (`-cli`, `-loader`, `.Extensions`, `py`, `types-`) and so how
// squatters make a plausible "official" variant. Used by scripts/data-established.mjs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Popular names per ecosystem that are learned from (most popular first). */
const POPULAR_LEARNED = 5000;
/** A word is kept when this many different popular names carry it. */
const MIN_DISTINCT = { npm: 25, pypi: 15, nuget: 3 };
/** At most this many words per side and ecosystem (the most frequent). */
const MAX_PER_SIDE = 80;
const MAX_WORD = 12;

/** A name's letters as the index compares them: lowercase, no delimiters, 0/1 as o/l. */
function skeleton(name) {
  return name.toLowerCase().replace(/[-_.]+/g, '').replace(/0/g, 'o').replace(/1/g, 'l');
}

function popularNames(root, ecosystem) {
  const text = readFileSync(join(root, 'data', `${ecosystem}.tsv`), 'utf8');
  const names = [];
  let header = true;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    if (header) header = false;
    else names.push(line.split('\t')[0].toLowerCase());
  }
  return names.slice(0, POPULAR_LEARNED);
}

function bare(name) {
  return name.startsWith('@') && name.includes('/') ? name.slice(name.indexOf('/') + 1) : name;
}

/** `established`: ecosystem → Map(normal name → level). */
export function learnAffixes(root, established) {
  const lines = ['# Affixes learned from registry names by scripts/data-established.mjs (scripts/data/affixes.mjs); do not edit by hand.', '# ecosystem, side, affix (lowercase, no delimiters), distinct popular names seen with it', 'ecosystem\tside\taffix\tnames'];
  let count = 0;
  for (const ecosystem of ['npm', 'pypi', 'nuget']) {
    const popular = new Set(popularNames(root, ecosystem).map((n) => skeleton(bare(n))).filter((s) => s.length >= 3));
    const seen = { prefix: new Map(), suffix: new Map() };
    const note = (side, word, p) => {
      if (word.length === 0 || word.length > MAX_WORD || !/^[a-z0-9]+$/.test(word)) return;
      let ps = seen[side].get(word);
      if (!ps) seen[side].set(word, (ps = new Set()));
      ps.add(p);
    };
    for (const name of established[ecosystem].keys()) {
      // Words are split on delimiters; undelimited words are learned too (pyyaml, nodemailer).
      const s = skeleton(bare(name));
      for (let cut = 3; cut < s.length; cut++) {
        const head = s.slice(0, cut);
        const tail = s.slice(cut);
        if (popular.has(head) && tail !== '') note('suffix', tail, head);
        if (popular.has(tail) && head !== '') note('prefix', head, tail);
      }
      if (s.length > 1 && popular.has(s.slice(1)) && s.slice(0, 1) !== '') note('prefix', s.slice(0, 1), s.slice(1));
      if (s.length > 2 && popular.has(s.slice(2))) note('prefix', s.slice(0, 2), s.slice(2));
    }
    for (const side of ['prefix', 'suffix']) {
      const words = [...seen[side]].map(([w, ps]) => [w, ps.size]).filter(([, n]) => n >= MIN_DISTINCT[ecosystem]);
      words.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      for (const [w, n] of words.slice(0, MAX_PER_SIDE)) {
        lines.push(`${ecosystem}\t${side}\t${w}\t${n}`);
        count++;
      }
    }
  }
  return { text: lines.join('\n') + '\n', count };
}
