import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { RecordService, verifyRecord } from '@liquide/engine/record';
import { createTestDatabase } from '../../support/test-database';
import { startTestApp, type TestApp } from '../../support/test-app';
import { appendCommitted, insertCollective, openOrm, sealAll } from './record-fixtures';

describe('Public record under concurrent writers and sealers', () => {
  let app: TestApp;
  let orm: MikroORM;
  let appRecord: RecordService;
  /** A second sealer on its own connection pool, as a second server instance would run. */
  let otherInstance: RecordService;

  beforeAll(async () => {
    app = await startTestApp();
    orm = await openOrm(app.db.url);
    appRecord = app.app.get(RecordService);
    otherInstance = new RecordService(orm.em);
  });

  afterAll(async () => {
    await orm?.close(true);
    await app?.close();
  });

  it('turns 200 appends from parallel transactions into one gapless, valid chain', async () => {
    const collectiveId = await insertCollective(orm);
    const other = await insertCollective(orm);
    let writing = true;
    const sealers = [appRecord, otherInstance].map(async (sealer) => {
      while (writing) {
        await sealer.sealNow(collectiveId);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    });
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        appendCommitted(orm, otherInstance, i % 10 === 0 ? other : collectiveId, 'vote.cast', {
          member: `p${i}`,
          choice: 'yes',
        }).then(() => appendCommitted(orm, otherInstance, collectiveId, 'vote.cast', { member: `q${i}` })),
      ),
    );
    writing = false;
    await Promise.all(sealers);
    await sealAll(orm, otherInstance, collectiveId);

    const exported = await appRecord.exportRecord(collectiveId);
    expect(exported.events).toHaveLength(380);
    expect(exported.events.map((event) => event.position)).toEqual(
      Array.from({ length: 380 }, (_, i) => i + 1),
    );
    expect(verifyRecord(exported)).toEqual({ ok: true, events: 380, ballots: 0 });

    await sealAll(orm, otherInstance, other);
    const second = await appRecord.exportRecord(other);
    expect(second.events.map((event) => event.position)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(verifyRecord(second)).toMatchObject({ ok: true, events: 20 });
  });

  it('seals nothing written after a transaction that is still open, then everything in id order', async () => {
    const collectiveId = await insertCollective(orm);
    const slow = new Client({ connectionString: app.db.url });
    await slow.connect();
    try {
      await slow.query('begin');
      await slow.query(
        `insert into record_event (collective_id, type, payload) values ($1, 'vote.cast', '{"member":"slow"}')`,
        [collectiveId],
      );
      await appendCommitted(orm, otherInstance, collectiveId, 'vote.cast', { member: 'fast' });
      expect(await otherInstance.sealNow(collectiveId)).toBe(0);
      expect((await appRecord.exportRecord(collectiveId)).events).toEqual([]);

      await slow.query('commit');
      await sealAll(orm, otherInstance, collectiveId);
      const exported = await appRecord.exportRecord(collectiveId);
      expect(exported.events.map((event) => event.payload)).toEqual([{ member: 'slow' }, { member: 'fast' }]);
      expect(verifyRecord(exported)).toMatchObject({ ok: true, events: 2 });
    } finally {
      await slow.end();
    }
  });

  it('is not held back by a transaction left open in another database of the same server', async () => {
    const collectiveId = await insertCollective(orm);
    // another application on the same PostgreSQL, in the middle of a long transaction that has written
    const neighbour = await createTestDatabase({ empty: true });
    const elsewhere = new Client({ connectionString: neighbour.url });
    await elsewhere.connect();
    try {
      await elsewhere.query('begin');
      await elsewhere.query('create table work (n int)');
      await appendCommitted(orm, otherInstance, collectiveId, 'vote.cast', { member: 'here' });
      expect(await otherInstance.sealNow(collectiveId)).toBe(1);
      const exported = await appRecord.exportRecord(collectiveId);
      expect(exported.events.map((event) => event.payload)).toEqual([{ member: 'here' }]);
    } finally {
      await elsewhere.end();
      await neighbour.drop();
    }
  });

  it('never seals the event of a transaction that rolled back', async () => {
    const collectiveId = await insertCollective(orm);
    await expect(
      orm.em.fork().transactional(async (em) => {
        await otherInstance.append(em, collectiveId, 'vote.cast', { member: 'ghost' });
        await em.flush();
        throw new Error('the vote was refused');
      }),
    ).rejects.toThrow('the vote was refused');
    await appendCommitted(orm, otherInstance, collectiveId, 'vote.cast', { member: 'real' });
    await sealAll(orm, otherInstance, collectiveId);
    const exported = await appRecord.exportRecord(collectiveId);
    expect(exported.events.map((event) => [event.position, event.payload])).toEqual([
      [1, { member: 'real' }],
    ]);
  });
});
