import { seedCommitment } from '@liquide/engine/deputies/sortition/hash';
import { request } from '../../support/api-client';
import { drawAndWait } from '../../support/sortition-draw';
import {
  createBallot,
  createCollective,
  requestId,
  waitFor,
  type Collective,
} from '../domain/domain-fixtures';

/** A public collective whose deputies `ana`, `bea`, `carl` are seated (a pool of exactly three). */
export interface DeputiesWorld extends Collective {
  readonly deputies: readonly string[];
  readonly baseUrl: string;
}

export const DEPUTIES = ['ana', 'bea', 'carl'] as const;
export const VOTERS = ['dan', 'eve', 'fred', 'gus', 'hana'] as const;

export async function seatedDeputies(
  baseUrl: string,
  options: { substitutes?: readonly string[] } = {},
): Promise<DeputiesWorld> {
  const candidates = [...DEPUTIES, ...(options.substitutes ?? [])];
  const world = await createCollective(
    baseUrl,
    [...candidates, ...VOTERS, 'olga'].map((name) => ({
      name,
      roles: name === 'olga' ? 'observer' : 'member',
    })),
    { public: true, visibility: 'live', deputies: DEPUTIES.length },
  );
  for (const name of candidates) {
    await world.users[name].call('POST', `/api/collectives/${world.id}/volunteers`, { statement: name });
    await world.admin.call(
      'PUT',
      `/api/collectives/${world.id}/volunteers/${world.ids[name]}/certification`,
      {
        certifiedOn: '2026-11-21',
        training: 'Formation MaVoix',
      },
    );
  }
  const frozen = await world.admin.call<{ id: string }>('POST', `/api/collectives/${world.id}/sortitions`, {
    seats: DEPUTIES.length,
    substitutes: candidates.length - DEPUTIES.length,
  });
  const seed = `seed ${world.id}`;
  await world.admin.call('POST', `/api/sortitions/${frozen.body.id}/commitment`, {
    seedCommitment: seedCommitment(seed),
    publicValueSource: 'test',
  });
  const drawn = await drawAndWait(world.admin, frozen.body.id, { seed, publicValue: '1 2 3' });
  if (drawn.status !== 202) {
    throw new Error(`draw failed: ${drawn.status} ${JSON.stringify(drawn.body)}`);
  }
  return { ...world, deputies: drawn.body.panel, baseUrl };
}

/** A closed ballot on a fresh bill, the voters' choices given, and each deputy's instruction once issued. */
export async function instructedBallot(
  world: DeputiesWorld,
  choices: readonly ('yes' | 'no' | 'abstain')[],
  title?: string,
): Promise<{ billId: string; ballotId: string; instructed: Record<string, string> }> {
  const { billId, ballotId } = title
    ? await titledBallot(world, title)
    : await createBallot(world.admin, world.id);
  for (const [i, choice] of choices.entries()) {
    const voted = await world.users[VOTERS[i]].call('PUT', `/api/ballots/${ballotId}/vote`, {
      choice,
      requestId: requestId('v'),
    });
    if (voted.status !== 200) {
      throw new Error(`vote failed: ${voted.status} ${JSON.stringify(voted.body)}`);
    }
  }
  await world.admin.call('POST', `/api/ballots/${ballotId}/close`);
  const instructed: Record<string, string> = {};
  await waitFor(async () => {
    const answer = await request<{ ballots: { instructions: { deputy: string; choice: string }[] }[] }>(
      world.baseUrl,
      'GET',
      `/api/bills/${billId}/mandates`,
    );
    const list = answer.body.ballots[0]?.instructions ?? [];
    list.forEach((i) => (instructed[i.deputy] = i.choice));
    return list.length === DEPUTIES.length;
  }, 20_000);
  return { billId, ballotId, instructed };
}

/** A bill with this title and a ballot on it, open now. */
async function titledBallot(
  world: DeputiesWorld,
  title: string,
): Promise<{ billId: string; ballotId: string }> {
  const bill = await world.admin.call<{ id: string }>('POST', `/api/collectives/${world.id}/bills`, {
    title,
    articles: [{ heading: 'Article 1', text: 'Texte.' }],
  });
  const now = Date.now();
  const ballot = await world.admin.call<{ id: string }>('POST', `/api/collectives/${world.id}/ballots`, {
    billId: bill.body.id,
    opensAt: new Date(now - 1000).toISOString(),
    closesAt: new Date(now + 3_600_000).toISOString(),
  });
  await world.admin.call('POST', `/api/ballots/${ballot.body.id}/open`);
  return { billId: bill.body.id, ballotId: ballot.body.id };
}
