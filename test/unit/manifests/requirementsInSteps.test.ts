/**
 * A requirements file read a few lines at a time (what the language server does with large ones)
 * is read exactly as in one go: joins, comments, line endings, options and bad lines included.
 */
import { strict as assert } from 'node:assert';
import { parseRequirements, parseRequirementsInSteps } from '../../../server/src/manifests/requirements';
import { runInSteps } from '../../../server/src/model/steps';

const TEXT = [
  '\ufeff# top comment',
  'flask>=2.0 \\',
  '  ; python_version >= "3.8"',
  'requests==2.31.0  # pinned',
  '-r other.txt',
  '--index-url https://pypi.example.test/simple',
  'django[bcrypt]~=4.2 \\',
  '# a comment ends the join',
  '-e git+https://github.com/a/b.git#egg=b',
  '%%% not a requirement',
  'numpy\r\npandas>=1\rscipy',
  'last \\',
].join('\n');

describe('requirements read a step at a time', () => {
  for (const linesPerStep of [1, 2, 5]) {
    it(`reads what a whole read reads, ${linesPerStep} logical line(s) per step`, async () => {
      let pauses = 0;
      const stepped = await runInSteps(parseRequirementsInSteps(TEXT, linesPerStep), async () => (pauses++, true));
      const whole = parseRequirements(TEXT);
      assert.deepEqual(stepped, whole);
      assert.ok(whole.dependencies.length >= 7 && whole.problems.length >= 1, 'the sample exercises dependencies and problems');
      assert.ok(pauses >= Math.floor(12 / linesPerStep) - 1, `${pauses} pauses`);
    });
  }

  it('stops reading when a pause says the result is no longer wanted', async () => {
    let pauses = 0;
    assert.equal(await runInSteps(parseRequirementsInSteps(TEXT, 1), async () => ++pauses < 3), undefined);
    assert.equal(pauses, 3);
  });
});
