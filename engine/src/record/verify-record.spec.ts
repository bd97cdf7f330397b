import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { computeEventHash, computeResultHash } from './record-hash';
import { GENESIS_HASH, type RecordExportV1 } from './record-format';
import { buildRecord, closedBallotPayload } from './record-testing';
import { verifyRecord } from './verify-record';

/** node:crypto's SHA-256, an independent reference for the project's one implementation. */
const nodeSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const COLLECTIVE = '6f1c1f0e-0b7e-4c61-9a57-1c1b0c9d2a10';

function sample(): RecordExportV1 {
  return buildRecord(COLLECTIVE, [
    { type: 'collective.created', payload: { name: 'MaVoix' } },
    { type: 'ballot.opened', payload: { ballotId: 'B1', billId: 'bill-1' } },
    { type: 'vote.cast', payload: { ballotId: 'B1', member: 'p2', choice: 'yes' } },
    { type: 'ballot.closed', payload: closedBallotPayload('B1') },
    { type: 'vote.cast', payload: { ballotId: 'B2', member: 'p3', choice: 'no' } },
  ]);
}

type ClosedPayload = ReturnType<typeof closedBallotPayload>;

/** A record as plain JSON, which the test may change freely. */
interface EditableRecord {
  events: { position: number; prevHash: string; hash: string; payload: Record<string, unknown> }[];
  ballots: ClosedPayload[];
}

/** A deep copy that the test may change freely. */
function copy(record: RecordExportV1): EditableRecord {
  return JSON.parse(JSON.stringify(record)) as EditableRecord;
}

/** The sample's entries, to rebuild a correctly chained record after changing one (the 4th closes B1). */
function entries(): { type: string; payload: Record<string, unknown> }[] {
  const record = sample();
  return copy(record).events.map((event, i) => ({ type: record.events[i].type, payload: event.payload }));
}

function closedPayloadOf(list: ReturnType<typeof entries>): ClosedPayload {
  return list[3].payload as unknown as ClosedPayload;
}

describe(verifyRecord.name, () => {
  it('accepts an intact record, counting its events and recomputed ballots', () => {
    expect(verifyRecord(sample())).toEqual({ ok: true, events: 5, ballots: 1 });
  });

  it('accepts an intact record after a JSON round trip, with either SHA-256', () => {
    expect(verifyRecord(copy(sample()), { hash: nodeSha256 })).toEqual({ ok: true, events: 5, ballots: 1 });
  });

  it('accepts an empty record', () => {
    expect(verifyRecord(buildRecord(COLLECTIVE, []))).toEqual({ ok: true, events: 0, ballots: 0 });
  });

  it('hashes exactly the canonical JSON of the six documented fields', () => {
    const event = sample().events[0];
    const text = canonicalJson({
      position: 1,
      collectiveId: COLLECTIVE,
      type: event.type,
      payload: event.payload,
      occurredAt: event.occurredAt,
      prevHash: GENESIS_HASH,
    });
    expect(text).toBe(
      `{"collectiveId":"${COLLECTIVE}","occurredAt":"2026-11-28T10:00:00.000Z","payload":{"name":"MaVoix"},"position":1,"prevHash":"${GENESIS_HASH}","type":"collective.created"}`,
    );
    expect(event.hash).toBe(nodeSha256(text));
  });

  it('reports a tampered payload at its position', () => {
    const record = copy(sample());
    record.events[2].payload.choice = 'no';
    expect(verifyRecord(record)).toEqual({
      ok: false,
      firstMismatch: { position: 3, reason: expect.stringMatching(/hash does not match/) },
    });
  });

  it('reports a removed event where the gap starts', () => {
    const record = copy(sample());
    record.events.splice(1, 1);
    expect(verifyRecord(record)).toEqual({
      ok: false,
      firstMismatch: { position: 2, reason: expect.stringMatching(/position 2 expected.*found 3/) },
    });
  });

  it('reports a removed event even when the positions were renumbered', () => {
    const record = copy(sample());
    record.events.splice(1, 1);
    record.events.forEach((event, i) => (event.position = i + 1));
    expect(verifyRecord(record)).toMatchObject({ ok: false, firstMismatch: { position: 2 } });
  });

  it('reports an event whose prevHash does not link to the previous one', () => {
    const record = copy(sample());
    record.events[3].prevHash = record.events[1].hash;
    expect(verifyRecord(record)).toEqual({
      ok: false,
      firstMismatch: { position: 4, reason: expect.stringMatching(/prevHash/) },
    });
  });

  it('reports a changed result, even when its event and resultHash were recomputed to match', () => {
    const list = entries();
    const closed = closedPayloadOf(list);
    (closed.result.totals as { yes: number }).yes += 1;
    closed.resultHash = computeResultHash(closed.result);
    const record = buildRecord(COLLECTIVE, list);
    expect(verifyRecord(record)).toEqual({
      ok: false,
      firstMismatch: {
        position: 4,
        ballotId: 'B1',
        reason: 'the stored result differs from the result recomputed from the scenario',
      },
    });
  });

  it('reports a result that no longer matches its resultHash', () => {
    const list = entries();
    closedPayloadOf(list).result.seats!.yes = 0;
    expect(verifyRecord(buildRecord(COLLECTIVE, list))).toMatchObject({
      ok: false,
      firstMismatch: { position: 4, ballotId: 'B1', reason: expect.stringMatching(/resultHash/) },
    });
  });

  it('reports a ballots section that differs from the chain', () => {
    const record = copy(sample());
    (record.ballots[0].result.totals as { no: number }).no = 99;
    expect(verifyRecord(record)).toMatchObject({
      ok: false,
      firstMismatch: { ballotId: 'B1', reason: expect.stringMatching(/ballots\[0\] differs/) },
    });
  });

  it('reports an invalid scenario with the field and rule', () => {
    const list = entries();
    (closedPayloadOf(list).scenario.members[0] as { weight?: number }).weight = -1;
    expect(verifyRecord(buildRecord(COLLECTIVE, list))).toMatchObject({
      ok: false,
      firstMismatch: {
        ballotId: 'B1',
        reason: expect.stringMatching(/members\[0\]\.weight: must be a positive/),
      },
    });
  });

  it('refuses a document of another format', () => {
    expect(verifyRecord({ format: 'other' })).toMatchObject({
      ok: false,
      firstMismatch: { reason: /format/ },
    });
    expect(verifyRecord([])).toMatchObject({ ok: false });
  });

  it('uses the same hash for the whole chain whichever SHA-256 implementation computes it', () => {
    const event = sample().events[1];
    const fields = { ...event, collectiveId: COLLECTIVE };
    expect(computeEventHash(fields)).toBe(computeEventHash(fields, nodeSha256));
  });
});
