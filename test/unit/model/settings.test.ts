import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS, parseSettings } from '../../../server/src/model/settings';

describe('settings', () => {
  it('falls back to defaults for anything of the wrong shape', () => {
    assert.deepEqual(parseSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(parseSettings({ offline: 'yes', allowlist: 'x', minimumReleaseAgeDays: 'ten', registries: 5, severity: [] }), DEFAULT_SETTINGS);
  });
  it('keeps valid values and drops unknown rules, bad severities and non-http URLs', () => {
    const s = parseSettings({
      offline: true,
      severity: { typosquat: 'warning', 'unpinned-version': 'off', bogus: 'error', 'install-script': 'loud' },
      allowlist: [' left-pad ', 3, ''],
      minimumReleaseAgeDays: 14,
      registries: { npm: 'https://npm.example.com/', pypi: 'file:///etc/passwd', osv: 'not a url' },
      maxConcurrentRequests: 1000,
    });
    assert.equal(s.offline, true);
    assert.deepEqual(s.severity, { typosquat: 'warning', 'unpinned-version': 'off' });
    assert.deepEqual(s.allowlist, ['left-pad']);
    assert.equal(s.minimumReleaseAgeDays, 14);
    assert.deepEqual(s.registries, { npm: 'https://npm.example.com/' });
    assert.equal(s.maxConcurrentRequests, 64);
  });
});
