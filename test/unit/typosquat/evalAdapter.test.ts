/**
 * The evaluation's adapter (bench/typosquatAdapter.ts) reports what the rule tells a user: which
 * names are flagged, at which severity, and which package the replacement fix names. The bench's
 * recall and "named" figures are only as true as this mapping.
 */
import { strict as assert } from 'node:assert';
import { checkNames, sameName } from '../../../bench/typosquatAdapter';

describe('typosquat evaluation adapter', () => {
  it('gives one verdict per name, in order, with the replacement the finding offers', () => {
    const verdicts = checkNames('pypi', ['requests', 'reqeusts', 'numpy', 'pandsa']);
    assert.deepEqual(
      verdicts.map((v) => [v.name, v.severity, v.target]),
      [
        ['requests', undefined, undefined],
        ['reqeusts', 'error', 'requests'],
        ['numpy', undefined, undefined],
        ['pandsa', 'error', 'pandas'],
      ],
    );
    assert.equal(verdicts[1].kind, 'typo');
  });

  it('keeps the weaker severity the rule gives an affix', () => {
    const [v] = checkNames('npm', ['nodemailer-js']);
    assert.equal(v.target, 'nodemailer');
    assert.equal(v.severity, 'warning');
  });

  it('compares names in the registry\'s normal form', () => {
    assert.ok(sameName('pypi', 'Python_Dateutil', 'python-dateutil'));
    assert.ok(sameName('nuget', 'newtonsoft.json', 'Newtonsoft.Json'));
    assert.ok(!sameName('npm', 'lodash', 'lodash-es'));
  });
});
