import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { drawSortition } from '../sortition/draw';
import { canonicalPool, finalSeed, seedCommitment } from '../sortition/hash';
import { buildProof, verifySortitionProof } from '../sortition/proof';
import type { LeximinProgress } from '../sortition/leximin';
import { checkQuotasInWorker, startDrawWorker } from './draw-worker-host';

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

  it('seals the proof in the worker when given its context, byte for byte as the main thread would', async () => {
    const context = {
      collectiveId: 'c',
      sortitionId: 's',
      seedCommitment: seedCommitment('seed'),
      seed: 'seed',
      publicValueSource: 'EuroMillions',
      publicValue: 'public',
      frozenAt: '2026-12-01T00:00:00.000Z',
      committedAt: '2026-12-01T00:00:01.000Z',
      drawnAt: '2026-12-01T00:00:02.000Z',
    };
    const end = await startDrawWorker({ ...input, proof: context }, () => undefined).ended;
    const outcome = await drawSortition(input);
    const expected = buildProof({ ...context, ...input, outcome });
    expect(end.type === 'done' && JSON.stringify(end.proof)).toBe(JSON.stringify(expected));
    expect(await verifySortitionProof(JSON.parse(JSON.stringify(expected)))).toMatchObject({ ok: true });
  });

  /** The nice value of each of this process's threads (Linux), the main thread's under the process id. */
  function threadNiceValues(): { main: number; others: number[] } {
    const nice = (task: string) => {
      const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    const tasks = readdirSync('/proc/self/task');
    return {
      main: nice(String(process.pid)),
      others: tasks.filter((t) => t !== String(process.pid)).map(nice),
    };
  }

  (existsSync('/proc/self/task') ? it : it.skip)(
    'runs the draw at the lowest priority without lowering the server’s own thread',
    async () => {
      const before = threadNiceValues();
      let during: { main: number; others: number[] } | undefined;
      const sut = startDrawWorker(input, () => (during ??= threadNiceValues()));
      expect((await sut.ended).type).toBe('done');
      expect(during?.main).toBe(before.main);
      expect(during?.others).toContain(19);
      expect(threadNiceValues().main).toBe(before.main);
    },
  );

  it('answers a refusal of the core as such (pool too small), not as a crash', async () => {
    const end = await startDrawWorker({ ...input, seats: 40 }, () => undefined).ended;
    expect(end).toMatchObject({ type: 'refused', kind: 'pool_too_small' });
  });

  it('checks in a worker whether quotas can be met together, refusing a conflict as the core does', async () => {
    await expect(checkQuotasInWorker(pool, quotas, 5)).resolves.toBeUndefined();
    const conflicting = [
      { attribute: 'region', value: 'nord', min: 3, max: 3 },
      { attribute: 'region', value: 'sud', min: 3, max: 5 },
    ];
    await expect(checkQuotasInWorker(pool, conflicting, 5)).rejects.toMatchObject({
      name: 'SortitionError',
      kind: 'quotas_conflict',
      params: { quotas: expect.stringContaining('region=nord (min 3, max 3)') },
    });
  });

  it('stops when terminated', async () => {
    const sut = startDrawWorker(input, () => undefined);
    await sut.terminate();
    expect(await sut.ended).toEqual({ type: 'failed', message: 'terminated' });
  });
});
