import { Client } from 'pg';
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
} from './../domain/domain-fixtures';

const PARALLEL = 1_000;
const PAIRS = 50;

interface Receipt {
  choice: string;
  replayed: boolean;
  castAt: string;
  requestId: string;
}

describe(`${PARALLEL} parallel submissions and racing delegations`, () => {
  let sut: TestApp;
  let db: Client;
  let c: Collective;
  let pairs: [ApiUser, ApiUser][];
  const memberIds = new Map<ApiUser, string>();

  const count = async (sql: string, values: unknown[]): Promise<number> =>
    Number((await db.query<{ n: string }>(sql, values)).rows[0].n);

  beforeAll(async () => {
    // what is tested is consistency under races, not speed: on a machine at load 15 (a parallel build, other
    // test files) 200 racing writes waited past the default 10 s for a pooled connection and were answered
    // 503, as they should be; the wait is raised so that every one of them is served
    sut = await startTestApp({ DATABASE_ACQUIRE_TIMEOUT_MS: '60000' });
    db = new Client({ connectionString: sut.db.url });
    await db.connect();
    c = await createCollective(sut.baseUrl, [
      { name: 'same', roles: 'member' },
      { name: 'fresh', roles: 'member' },
    ]);
    const users = await inBatches(
      Array.from({ length: PAIRS * 2 }, (_, i) => i),
      10,
      (i) => registerUser(sut.baseUrl, `pair${i}`),
    );
    const csv = ['email,display_name,roles', ...users.map((u, i) => `${u.email},Pair ${i},member`)].join(
      '\n',
    );
    const { progress } = await importCsv(c.admin, c.id, csv, 20_000);
    expect(progress.created).toBe(PAIRS * 2);
    const rows = await db.query<{ id: string; email: string }>(
      'select id, email from member where collective_id = $1',
      [c.id],
    );
    const byEmail = new Map(rows.rows.map((row) => [row.email, row.id]));
    users.forEach((u) => memberIds.set(u, byEmail.get(u.email.toLowerCase())!));
    pairs = Array.from({ length: PAIRS }, (_, i) => [users[2 * i], users[2 * i + 1]]);
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await sut?.close();
  });

  it(`stores one vote for ${PARALLEL} parallel submissions with one requestId, and answers them all alike`, async () => {
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
    const id = requestId('same');
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        c.users.same.call<Receipt>('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'no', requestId: id }),
      ),
    );
    expect(answers.filter((a) => a.status !== 200).map((a) => a.status)).toEqual([]);
    const first = answers.filter((a) => !a.body.replayed);
    expect(first).toHaveLength(1);
    for (const answer of answers) {
      expect({ ...answer.body, replayed: false }).toEqual(first[0].body);
    }
    const member = c.ids.same;
    expect(await count('select count(*) n from vote where ballot_id = $1', [ballotId])).toBe(1);
    expect(await count('select count(*) n from vote_request where member_id = $1', [member])).toBe(1);
    expect(
      await count(
        `select count(*) n from record_event where type = 'vote.cast' and payload->>'ballotId' = $1`,
        [ballotId],
      ),
    ).toBe(1);
    const stored = await db.query<{ choice: string }>('select choice from vote where ballot_id = $1', [
      ballotId,
    ]);
    expect(stored.rows[0].choice).toBe('no');
  }, 60_000);

  it(`stores one vote for ${PARALLEL} parallel submissions with ${PARALLEL} requestIds, each acknowledged once`, async () => {
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
    const choices = ['yes', 'no', 'abstain'];
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        c.users.fresh.call<Receipt>('PUT', `/api/ballots/${ballotId}/vote`, {
          choice: choices[i % 3],
          requestId: requestId(`fresh${i}`),
        }),
      ),
    );
    expect(answers.filter((a) => a.status !== 200).map((a) => a.status)).toEqual([]);
    expect(answers.every((a) => !a.body.replayed)).toBe(true);
    const member = c.ids.fresh;
    expect(await count('select count(*) n from vote where ballot_id = $1', [ballotId])).toBe(1);
    expect(await count('select count(*) n from vote_request where member_id = $1', [member])).toBe(PARALLEL);
    expect(
      await count(
        `select count(*) n from record_event where type = 'vote.cast' and payload->>'ballotId' = $1`,
        [ballotId],
      ),
    ).toBe(PARALLEL);
    // the stored vote is one that was acknowledged: same choice, same cast time
    const stored = await db.query<{ choice: string; cast_at: Date }>(
      'select choice, cast_at from vote where ballot_id = $1',
      [ballotId],
    );
    const acknowledged = new Set(answers.map((a) => `${a.body.choice}@${a.body.castAt}`));
    expect(acknowledged).toContain(`${stored.rows[0].choice}@${stored.rows[0].cast_at.toISOString()}`);
    const ballot = await c.admin.call<{ tally: { totals: Totals } }>('GET', `/api/ballots/${ballotId}`);
    const totals = ballot.body.tally.totals;
    expect(totals.yes + totals.no + totals.abstain).toBe(1);
  }, 60_000);

  it(`keeps ${PAIRS} pairs racing A→B and B→A consistent, and tallies them right once B votes`, async () => {
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
    const path = `/api/collectives/${c.id}/delegations`;
    const raced = await Promise.all(
      pairs.flatMap(([a, b]) => [
        a.call('PUT', path, { scope: 'global', trustees: [memberIds.get(b)] }),
        b.call('PUT', path, { scope: 'global', trustees: [memberIds.get(a)] }),
        // and the same again, to race each member against itself too
        a.call('PUT', path, { scope: 'global', trustees: [memberIds.get(b)] }),
        b.call('PUT', path, { scope: 'global', trustees: [memberIds.get(a)] }),
      ]),
    );
    expect(raced.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
    const ids = pairs.flat().map((u) => memberIds.get(u));
    const stored = await db.query<{ member_id: string; trustees: string[] }>(
      `select member_id, trustees from delegation where member_id = any($1::uuid[]) and scope = 'global'`,
      [ids],
    );
    expect(stored.rows).toHaveLength(PAIRS * 2);
    const trusteeOf = new Map(stored.rows.map((row) => [row.member_id, row.trustees]));
    for (const [a, b] of pairs) {
      expect(trusteeOf.get(memberIds.get(a)!)).toEqual([memberIds.get(b)]);
      expect(trusteeOf.get(memberIds.get(b)!)).toEqual([memberIds.get(a)]);
    }
    const before = await c.admin.call<{ tally: { totals: Totals } }>('GET', `/api/ballots/${ballotId}`);
    expect(before.body.tally.totals).toMatchObject({ yes: 0, no: 0, abstain: 0 });
    // every B votes yes at once, while each A re-sends its delegation: the cycles break, B carries A
    const votes = await Promise.all(
      pairs.flatMap(([a, b]) => [
        b.call('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'yes', requestId: requestId('b') }),
        a.call('PUT', path, { scope: 'global', trustees: [memberIds.get(b)] }),
      ]),
    );
    expect(votes.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
    const after = await c.admin.call<{ tally: { totals: Totals } }>('GET', `/api/ballots/${ballotId}`);
    expect(after.body.tally.totals).toMatchObject({ yes: PAIRS * 2, no: 0, abstain: 0 });
    const represented = await Promise.all(
      pairs.map(([a]) =>
        a.call<{ status: string; voter?: { memberId: string } }>(
          'GET',
          `/api/ballots/${ballotId}/representation`,
        ),
      ),
    );
    pairs.forEach(([, b], i) =>
      expect(represented[i].body).toMatchObject({
        status: 'represented',
        voter: { memberId: memberIds.get(b) },
      }),
    );
  }, 60_000);
});
