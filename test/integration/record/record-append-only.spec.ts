import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { RecordService } from '@liquide/engine/record';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { appendCommitted, insertCollective, openOrm, sealAll } from './record-fixtures';

describe('record_event is append-only in the database', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let sut: RecordService;
  let client: Client;
  let collectiveId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await openOrm(db.url);
    sut = new RecordService(orm.em);
    client = new Client({ connectionString: db.url });
    await client.connect();
    collectiveId = await insertCollective(orm);
    await appendCommitted(orm, sut, collectiveId, 'vote.cast', { member: 'p1', choice: 'yes' });
    await appendCommitted(orm, sut, collectiveId, 'vote.cast', { member: 'p2', choice: 'no' });
    await sealAll(orm, sut, collectiveId);
    await appendCommitted(orm, sut, collectiveId, 'vote.cast', { member: 'p3', choice: 'abstain' });
  });

  afterAll(async () => {
    await client?.end();
    await orm?.close(true);
    await db?.drop();
  });

  const refused = /record_event is append-only/;

  it('refuses to change a sealed event’s payload, type or date', async () => {
    await expect(
      client.query(`update record_event set payload = '{"member":"p1","choice":"no"}' where position = 1`),
    ).rejects.toThrow(refused);
    await expect(
      client.query(`update record_event set type = 'vote.withdrawn' where position = 1`),
    ).rejects.toThrow(refused);
    await expect(
      client.query(`update record_event set occurred_at = now() where position = 1`),
    ).rejects.toThrow(refused);
  });

  it('refuses to re-seal a sealed event', async () => {
    await expect(
      client.query(
        `update record_event set hash = repeat('a', 64), prev_hash = repeat('b', 64) where position = 2`,
      ),
    ).rejects.toThrow(refused);
    await expect(client.query(`update record_event set position = 7 where position = 2`)).rejects.toThrow(
      refused,
    );
  });

  it('refuses to change an unsealed event’s payload, even while sealing it', async () => {
    await expect(
      client.query(
        `update record_event set payload = '{}', position = 3, prev_hash = repeat('0', 64), hash = repeat('1', 64)
         where hash is null`,
      ),
    ).rejects.toThrow(refused);
    // a large payload is kept as text beside a jsonb of its lookup fields: that text is guarded too
    await expect(
      client.query(
        `update record_event set payload_text = '{}', position = 3, prev_hash = repeat('0', 64),
                hash = repeat('1', 64) where hash is null`,
      ),
    ).rejects.toThrow(refused);
  });

  it('refuses DELETE and TRUNCATE', async () => {
    await expect(client.query(`delete from record_event where position = 1`)).rejects.toThrow(refused);
    await expect(client.query(`delete from record_event`)).rejects.toThrow(refused);
    await expect(client.query(`truncate record_event`)).rejects.toThrow(refused);
  });

  it('refuses a seal that does not fill position, prev_hash and hash together', async () => {
    await expect(
      client.query(`update record_event set hash = repeat('1', 64) where hash is null`),
    ).rejects.toThrow(refused);
    const { rows } = await client.query<{ n: string }>('select count(*) as n from record_event');
    expect(Number(rows[0].n)).toBe(3);
  });

  it('refuses a second event at the same position', async () => {
    await expect(
      client.query(
        `update record_event set position = 1, prev_hash = repeat('0', 64), hash = repeat('1', 64) where hash is null`,
      ),
    ).rejects.toThrow(/record_event_position_unique/);
  });

  it('leaves the events exactly as written after every refusal', async () => {
    await sealAll(orm, sut, collectiveId);
    const { rows } = await client.query<{ position: string; payload: unknown }>(
      'select position, payload from record_event order by position',
    );
    expect(rows.map((row) => [Number(row.position), row.payload])).toEqual([
      [1, { member: 'p1', choice: 'yes' }],
      [2, { member: 'p2', choice: 'no' }],
      [3, { member: 'p3', choice: 'abstain' }],
    ]);
  });

  it('refuses an event whose payload is not plain JSON, in the writer’s transaction', async () => {
    const em = orm.em.fork();
    await expect(sut.append(em, collectiveId, 'vote.cast', { at: new Date() })).rejects.toThrow(/Date/);
    await expect(sut.append(em, collectiveId, 'Vote Cast', {})).rejects.toThrow(/must look like/);
  });
});
