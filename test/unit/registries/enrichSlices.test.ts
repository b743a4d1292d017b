/** A registry pass over a huge manifest starts its lookups in slices: the server answers other requests meanwhile. */
import { strict as assert } from 'node:assert';
import { parseSettings } from '../../../server/src/model/settings';
import { registriesFor, scopeFor } from '../../helpers/registryScope';

describe('registry pass over a huge manifest', () => {
  it('lets other work run before all of its lookups have started, and still looks every dependency up', async () => {
    const registries = registriesFor();
    const count = 5000;
    const text = JSON.stringify({ dependencies: Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}`, '^1.0.0'])) });
    const scope = scopeFor(registries, 'package.json', text, parseSettings({ offline: true }));
    const answered = () => {
      const view = registries.service.view(scope);
      return scope.manifest.dependencies.filter((d) => view.factsFor(d)?.state !== 'pending').length;
    };
    const pass = registries.service.enrich(scope, { offline: true });
    const seenByOtherWork = await new Promise<number>((resolve) => setImmediate(() => resolve(answered())));
    const summary = await pass;
    assert.ok(seenByOtherWork < count, 'every lookup ran before anything else could');
    assert.equal(answered(), count);
    assert.equal(summary.unchecked.length, count);
  });

  it('cancelled, starts no more lookups and ends at once instead of waiting a turn per slice', async () => {
    const registries = registriesFor();
    const count = 20_000;
    const text = JSON.stringify({ dependencies: Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}`, '^1.0.0'])) });
    const scope = scopeFor(registries, 'package.json', text, parseSettings({ offline: true }));
    const controller = new AbortController();
    let ended = false;
    const pass = registries.service.enrich(scope, { offline: true, signal: controller.signal }).then(() => (ended = true));
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    // Each slice of lookups starts a turn of the event loop after the one before: a cancelled pass
    // that still queued its remaining slices (20 of them) would end only after as many turns.
    let turns = 0;
    while (!ended && turns < 20) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
    await pass;
    assert.ok(turns <= 3, `the cancelled pass ended after ${turns} turns`);
    const view = registries.service.view(scope);
    const answered = scope.manifest.dependencies.filter((d) => view.factsFor(d)?.state !== 'pending').length;
    assert.ok(answered < count / 2, `${answered} of ${count} looked up after the pass was cancelled`);
  });
});
