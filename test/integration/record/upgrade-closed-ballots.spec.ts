import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { APP_ENTITIES, APP_MIGRATIONS } from '@liquide/server/persistence';
import { ormOptions } from '@liquide/engine';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createBallot, createCollective, requestId } from '../domain/domain-fixtures';

const TEXT_MIGRATIONS = [
  'Migration20261205101100BallotResultText',
  'Migration20261205101000RecordPayloadText',
];

/**
 * A deployment upgraded with ballots already closed: their results (stored whole as `jsonb` before) and their
 * record events keep answering exactly as before the migrations that store large results and payloads as
 * text; the migrations' `down` gives the old layout back.
 */
describe('Upgrading a database that holds closed ballots', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('keeps every closed result, its figures and the exported record identical across the migrations', async () => {
    const c = await createCollective(
      sut.baseUrl,
      ['Ana', 'Ben', 'Cleo'].map((name) => ({ name, roles: 'member' })),
    );
    const { ballotId } = await createBallot(c.admin, c.id);
    await c.users.Ana.call('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'yes', requestId: requestId() });
    await c.users.Ben.call('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'no', requestId: requestId() });
    expect((await c.admin.call('POST', `/api/ballots/${ballotId}/close`)).status).toBe(201);
    const read = async () => ({
      result: (await c.admin.call('GET', `/api/ballots/${ballotId}/result`)).body,
      ballot: (await c.admin.call('GET', `/api/ballots/${ballotId}`)).body,
      // the exported chain, but for the moment of export
      record: (await (await fetch(`${sut.baseUrl}/api/collectives/${c.id}/record`)).text()).replace(
        /"exportedAt":"[^"]+"/,
        '',
      ),
    });
    const before = await read();
    expect(before.result).toMatchObject({ result: { totals: { yes: 1, no: 1 } } });

    const orm = await MikroORM.init(
      ormOptions({ url: sut.db.url, entities: APP_ENTITIES, migrations: APP_MIGRATIONS }),
    );
    const db = new Client({ connectionString: sut.db.url });
    await db.connect();
    try {
      // the layout of a deployment from before the migrations: the whole result in `ballot.result`
      await orm.getMigrator().down({ migrations: TEXT_MIGRATIONS });
      const old = await db.query<{ voters: boolean }>(
        `select result ? 'voters' as voters from ballot where id = $1`,
        [ballotId],
      );
      expect(old.rows[0].voters).toBe(true);

      const applied = await orm.getMigrator().up();
      expect(applied.map((m) => m.name).sort()).toEqual([...TEXT_MIGRATIONS].sort());
      const upgraded = await db.query<{ voters: boolean; whole: boolean }>(
        `select result ? 'voters' as voters, result_text::jsonb ? 'voters' as whole from ballot where id = $1`,
        [ballotId],
      );
      expect(upgraded.rows[0]).toEqual({ voters: false, whole: true });
      expect(await read()).toEqual(before);
      // and the closed result is still immutable
      await expect(
        db.query(`update ballot set result_text = '{}' where id = $1`, [ballotId]),
      ).rejects.toThrow(/cannot change/);
    } finally {
      await db.end();
      await orm.close(true);
    }
  });
});
