import { drawSortition } from '../sortition/draw';
import { canonicalPool, finalSeed } from '../sortition/hash';
import type { LeximinProgress } from '../sortition/leximin';
import { startDrawWorker } from './draw-worker-host';

const quotas = [{ attribute: 'region', value: 'nord', min: 2, max: 3 }];
const pool = canonicalPool(
  Array.from({ length: 12 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    attributes: { region: i % 3 === 0 ? 'nord' : 'sud' },
  })),
  quotas,
);
const input = { pool, quotas, seats: 5, substituteCount: 2, finalSeed: finalSeed('seed', 'public') };

describe('startDrawWorker', () => {
  it('computes in a worker thread the same outcome as the core on the main thread, with its progress', async () => {
    const progress: LeximinProgress[] = [];
    const sut = startDrawWorker(input, (p) => progress.push(p));
    const end = await sut.ended;
    expect(end.type).toBe('done');
    expect(end.type === 'done' && end.outcome).toEqual(await drawSortition(input));
    expect(progress.map((p) => p.phase)).toEqual(
      expect.arrayContaining(['feasibility', 'level', 'distribution']),
    );
  });

  it('answers a refusal of the core as such (pool too small), not as a crash', async () => {
    const end = await startDrawWorker({ ...input, seats: 40 }, () => undefined).ended;
    expect(end).toMatchObject({ type: 'refused', kind: 'pool_too_small' });
  });

  it('stops when terminated', async () => {
    const sut = startDrawWorker(input, () => undefined);
    await sut.terminate();
    expect(await sut.ended).toEqual({ type: 'failed', message: 'terminated' });
  });
});
