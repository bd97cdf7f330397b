import { Client } from 'pg';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createBallot, createCollective, requestId } from './domain-fixtures';

describe('A closed ballot’s result', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('cannot be changed, removed or reopened, even by a direct SQL update', async () => {
    const c = await createCollective(sut.baseUrl, [{ name: 'Ana', roles: 'member' }]);
    const { ballotId } = await createBallot(c.admin, c.id);
    await c.users.Ana.call('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'yes', requestId: requestId() });
    expect((await c.admin.call('POST', `/api/ballots/${ballotId}/close`)).status).toBe(201);

    const db = new Client({ connectionString: sut.db.url });
    await db.connect();
    try {
      const tamper = [
        `update ballot set result = jsonb_set(result, '{totals,yes}', '0') where id = $1`,
        `update ballot set result = null, result_hash = null where id = $1`,
        `update ballot set status = 'open' where id = $1`,
        `update ballot set result_text = '{}' where id = $1`,
      ];
      for (const sql of tamper) {
        await expect(db.query(sql, [ballotId])).rejects.toThrow(/cannot change/);
      }
      const { rows } = await db.query<{ yes: number }>(
        `select (result->'totals'->>'yes')::float as yes from ballot where id = $1`,
        [ballotId],
      );
      expect(rows[0].yes).toBe(1);
    } finally {
      await db.end();
    }
    expect((await c.admin.call('POST', `/api/ballots/${ballotId}/open`)).status).toBe(409);
  });
});
