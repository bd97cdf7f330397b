import { toCsv } from '@liquide/engine/common/csv';
import { seedCommitment } from '@liquide/engine/deputies/sortition/hash';
import type { Quota } from '@liquide/engine/deputies/sortition/types';
import { type Http, verifyAsOperator } from './bench-api';
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

async function signIn(api: Http, email: string, displayName: string): Promise<string> {
  await api.json(`register ${email}`, 202, 'POST', '/api/auth/register', undefined, {
    email,
    password: PASSWORD,
    displayName,
  });
  const login = await api.json<{ accessToken: string }>('login', 200, 'POST', '/api/auth/login', undefined, {
    email,
    password: PASSWORD,
  });
  return login.accessToken;
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
  const organiserToken = await signIn(api, 'organiser@bench.example', 'Organiser');
  await verifyAsOperator(databaseUrl, ['organiser@bench.example']);
  const collective = await api.json<{ id: string }>(
    'create collective',
    201,
    'POST',
    '/api/collectives',
    organiserToken,
    { name: 'Bench', slug: 'bench', settings: { visibility: 'live', deputies: size.seats, public: true } },
  );
  const base = `/api/collectives/${collective.id}`;
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
  const job = await api.json<{ importId: string }>(
    'import',
    202,
    'POST',
    `${base}/members/import`,
    organiserToken,
    csv,
  );
  for (;;) {
    const progress = await api.json<{ status: string }>(
      'import progress',
      200,
      'GET',
      `${base}/members/imports/${job.importId}`,
      organiserToken,
    );
    if (progress.status === 'done') {
      break;
    }
    if (progress.status !== 'running') {
      throw new Error(`import: ${JSON.stringify(progress)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  log(`  imported ${size.volunteers} members; registering their accounts (argon2) and volunteering…`);
  const tokens: string[] = new Array<string>(size.volunteers);
  await inParallel(size.volunteers, 8, async (i) => {
    tokens[i] = await signIn(api, emails[i], `Volunteer ${i}`);
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
  return { collectiveId: collective.id, organiserToken, quotas: generated.quotas, setupSeconds };
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
