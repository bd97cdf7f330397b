import type { EntityManager } from '@mikro-orm/postgresql';
import { LiveTallyRegistry } from './live-tally.registry';

const BALLOT = '00000000-0000-4000-8000-0000000000b1';

describe('LiveTallyRegistry', () => {
  it('loads a ballot again after a failed load, instead of queuing its changes for ever', async () => {
    let loads = 0;
    const em = {
      fork: () => ({
        execute: () => {
          loads += 1;
          return Promise.reject(new Error('connection lost'));
        },
      }),
    } as unknown as EntityManager;
    const registry = new LiveTallyRegistry(em);
    await expect(registry.get(BALLOT)).rejects.toThrow('connection lost');
    // the failed load is forgotten: the next use loads again (it used to get the same failure for ever)
    expect(registry.apply({ kind: 'vote', ballotId: BALLOT, memberId: 'm', choice: 'yes', at: 0 })).toEqual(
      [],
    );
    await expect(registry.get(BALLOT)).rejects.toThrow('connection lost');
    expect(loads).toBe(2);
  });
});
