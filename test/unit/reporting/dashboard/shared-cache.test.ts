// The shared cache: one load per key while fresh, the old answer while one load replaces it, a wait when too old, no failures kept.
import { expect } from 'chai';
import { SharedCache } from '../../../../reporting/dashboard/shared-cache';

describe('SharedCache', () => {
  let clock = 0;
  let loads = 0;
  const load = (value: string) => () => {
    loads += 1;
    return Promise.resolve(value);
  };

  beforeEach(() => {
    clock = 0;
    loads = 0;
  });

  it('loads once for every caller while the answer is fresh', async () => {
    const cache = new SharedCache<string>(() => clock);
    const answers = await Promise.all([1, 2, 3].map(() => cache.get('v', 1_000, load('a'))));
    expect(answers).to.deep.equal(['a', 'a', 'a']);
    expect(loads).to.equal(1);
  });

  it('answers the old value once while one load replaces it, then the new one', async () => {
    const cache = new SharedCache<string>(() => clock);
    await cache.get('v', 1_000, load('old'));
    clock = 1_500;
    const during = [cache.get('v', 1_000, load('new')), cache.get('v', 1_000, load('newer'))];
    expect(await Promise.all(during)).to.deep.equal(['old', 'old']);
    expect(await cache.get('v', 1_000, load('unused'))).to.equal('new');
    expect(loads).to.equal(2);
  });

  it('waits for a fresh load when the answer is older than twice the reuse time, and keeps no failure', async () => {
    const cache = new SharedCache<string>(() => clock);
    await cache.get('v', 1_000, load('old'));
    clock = 2_500;
    const failing = cache.get('v', 1_000, () => Promise.reject(new Error('down')));
    await failing.catch(() => undefined);
    expect(await cache.get('v', 1_000, load('back'))).to.equal('back');
  });
});
