import { request } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { waitFor } from '../../support/wait';
import {
  createBallot,
  createCollective,
  requestId,
  type Collective,
  type ErrorBody,
  type Totals,
} from './domain-fixtures';

interface BallotBody {
  status: string;
  tally: { totals: Totals; final: boolean } | null;
  hiddenUntil?: string;
}

describe('Queries of the voting domain', () => {
  let sut: TestApp;
  let c: Collective;

  beforeAll(async () => {
    sut = await startTestApp();
    c = await createCollective(
      sut.baseUrl,
      ['ann', 'ben', 'cat', 'dan', 'eve'].map((name) => ({ name, roles: 'member' })),
      { public: true },
    );
  });

  afterAll(async () => {
    await sut?.close();
  });

  const vote = (who: string, ballotId: string, choice = 'yes') =>
    c.users[who].call('PUT', `/api/ballots/${ballotId}/vote`, { choice, requestId: requestId(who) });
  const delegate = (who: string, trustees: string[]) =>
    c.users[who].call('PUT', `/api/collectives/${c.id}/delegations`, { scope: 'global', trustees });

  describe('a ballot’s tally, as its visibility allows', () => {
    it('live: shows the running totals to anonymous callers on a public collective', async () => {
      const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
      await vote('ann', ballotId, 'no');
      const response = await request<BallotBody>(sut.baseUrl, 'GET', `/api/ballots/${ballotId}`);
      expect(response.status).toBe(200);
      expect(response.body.tally).toMatchObject({
        totals: { yes: 0, no: 1, abstain: 0, absent: 5 },
        final: false,
      });
    });

    it('after-vote: hides the tally until the caller has voted', async () => {
      const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'after-vote' });
      await vote('ann', ballotId);
      const before = await c.users.ben.call<BallotBody>('GET', `/api/ballots/${ballotId}`);
      expect(before.body).toMatchObject({ tally: null, hiddenUntil: 'vote' });
      const anonymous = await request<BallotBody>(sut.baseUrl, 'GET', `/api/ballots/${ballotId}`);
      expect(anonymous.body).toMatchObject({ tally: null, hiddenUntil: 'vote' });
      await vote('ben', ballotId, 'abstain');
      const after = await c.users.ben.call<BallotBody>('GET', `/api/ballots/${ballotId}`);
      expect(after.body.tally?.totals).toMatchObject({ yes: 1, abstain: 1 });
    });

    it('after-close: hides the tally even from voters until closed, then shows the final one', async () => {
      const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'after-close' });
      await vote('ann', ballotId);
      const open = await c.users.ann.call<BallotBody>('GET', `/api/ballots/${ballotId}`);
      expect(open.body).toMatchObject({ tally: null, hiddenUntil: 'close' });
      expect((await c.admin.call('POST', `/api/ballots/${ballotId}/close`)).status).toBe(201);
      const closed = await request<BallotBody>(sut.baseUrl, 'GET', `/api/ballots/${ballotId}`);
      expect(closed.body).toMatchObject({
        status: 'closed',
        tally: { final: true, totals: { yes: 1, absent: 5 } },
      });
    });
  });

  describe('my vote, my delegations, the delegations I carry', () => {
    it('returns my own vote only', async () => {
      const { ballotId } = await createBallot(c.admin, c.id);
      await vote('cat', ballotId, 'abstain');
      const mine = await c.users.cat.call<{ vote: { choice: string; castAt: string } }>(
        'GET',
        `/api/ballots/${ballotId}/vote`,
      );
      expect(mine.body.vote).toMatchObject({ choice: 'abstain', castAt: expect.any(String) });
      const someoneElse = await c.users.dan.call<{ vote: unknown }>('GET', `/api/ballots/${ballotId}/vote`);
      expect(someoneElse.body.vote).toBeNull();
    });

    it('lists my delegations and those I carry with my rank', async () => {
      await delegate('dan', [c.ids.eve, c.ids.cat]);
      const mine = await c.users.dan.call<{ scope: string; trustees: string[] }[]>(
        'GET',
        `/api/collectives/${c.id}/delegations/mine`,
      );
      expect(mine.body).toEqual([
        expect.objectContaining({ scope: 'global', trustees: [c.ids.eve, c.ids.cat] }),
      ]);
      const toCat = await c.users.cat.call<{ from: { displayName: string }; rank: number }[]>(
        'GET',
        `/api/collectives/${c.id}/delegations/to-me`,
      );
      expect(toCat.body.map((d) => [d.from.displayName, d.rank])).toEqual([['dan', 2]]);
      const toEve = await c.users.eve.call<{ rank: number }[]>(
        'GET',
        `/api/collectives/${c.id}/delegations/to-me`,
      );
      expect(toEve.body.map((d) => d.rank)).toEqual([1]);
      await c.users.dan.call('DELETE', `/api/collectives/${c.id}/delegations?scope=global`);
    });
  });

  describe('who represents me', () => {
    it('follows a chain of two hops, and reports votes, absent and cycles (live ballot)', async () => {
      const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
      const representation = (who: string) =>
        c.users[who].call<{
          status: string;
          reason?: string;
          chain?: { displayName: string }[];
          voter?: { displayName: string };
          choice?: string;
        }>('GET', `/api/ballots/${ballotId}/representation`);
      expect((await representation('ann')).body).toEqual({ status: 'absent' });
      // ann → ben → cat, cat votes
      await delegate('ann', [c.ids.ben]);
      await delegate('ben', [c.ids.cat]);
      await vote('cat', ballotId, 'no');
      expect((await representation('cat')).body).toEqual({ status: 'votes', choice: 'no' });
      const ann = (await representation('ann')).body;
      expect(ann).toMatchObject({ status: 'represented', voter: { displayName: 'cat' }, choice: 'no' });
      expect(ann.chain!.map((l) => l.displayName)).toEqual(expect.arrayContaining(['ann', 'ben']));
      // dan ↔ eve, nobody votes
      await delegate('dan', [c.ids.eve]);
      await delegate('eve', [c.ids.dan]);
      expect((await representation('dan')).body).toMatchObject({ status: 'lost', reason: 'cycle' });
      expect((await representation('eve')).body).toMatchObject({ status: 'lost', reason: 'cycle' });
      for (const who of ['ann', 'ben', 'dan', 'eve']) {
        await c.users[who].call('DELETE', `/api/collectives/${c.id}/delegations?scope=global`);
      }
    });
  });

  describe('results after close and the public record', () => {
    it('refuses the result before close, then gives totals, seats and instructions', async () => {
      const { ballotId } = await createBallot(c.admin, c.id, { deputies: 4 });
      const early = await c.users.ann.call<ErrorBody>('GET', `/api/ballots/${ballotId}/result`);
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('ballot.wrong_status');
      await vote('ann', ballotId, 'yes');
      await vote('ben', ballotId, 'yes');
      await vote('cat', ballotId, 'yes');
      await vote('dan', ballotId, 'no');
      await c.admin.call('POST', `/api/ballots/${ballotId}/close`);
      const result = await request<{
        result: { totals: Totals; seats: Record<string, number>; instructions: { choice: string }[] };
        resultHash: string;
      }>(sut.baseUrl, 'GET', `/api/ballots/${ballotId}/result`);
      expect(result.status).toBe(200);
      expect(result.body.result.totals).toEqual({ yes: 3, no: 1, abstain: 0, absent: 2 });
      expect(result.body.result.seats).toEqual({ yes: 3, no: 1, abstain: 0 });
      expect(result.body.result.instructions).toHaveLength(4);
      expect(result.body.result.instructions.filter((i) => i.choice === 'yes')).toHaveLength(3);
      expect(result.body.resultHash).toMatch(/^[0-9a-f]{64}$/);

      type RecordPage = { events: { type: string; payload: unknown }[] };
      const closedEntry = (page: RecordPage) =>
        (page.events ?? []).find(
          (e) => e.type === 'ballot.closed' && JSON.stringify(e.payload).includes(ballotId),
        );
      // the record chains entries in commit order: a busy machine may show the close a moment later
      let record = await request<RecordPage>(sut.baseUrl, 'GET', `/api/collectives/${c.id}/record`);
      await waitFor(async () => {
        record = await request<RecordPage>(sut.baseUrl, 'GET', `/api/collectives/${c.id}/record`);
        return record.status !== 200 || closedEntry(record.body) !== undefined;
      });
      expect(record.status).toBe(200);
      const text = JSON.stringify(record.body);
      const closed = JSON.stringify(closedEntry(record.body));
      expect(closed).toContain('scenario');
      for (const id of [c.adminId, ...Object.values(c.ids)]) {
        expect(closed).not.toContain(id);
      }
      expect(text).toContain('ballot.closed');
    });
  });
});
