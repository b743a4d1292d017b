// Helpers of scripts/data-established.mjs: reading the package tables, and the name hash the
// shipped sets are keyed by (server/src/typosquat/established.ts computes the same).
import { readFileSync } from 'node:fs';

/** The rows of a tab-separated table after its header row (and `#` comment lines when asked). */
export function readTable(file, { comments = false } = {}) {
  if (!file) throw new Error('missing a table argument: see the usage at the top of scripts/data-established.mjs');
  const rows = [];
  let header = true;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (line === '' || (comments && line.startsWith('#'))) continue;
    if (header) header = false;
    else rows.push(line.split('\t'));
  }
  return rows;
}

/** FNV-1a, 32 bits, over UTF-16 code units (unsigned). */
export function fnv1a(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function pypiNormal(name) {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

/** npm's taken-down-malware placeholder versions (`0.0.1-security`, `0.0.1-security.1`). */
export const SECURITY_PLACEHOLDER = /-security(\.\d+)?$/;

/** A PyPI summary that says the project holds a name rather than code. */
export const PARKED_SUMMARY = /placeholder|reserved name|name reserv|reserv(ed|ing) (this |the )?(package |project )?name|security holding|prevent(s|ing)? (typo|dependency confusion)|typosquat|this package is empty|no code/i;
