import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { RecordService, verifyRecord, type RecordExportV1 } from '@liquide/engine/record';
import { closedBallotPayload } from '@liquide/engine/record/record-testing';
import { startTestApp, type TestApp } from '../../support/test-app';
import { appendCommitted, insertCollective, openOrm, sealAll } from './record-fixtures';

describe('Public record over HTTP', () => {
  let sut: TestApp;
  let orm: MikroORM;
  let record: RecordService;
  let collectiveId: string;

  beforeAll(async () => {
    sut = await startTestApp();
    orm = await openOrm(sut.db.url);
    record = sut.app.get(RecordService);
    collectiveId = await insertCollective(orm);
    const events: [string, unknown][] = [
      ['collective.created', { name: 'Collectif de test' }],
      ['ballot.opened', { ballotId: 'B1', billId: 'bill-1' }],
      ['vote.cast', { ballotId: 'B1', member: 'p2', choice: 'yes' }],
      ['vote.cast', { ballotId: 'B1', member: 'p3', choice: 'no' }],
      ['ballot.closed', closedBallotPayload('B1')],
    ];
    for (const [type, payload] of events) {
      await appendCommitted(orm, record, collectiveId, type, payload);
    }
  });

  afterAll(async () => {
    await orm?.close(true);
    await sut?.close();
  });

  async function getRecord(): Promise<RecordExportV1> {
    const response = await fetch(`${sut.baseUrl}/api/collectives/${collectiveId}/record`);
    expect(response.status).toBe(200);
    return (await response.json()) as RecordExportV1;
  }

  it('seals events in the background, without anyone asking', async () => {
    const other = await insertCollective(orm);
    await appendCommitted(orm, record, other, 'collective.created', { name: 'Autre' });
    const deadline = Date.now() + 15_000;
    let sealed = false;
    while (!sealed && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const [row] = await orm.em
        .fork()
        .getConnection()
        .execute<{ hash: string | null }[]>('select hash from record_event where collective_id = ?', [other]);
      sealed = row.hash !== null;
    }
    expect(sealed).toBe(true);
  });

  it('exports the sealed, hash-chained record with its closed ballots, and it verifies', async () => {
    await sealAll(orm, record, collectiveId);
    const exported = await getRecord();
    expect(exported).toMatchObject({ format: 'liquide-record/1', collectiveId });
    expect(exported.events.map((event) => [event.position, event.type])).toEqual([
      [1, 'collective.created'],
      [2, 'ballot.opened'],
      [3, 'vote.cast'],
      [4, 'vote.cast'],
      [5, 'ballot.closed'],
    ]);
    expect(exported.events[0].prevHash).toBe('0'.repeat(64));
    expect(exported.events[0].occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(exported.ballots).toEqual([closedBallotPayload('B1')]);
    expect(verifyRecord(exported)).toEqual({ ok: true, events: 5, ballots: 1 });
  });

  it('serves a closed ballot as a Popolo VoteEvent with its dates', async () => {
    const exported = await getRecord();
    const response = await fetch(`${sut.baseUrl}/api/collectives/${collectiveId}/ballots/B1/popolo`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: 'B1',
      identifier: 'B1',
      motion_id: 'bill-1',
      organization_id: collectiveId,
      start_date: exported.events[1].occurredAt,
      end_date: exported.events[4].occurredAt,
      result: 'pass',
      counts: [
        { option: 'yes', value: 3 },
        { option: 'no', value: 1 },
        { option: 'abstain', value: 0 },
        { option: 'absent', value: 1 },
      ],
      votes: [
        { voter_id: 'p2', option: 'yes', weight: 3 },
        { voter_id: 'p3', option: 'no', weight: 1 },
      ],
    });
  });

  it('serves a closed ballot’s results as CSV', async () => {
    const response = await fetch(`${sut.baseUrl}/api/collectives/${collectiveId}/ballots/B1/results.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await response.text()).toBe(
      'option,weight,seats\r\nyes,3,2\r\nno,1,1\r\nabstain,0,0\r\nabsent,1,\r\n',
    );
  });

  it('answers 404 with its own code for an unknown collective, in French or English', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const fr = await fetch(`${sut.baseUrl}/api/collectives/${id}/record`);
      expect(fr.status).toBe(404);
      expect(await fr.json()).toMatchObject({
        code: 'record.collective_not_found',
        message: `Collectif ${id} introuvable`,
        field: 'collectiveId',
      });
    }
    const en = await fetch(`${sut.baseUrl}/api/collectives/${randomUUID()}/ballots/B1/popolo`, {
      headers: { 'accept-language': 'en' },
    });
    expect(en.status).toBe(404);
    expect(await en.json()).toMatchObject({ code: 'record.collective_not_found' });
  });

  it('answers 404 for a ballot that is unknown or not closed', async () => {
    for (const ballotId of ['B404', 'B2']) {
      const response = await fetch(
        `${sut.baseUrl}/api/collectives/${collectiveId}/ballots/${ballotId}/results.csv`,
        {
          headers: { 'accept-language': 'en' },
        },
      );
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({
        code: 'record.ballot_not_found',
        message: `No closed ballot ${ballotId} in this collective’s public record`,
      });
    }
  });

  it('keeps a members-only collective’s record from anonymous callers', async () => {
    const closed = await insertCollective(orm, { public: false });
    await appendCommitted(orm, record, closed, 'collective.created', { name: 'Privé' });
    const response = await fetch(`${sut.baseUrl}/api/collectives/${closed}/record`);
    expect([401, 403]).toContain(response.status);
    const body = (await response.json()) as { events?: unknown };
    expect(body.events).toBeUndefined();
  });
});
