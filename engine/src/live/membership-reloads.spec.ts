import { Logger } from '@nestjs/common';
import type { LiveTallyRegistry } from './live-tally.registry';
import { MembershipReloads } from './membership-reloads';

/** A registry holding ballot `b1` of collective `c1`, whose reloads take `loadMs` and are counted. */
function registryStub(loadMs: number) {
  const reloads: number[] = [];
  const ended: number[] = [];
  const stub = {
    loaded: () => [{ ballotId: 'b1', collectiveId: 'c1' }],
    current: () => ({ ballotId: 'b1' }),
    reload: async () => {
      reloads.push(performance.now());
      await new Promise((resolve) => setTimeout(resolve, loadMs));
      ended.push(performance.now());
      return { ballotId: 'b1' };
    },
  };
  return { registry: stub as unknown as LiveTallyRegistry, reloads, ended };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('MembershipReloads', () => {
  it('makes one reload of a burst of changes, and one more for a change during it', async () => {
    const { registry, reloads } = registryStub(50);
    const pushed: string[] = [];
    const sut = new MembershipReloads(registry, (id) => pushed.push(id), new Logger('test'), 20);
    for (let i = 0; i < 5; i++) {
      sut.changed('c1');
    }
    sut.changed('other-collective');
    for (let waited = 0; reloads.length < 1 && waited < 30_000; waited += 5) {
      await settle(5);
    }
    expect(reloads).toHaveLength(1);
    sut.changed('c1'); // during the reload: its snapshot may predate this change
    for (let waited = 0; pushed.length < 2 && waited < 30_000; waited += 50) {
      await settle(50);
    }
    expect(reloads).toHaveLength(2);
    expect(pushed).toEqual(['b1', 'b1']);
  });

  it('spaces the reloads of a ballot by ten times what the last one took', async () => {
    const { registry, reloads, ended } = registryStub(100);
    const sut = new MembershipReloads(registry, () => undefined, new Logger('test'), 10);
    sut.changed('c1');
    await settle(60);
    sut.changed('c1');
    for (let waited = 0; reloads.length < 2 && waited < 30_000; waited += 50) {
      await settle(50);
    }
    expect(reloads).toHaveLength(2);
    const took = ended[0] - reloads[0];
    expect(reloads[1] - ended[0]).toBeGreaterThanOrEqual(10 * took * 0.95);
  });
});
