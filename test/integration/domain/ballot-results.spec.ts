import { createHash } from 'node:crypto';
import { verifyRecord, type RecordExportV1 } from '@liquide/engine/record';
import { startTestApp, type TestApp } from '../../support/test-app';
import { enablePlugin } from '../plugins/law-fixtures';
import {
  createBallot,
  createCollective,
  requestId,
  waitFor,
  type Collective,
  type ErrorBody,
  type Totals,
} from './domain-fixtures';

interface BallotBody {
  id: string;
  billId: string;
  status: string;
  purpose: 'bill' | 'amendment';
  opensAt: string;
  closesAt: string;
  openedAt: string | null;
  closedAt: string | null;
  tally: { totals: Totals; final: boolean } | null;
}

interface BillBody {
  id: string;
  ballots: {
    id: string;
    status: string;
    purpose: 'bill' | 'amendment';
    closesAt: string;
    closedAt: string | null;
    result: { totals: Totals; seats: Record<string, number> | null; turnout: number } | null;
  }[];
}

type Representation =
  | { status: 'pending' | 'lost'; reason?: string; chain: { memberId: string; displayName: string }[] }
  | { status: 'represented'; voter: { displayName: string }; chain: { displayName: string }[] }
  | { status: string };

const ms = (iso: string | null) => new Date(iso ?? 0).getTime();

describe('Closed ballots: closedAt, the window from the opening, amendment ballots, not counted yet', () => {
  let sut: TestApp;
  let c: Collective;

  const ballot = async (ballotId: string) =>
    (await c.admin.call<BallotBody>('GET', `/api/ballots/${ballotId}`)).body;
  const vote = async (who: string, ballotId: string, choice: 'yes' | 'no' | 'abstain') => {
    const response = await c.users[who].call('PUT', `/api/ballots/${ballotId}/vote`, {
      choice,
      requestId: requestId(),
    });
    expect(response.status).toBe(200);
  };

  /**
   * The collective's record once it holds this ballot's close: the sealer chains events in commit-safe
   * order, so on a busy database server the newest event may wait for older transactions to end.
   */
  const sealedRecord = async (ballotId: string): Promise<RecordExportV1> => {
    let record: RecordExportV1 | undefined;
    await waitFor(async () => {
      const response = await c.admin.call<RecordExportV1>('GET', `/api/collectives/${c.id}/record`);
      record = response.body;
      return response.status === 200 && record.ballots.some((b) => b.ballotId === ballotId);
    }, 60_000);
    return record!;
  };

  beforeAll(async () => {
    sut = await startTestApp();
    c = await createCollective(
      sut.baseUrl,
      [
        { name: 'ana', roles: 'member' },
        { name: 'ben', roles: 'member' },
        { name: 'cleo', roles: 'member' },
        { name: 'dan', roles: 'member' },
      ],
      { visibility: 'live', deputies: 4 },
    );
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('records closedAt when an organiser closes early, everywhere the ballot is described', async () => {
    const { billId, ballotId } = await createBallot(c.admin, c.id, { deputies: 4 });
    await vote('ana', ballotId, 'yes');
    await vote('ben', ballotId, 'no');
    await vote('cleo', ballotId, 'yes');
    const before = Date.now();
    const closed = await c.admin.call('POST', `/api/ballots/${ballotId}/close`);
    expect(closed.status).toBe(201);

    const view = await ballot(ballotId);
    expect(view.status).toBe('closed');
    expect(ms(view.closedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(ms(view.closedAt)).toBeLessThan(ms(view.closesAt)); // early: before the scheduled end
    expect(view.openedAt).not.toBeNull();
    expect(view.tally).toMatchObject({ final: true, totals: { yes: 2, no: 1 } });

    const result = await c.admin.call<{ closedAt: string }>('GET', `/api/ballots/${ballotId}/result`);
    expect(result.body.closedAt).toBe(view.closedAt);
    // the result is served as the very text its hash was taken of: anyone can check it from the bytes
    const raw = await fetch(`${sut.baseUrl}/api/ballots/${ballotId}/result`, {
      headers: { authorization: `Bearer ${c.admin.token}` },
    });
    expect(raw.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const text = await raw.text();
    const served = /^\{"result":(.*),"resultHash":"([0-9a-f]{64})","closedAt":"[^"]+"\}$/s.exec(text);
    expect(served).not.toBeNull();
    expect(createHash('sha256').update(served![1], 'utf8').digest('hex')).toBe(served![2]);

    // the bill and the collective's list carry the closing time and the final result
    const bill = await c.users.dan.call<BillBody>('GET', `/api/bills/${billId}`);
    expect(bill.body.ballots).toEqual([
      expect.objectContaining({
        id: ballotId,
        status: 'closed',
        purpose: 'bill',
        closedAt: view.closedAt,
        result: {
          totals: expect.objectContaining({ yes: 2, no: 1, abstain: 0 }),
          seats: expect.objectContaining({ yes: 3, no: 1 }),
          turnout: expect.closeTo(0.6, 5),
        },
      }),
    ]);
    const list = await c.users.dan.call<BillBody[]>('GET', `/api/collectives/${c.id}/bills`);
    expect(list.body.find((b) => b.id === billId)?.ballots[0].closedAt).toBe(view.closedAt);

    // the record holds it, still verifies, and its exports date the close by it
    const record = await sealedRecord(ballotId);
    const payload = record.ballots.find((b) => b.ballotId === ballotId);
    expect(payload?.closedAt).toBe(view.closedAt);
    expect(verifyRecord(record)).toMatchObject({ ok: true });
    const popolo = await c.admin.call<{ end_date: string }>(
      'GET',
      `/api/collectives/${c.id}/ballots/${ballotId}/popolo`,
    );
    expect(popolo.body.end_date).toBe(view.closedAt);
  }, 120_000);

  it('records the scheduled end as closedAt when the scheduler closes the ballot', async () => {
    const now = Date.now();
    const { ballotId } = await createBallot(c.admin, c.id, {
      opensAt: new Date(now),
      closesAt: new Date(now + 5000),
    });
    await vote('ana', ballotId, 'no');
    const opened = await ballot(ballotId);
    await waitFor(async () => (await ballot(ballotId)).status === 'closed', 30_000);
    const view = await ballot(ballotId);
    expect(view.closedAt).toBe(opened.closesAt);
    expect(view.tally).toMatchObject({ final: true, totals: { yes: 0, no: 1 } });
    const record = await sealedRecord(ballotId);
    expect(record.ballots.find((b) => b.ballotId === ballotId)?.closedAt).toBe(opened.closesAt);
  }, 120_000);

  it('starts the voting window at the opening, keeping its planned length or the end the organiser names', async () => {
    const now = Date.now();
    // planned a day ago for one hour, opened only now: it must not be over already
    const late = await createBallot(c.admin, c.id, {
      opensAt: new Date(now - 86_400_000),
      closesAt: new Date(now - 86_400_000 + 3_600_000),
    });
    const view = await ballot(late.ballotId);
    expect(view.status).toBe('open');
    expect(ms(view.opensAt)).toBeGreaterThanOrEqual(now - 1000);
    expect(ms(view.closesAt) - ms(view.opensAt)).toBe(3_600_000);
    await vote('ana', late.ballotId, 'yes');

    const chosen = await createBallot(c.admin, c.id, { open: false });
    const end = new Date(now + 3 * 86_400_000).toISOString();
    const opened = await c.admin.call('POST', `/api/ballots/${chosen.ballotId}/open`, { closesAt: end });
    expect(opened.status).toBe(204);
    expect((await ballot(chosen.ballotId)).closesAt).toBe(end);
  });

  it('refuses a bad end at the opening with a 4xx naming closesAt, and members may not open', async () => {
    const { ballotId } = await createBallot(c.admin, c.id, { open: false });
    const path = `/api/ballots/${ballotId}/open`;
    const garbled = await c.admin.call<ErrorBody>('POST', path, { closesAt: 'demain' });
    expect(garbled.status).toBe(400);
    expect(garbled.body.errors?.[0].field).toBe('closesAt');
    const past = await c.admin.call<ErrorBody>(
      'POST',
      path,
      { closesAt: new Date(Date.now() - 60_000).toISOString() },
      {
        'accept-language': 'en',
      },
    );
    expect(past.status).toBe(422);
    expect(past.body).toMatchObject({ code: 'ballot.end_in_past', field: 'closesAt' });
    expect(past.body.message).toMatch(/end of the vote/);
    const extra = await c.admin.call<ErrorBody>('POST', path, { opensAt: new Date().toISOString() });
    expect(extra.status).toBe(400);
    const member = await c.users.ana.call<ErrorBody>('POST', path, {});
    expect(member.status).toBe(403);
    expect((await ballot(ballotId)).status).toBe('draft');
  });

  it('tells a member whose trustee has not voted yet that the vote is not counted yet, with the chain', async () => {
    const { ballotId } = await createBallot(c.admin, c.id);
    const delegated = await c.users.dan.call('PUT', `/api/collectives/${c.id}/delegations`, {
      scope: 'global',
      trustees: [c.ids.cleo],
    });
    expect(delegated.status).toBe(200);
    const representation = () =>
      c.users.dan.call<Representation>('GET', `/api/ballots/${ballotId}/representation`);
    const pending = await representation();
    expect(pending.body).toEqual({
      status: 'pending',
      chain: [
        { memberId: c.ids.dan, displayName: 'dan' },
        { memberId: c.ids.cleo, displayName: 'cleo' },
      ],
    });
    await vote('cleo', ballotId, 'abstain');
    expect((await representation()).body).toMatchObject({
      status: 'represented',
      voter: { displayName: 'cleo' },
    });

    // closed with nobody voting along the chain: now it is lost
    const other = await createBallot(c.admin, c.id);
    expect((await c.admin.call('POST', `/api/ballots/${other.ballotId}/close`)).status).toBe(201);
    const lost = await c.users.dan.call<Representation>(
      'GET',
      `/api/ballots/${other.ballotId}/representation`,
    );
    expect(lost.body).toMatchObject({ status: 'lost', reason: 'dead-end' });
    const removed = await c.users.dan.call('DELETE', `/api/collectives/${c.id}/delegations?scope=global`);
    expect(removed.status).toBe(204);
  });

  it('labels an amendment’s ballot as an amendment vote, apart from the bill’s own vote', async () => {
    await enablePlugin(c.admin, c.id, 'amendments');
    const { billId, ballotId } = await createBallot(c.admin, c.id);
    const version = await c.admin.call<{ articles: { id: string }[] }>(
      'GET',
      `/api/bills/${billId}/versions/latest`,
    );
    expect((await c.admin.call('PUT', `/api/bills/${billId}/amendments/phase`, { open: true })).status).toBe(
      200,
    );
    const proposed = await c.users.ana.call<{ id: string }>('POST', `/api/bills/${billId}/amendments`, {
      articleId: version.body.articles[0].id,
      kind: 'replace',
      text: 'Un texte plus clair.',
      rationale: 'Parce que le texte gagne en clarté.',
    });
    expect(proposed.status).toBe(201);
    const put = await c.admin.call<{ ballotId: string }>(
      'POST',
      `/api/amendments/${proposed.body.id}/ballot`,
      {},
    );
    expect(put.status).toBe(201);

    expect((await ballot(put.body.ballotId)).purpose).toBe('amendment');
    expect((await ballot(ballotId)).purpose).toBe('bill');
    const bill = await c.users.ben.call<BillBody>('GET', `/api/bills/${billId}`);
    expect(bill.body.ballots.map((b) => [b.id, b.purpose])).toEqual([
      [ballotId, 'bill'],
      [put.body.ballotId, 'amendment'],
    ]);
  });
});
