import { registerUser, type ApiUser } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import {
  createBallot,
  createCollective,
  importCsv,
  inBatches,
  requestId,
  type Collective,
  type Totals,
} from './domain-fixtures';

const CROWD = 200;

describe('Votes and delegations under concurrency', () => {
  let sut: TestApp;
  let c: Collective;
  let crowd: ApiUser[];

  beforeAll(async () => {
    sut = await startTestApp();
    c = await createCollective(sut.baseUrl, [
      { name: 'retrier', roles: 'member' },
      { name: 'alpha', roles: 'member' },
      { name: 'beta', roles: 'member' },
    ]);
    // registration hashes with argon2 (and signing in checks it): ten at a time
    crowd = await inBatches(
      Array.from({ length: CROWD }, (_, i) => i),
      10,
      (i) => registerUser(sut.baseUrl, `voter${i}`),
    );
    const csv = ['email,display_name,roles', ...crowd.map((u, i) => `${u.email},Voter ${i},member`)].join(
      '\n',
    );
    const { progress } = await importCsv(c.admin, c.id, csv, 20_000);
    expect(progress).toMatchObject({ status: 'done', total: CROWD, processed: CROWD, created: CROWD });
  }, 240_000);

  afterAll(async () => {
    await sut?.close();
  });

  it('counts exactly one vote per member while one member retries 50 times with one id and 50 with new ids', async () => {
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
    const retrier = c.users.retrier;
    const sameId = requestId('same');
    const responses = await Promise.all([
      ...crowd.map((u, i) =>
        u.call<{ choice: string }>('PUT', `/api/ballots/${ballotId}/vote`, {
          choice: i % 2 === 0 ? 'yes' : 'no',
          requestId: requestId('crowd'),
        }),
      ),
      ...Array.from({ length: 50 }, () =>
        retrier.call<{ choice: string; replayed: boolean; castAt: string }>(
          'PUT',
          `/api/ballots/${ballotId}/vote`,
          {
            choice: 'abstain',
            requestId: sameId,
          },
        ),
      ),
      ...Array.from({ length: 50 }, () =>
        retrier.call<{ choice: string; replayed: boolean }>('PUT', `/api/ballots/${ballotId}/vote`, {
          choice: 'abstain',
          requestId: requestId('fresh'),
        }),
      ),
    ]);
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));

    const sameIdAnswers = responses
      .slice(CROWD, CROWD + 50)
      .map((r) => r.body as { replayed: boolean; castAt: string });
    expect(sameIdAnswers.filter((a) => !a.replayed)).toHaveLength(1);
    const first = sameIdAnswers.find((a) => !a.replayed)!;
    for (const answer of sameIdAnswers) {
      expect({ ...answer, replayed: false }).toEqual(first);
    }
    const freshAnswers = responses.slice(CROWD + 50).map((r) => r.body as { replayed: boolean });
    expect(freshAnswers.every((a) => !a.replayed)).toBe(true);

    const ballot = await c.admin.call<{ tally: { totals: Totals } }>('GET', `/api/ballots/${ballotId}`);
    // 100 yes, 100 no, the retrier’s one abstention; the creator, alpha and beta absent
    expect(ballot.body.tally.totals).toEqual({ yes: CROWD / 2, no: CROWD / 2, abstain: 1, absent: 3 });
  }, 60_000);

  it('stores racing delegations A→B and B→A: a cycle while neither votes, then B carries A', async () => {
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
    const { alpha, beta } = c.users;
    const path = `/api/collectives/${c.id}/delegations`;
    const [ab, ba] = await Promise.all([
      alpha.call('PUT', path, { scope: 'global', trustees: [c.ids.beta] }),
      beta.call('PUT', path, { scope: 'global', trustees: [c.ids.alpha] }),
    ]);
    expect([ab.status, ba.status]).toEqual([200, 200]);
    const mine = await Promise.all(
      [alpha, beta].map((u) => u.call<{ trustees: string[] }[]>('GET', `${path}/mine`)),
    );
    expect(mine.map((m) => m.body.map((d) => d.trustees))).toEqual([[[c.ids.beta]], [[c.ids.alpha]]]);

    const representation = (u: ApiUser) =>
      u.call<{ status: string; reason?: string; voter?: { memberId: string } }>(
        'GET',
        `/api/ballots/${ballotId}/representation`,
      );
    expect((await representation(alpha)).body).toMatchObject({ status: 'lost', reason: 'cycle' });
    expect((await representation(beta)).body).toMatchObject({ status: 'lost', reason: 'cycle' });
    // the creator, the retrier, the crowd and the two in the cycle: nobody has voted
    const before = await c.admin.call<{ tally: { totals: Totals } }>('GET', `/api/ballots/${ballotId}`);
    expect(before.body.tally.totals).toEqual({ yes: 0, no: 0, abstain: 0, absent: CROWD + 4 });

    await beta.call('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'yes', requestId: requestId('beta') });
    expect((await representation(alpha)).body).toMatchObject({
      status: 'represented',
      voter: { memberId: c.ids.beta },
    });
    const after = await c.admin.call<{ tally: { totals: Totals } }>('GET', `/api/ballots/${ballotId}`);
    expect(after.body.tally.totals).toEqual({ yes: 2, no: 0, abstain: 0, absent: CROWD + 2 });
  });
});
