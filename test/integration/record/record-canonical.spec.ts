import type { MikroORM } from '@mikro-orm/postgresql';
import { canonicalJson, computeEventHash, RecordService } from '@liquide/engine/record';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { appendCommitted, insertCollective, openOrm, sealAll } from './record-fixtures';

interface Row {
  id: string;
  position: string;
  type: string;
  payload: unknown;
  lookup: unknown;
  payload_text: string | null;
  occurred_at: string;
  prev_hash: string;
  hash: string;
}

/**
 * A closed ballot's payload is appended as its canonical JSON text, stored as text, and sealed from that text
 * without being read back (`appendCanonical`), or from the stored text by another instance: the chain must be
 * the one a verifier recomputes from the exported payloads.
 */
describe('Record events appended as canonical text', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let sut: RecordService;
  let collectiveId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await openOrm(db.url);
    sut = new RecordService(orm.em);
    collectiveId = await insertCollective(orm);
  });

  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  async function rows(): Promise<Row[]> {
    return orm.em
      .fork()
      .getConnection()
      .execute<Row[]>(
        `select id, position, type, coalesce(payload_text::jsonb, payload) as payload, payload as lookup,
                payload_text, prev_hash, hash,
                to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at
           from record_event where collective_id = ? order by id`,
        [collectiveId],
      );
  }

  function expectVerifiableChain(sealed: Row[]): void {
    let prevHash = '0'.repeat(64);
    for (const row of sealed) {
      const expected = computeEventHash({
        position: Number(row.position),
        collectiveId,
        type: row.type,
        payload: row.payload,
        occurredAt: row.occurred_at,
        prevHash,
      });
      expect(row.prev_hash).toBe(prevHash);
      expect(row.hash).toBe(expected);
      prevHash = row.hash;
    }
  }

  it('seals them with the hashes a verifier recomputes from the stored payloads', async () => {
    const payload = {
      ballotId: 'B1',
      scenario: { members: [{ id: 'p1', weight: 0.5, active: true }], note: 'é \u{1F600} "q"' },
      result: { totals: { yes: 1e21, no: 0.1, abstain: 0, absent: 3 } },
    };
    await appendCommitted(orm, sut, collectiveId, 'vote.cast', { member: 'p0', choice: 'yes' });
    await orm.em.fork().transactional(async (em) => {
      await sut.appendCanonical(em, collectiveId, 'ballot.closed', canonicalJson(payload), {
        ballotId: 'B1',
      });
    });
    await appendCommitted(orm, sut, collectiveId, 'vote.cast', { member: 'p2', choice: 'no' });
    await sealAll(orm, sut, collectiveId);
    const sealed = await rows();
    expect(sealed.map((row) => row.type)).toEqual(['vote.cast', 'ballot.closed', 'vote.cast']);
    // stored as its text, with the lookup fields as jsonb; read back whole
    expect(sealed[1].payload_text).toBe(canonicalJson(payload));
    expect(sealed[1].lookup).toEqual({ ballotId: 'B1' });
    expect(sealed[1].payload).toEqual(payload);
    expect(sealed[0].payload_text).toBeNull();
    expectVerifiableChain(sealed);
    const exported = await sut.exportRecord(collectiveId);
    expect(exported.events.map((event) => event.payload)).toEqual(sealed.map((row) => row.payload));
    expect((await sut.findClosedBallot(collectiveId, 'B1'))?.payload).toEqual(payload);
  });

  it('is sealed from its stored text by an instance that did not write it (another one, or after a restart)', async () => {
    const payload = { ballotId: 'B3', result: { voters: { p9: { choice: 'no', weight: 2 } } } };
    await orm.em.fork().transactional(async (em) => {
      await sut.appendCanonical(em, collectiveId, 'ballot.closed', canonicalJson(payload), {
        ballotId: 'B3',
      });
    });
    await appendCommitted(orm, sut, collectiveId, 'vote.cast', { member: 'p4', choice: 'yes' });
    await sealAll(orm, new RecordService(orm.em), collectiveId);
    const sealed = await rows();
    expect(sealed.at(-2)?.payload).toEqual(payload);
    expectVerifiableChain(sealed);
  });

  it('writes nothing, and keeps nothing, when the transaction rolls back', async () => {
    const before = (await rows()).length;
    let appended = '';
    await expect(
      orm.em.fork().transactional(async (em) => {
        appended = await sut.appendCanonical(
          em,
          collectiveId,
          'ballot.closed',
          canonicalJson({ ballotId: 'B2' }),
          { ballotId: 'B2' },
        );
        throw new Error('the close failed after the append');
      }),
    ).rejects.toThrow('the close failed');
    sut.forgetPayloadText(appended);
    expect(appended).toMatch(/^\d+$/);
    expect(await rows()).toHaveLength(before);
    expect(await sut.sealNow(collectiveId)).toBe(0);
  });
});
