import { toCsv } from '@liquide/engine/common/csv';
import { seedCommitment } from '@liquide/engine/deputies/sortition/hash';
import type { Quota } from '@liquide/engine/deputies/sortition/types';
import { benchCollective, type Http, importMembers, registerAndSignIn, verifyAsOperator } from './bench-api';
import { generatedPool } from './sortition-pools';

export interface SortitionServerSize {
  readonly volunteers: number;
  readonly seats: number;
  readonly features: number;
  readonly slack: number;
}

/** A collective whose certified volunteers form the bench's generated pool. */
export interface SortitionWorld {
  readonly collectiveId: string;
  readonly organiserToken: string;
  readonly quotas: Quota[];
  readonly setupSeconds: number;
}

const PASSWORD = 'bench-password-1';

/** Runs `work(i)` for i in 0..count-1, `parallel` at a time. */
async function inParallel(
  count: number,
  parallel: number,
  work: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        await work(next++);
      }
    }),
  );
}

/**
 * Everything a draw needs, through the server's API as an organiser and volunteers would do it: the
 * organiser's account and collective; the volunteers imported by CSV with their attributes (`attr:` columns),
 * each registering an account (argon2 bounds this step: about 30 accounts/s on 2 cores) and volunteering; the
 * organiser certifying each. Only e-mail verification goes straight to the database, as the operator's
 * `liquide verify-email` does (the bench has no mailbox).
 */
export async function sortitionWorld(
  api: Http,
  databaseUrl: string,
  size: SortitionServerSize,
  log: (line: string) => void,
): Promise<SortitionWorld> {
  const started = performance.now();
  const generated = generatedPool(size.volunteers, size.seats, size.features, size.slack);
  const { token: organiserToken, collectiveId } = await benchCollective(api, databaseUrl, {
    visibility: 'live',
    deputies: size.seats,
    public: true,
  });
  const base = `/api/collectives/${collectiveId}`;
  const features = Object.keys(generated.pool[0]?.attributes ?? {});
  const emails = generated.pool.map((_, i) => `volunteer${i}@bench.example`);
  const csv = toCsv([
    ['email', 'display_name', 'roles', ...features.map((name) => `attr:${name}`)],
    ...generated.pool.map((entry, i) => [
      emails[i],
      `Volunteer ${i}`,
      'member',
      ...features.map((name) => entry.attributes[name]),
    ]),
  ]);
  await importMembers(api, collectiveId, organiserToken, csv);
  log(`  imported ${size.volunteers} members; registering their accounts (argon2) and volunteering…`);
  const tokens: string[] = new Array<string>(size.volunteers);
  await inParallel(size.volunteers, 8, async (i) => {
    tokens[i] = await registerAndSignIn(api, emails[i], PASSWORD, `Volunteer ${i}`);
  });
  await verifyAsOperator(databaseUrl, emails);
  await inParallel(size.volunteers, 8, async (i) => {
    await api.json('volunteer', 201, 'POST', `${base}/volunteers`, tokens[i], { statement: 'Bench' });
  });
  const volunteers = await api.json<{ memberId: string }[]>(
    'volunteers',
    200,
    'GET',
    `${base}/volunteers`,
    organiserToken,
  );
  await inParallel(volunteers.length, 8, async (i) => {
    await api.json(
      'certify',
      204,
      'PUT',
      `${base}/volunteers/${volunteers[i].memberId}/certification`,
      organiserToken,
      { certifiedOn: '2026-11-30', training: 'Bench training' },
    );
  });
  const setupSeconds = (performance.now() - started) / 1000;
  log(`  ${volunteers.length} certified volunteers in ${setupSeconds.toFixed(1)} s`);
  return { collectiveId, organiserToken, quotas: generated.quotas, setupSeconds };
}

/** Freezes the pool with the quotas and commits to a seed; returns the sortition and the seed to reveal. */
export async function committedSortition(
  api: Http,
  world: SortitionWorld,
  seats: number,
): Promise<{ sortitionId: string; seed: string; freezeMs: number }> {
  const started = performance.now();
  const frozen = await api.json<{ id: string }>(
    'freeze',
    201,
    'POST',
    `/api/collectives/${world.collectiveId}/sortitions`,
    world.organiserToken,
    { seats, substitutes: seats, quotas: world.quotas },
  );
  const freezeMs = performance.now() - started;
  const seed = 'bench-seed';
  await api.json('commit', 201, 'POST', `/api/sortitions/${frozen.id}/commitment`, world.organiserToken, {
    seedCommitment: seedCommitment(seed),
    publicValueSource: 'bench',
  });
  return { sortitionId: frozen.id, seed, freezeMs };
}
