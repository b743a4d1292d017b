/**
 * QWERTY key adjacency: a substitution by a neighbouring key is the typo a finger makes, so it
 * weighs more than an arbitrary substitution (which is more often a different, legitimate name).
 */
const ROWS = ['1234567890-', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
// Each row sits about half a key to the right of the one above.
const OFFSETS = [0, 0.5, 0.75, 1.25];

const position = new Map<string, { row: number; x: number }>();
ROWS.forEach((keys, row) => [...keys].forEach((key, i) => position.set(key, { row, x: i + OFFSETS[row] })));

/** Whether two keys touch on a QWERTY keyboard (same row side by side, or diagonal neighbours). */
export function adjacentKeys(a: string, b: string): boolean {
  const p = position.get(a.toLowerCase());
  const q = position.get(b.toLowerCase());
  if (!p || !q || a === b) return false;
  const rows = Math.abs(p.row - q.row);
  const dx = Math.abs(p.x - q.x);
  return (rows === 0 && dx === 1) || (rows === 1 && dx <= 1);
}
