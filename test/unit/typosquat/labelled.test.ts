/**
 * Recall and false alarms on the labelled set (labelled.ts), printed and held to floors.
 *
 * Floors, measured with the lists as committed (2026-11 snapshots): every squat whose target is
 * popular enough is caught — 60 of 65, 92%; the five misses imitate packages too little ahead of
 * the lists' floor for their kind of resemblance (fabric ×40 for an affix, ffmpeg ×7 for a swap,
 * django ×28 for a substituted letter). No legitimate name is flagged. The asserted floors leave
 * a little room for a refreshed snapshot: recall ≥ 88%, false alarms 0.
 */
import { strict as assert } from 'node:assert';
import { bundled } from './bundled';
import { LEGIT, SQUATS } from './labelled';

const RECALL_FLOOR = 0.88;
const LEGIT_FALSE_ALARMS_CEILING = 0;

describe('typosquat: labelled set', () => {
  it(`catches at least ${RECALL_FLOOR * 100}% of the labelled squats, naming the imitated package`, () => {
    const names = bundled();
    const missed: string[] = [];
    for (const squat of SQUATS) {
      const check = names.check(squat.ecosystem, squat.name);
      const targets = ([] as string[]).concat(squat.target);
      const caught = (check.lookalike && targets.includes(check.lookalike.target.name)) || check.prefixImitation !== undefined;
      if (!caught) missed.push(`${squat.ecosystem}:${squat.name} (${targets.join('|')}; got ${check.lookalike?.target.name ?? 'nothing'})`);
    }
    const recall = (SQUATS.length - missed.length) / SQUATS.length;
    console.log(`      recall ${SQUATS.length - missed.length}/${SQUATS.length} = ${(recall * 100).toFixed(1)}%; missed: ${missed.join(', ') || 'none'}`);
    assert.ok(recall >= RECALL_FLOOR, `recall ${recall} below ${RECALL_FLOOR}: ${missed.join(', ')}`);
  });

  it(`flags at most ${LEGIT_FALSE_ALARMS_CEILING} of the legitimate near-names`, () => {
    const names = bundled();
    const flagged = LEGIT.filter((legit) => {
      const check = names.check(legit.ecosystem, legit.name);
      return check.lookalike !== undefined || check.prefixImitation !== undefined;
    });
    console.log(`      false alarms ${flagged.length}/${LEGIT.length}${flagged.length ? `: ${flagged.map((l) => l.name).join(', ')}` : ''}`);
    assert.ok(flagged.length <= LEGIT_FALSE_ALARMS_CEILING, flagged.map((l) => l.name).join(', '));
  });
});
