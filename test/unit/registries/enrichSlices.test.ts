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
});
