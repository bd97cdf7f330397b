import { type ApiUser } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import {
  createBallot,
  createCollective,
  requestId,
  uniqueSlug,
  waitFor,
  type Collective,
  type ErrorBody,
  type Totals,
} from './domain-fixtures';

describe('Voting commands through the API: votes, delegations, the scheduler', () => {
  let sut: TestApp;
  let c: Collective;
  let admin: ApiUser;

  beforeAll(async () => {
    sut = await startTestApp();
    c = await createCollective(
      sut.baseUrl,
      [
        { name: 'ann', roles: 'member' },
        { name: 'ben', roles: 'member' },
        { name: 'cat', roles: 'member' },
        { name: 'dan', roles: 'member' },
      ],
      { public: true, visibility: 'live' },
    );
    admin = c.admin;
  });

  afterAll(async () => {
    await sut?.close();
  });

  const totalsOf = async (ballotId: string) =>
    (await admin.call<{ tally: { totals: Totals } }>('GET', `/api/ballots/${ballotId}`)).body.tally.totals;

  describe('votes', () => {
    it('casts, changes and withdraws a vote; withdrawing with no vote is a 404', async () => {
      const { ballotId } = await createBallot(admin, c.id, { visibility: 'live' });
      const ann = c.users.ann;
      const cast = await ann.call<{ choice: string; replayed: boolean }>(
        'PUT',
        `/api/ballots/${ballotId}/vote`,
        {
          choice: 'yes',
          requestId: requestId('ann'),
        },
      );
      expect(cast.body).toMatchObject({ choice: 'yes', replayed: false });
      expect(await totalsOf(ballotId)).toMatchObject({ yes: 1, no: 0 });
      const changed = await ann.call('PUT', `/api/ballots/${ballotId}/vote`, {
        choice: 'no',
        requestId: requestId('ann'),
      });
      expect(changed.status).toBe(200);
      expect(
        (await ann.call<{ vote: { choice: string } }>('GET', `/api/ballots/${ballotId}/vote`)).body.vote
          .choice,
      ).toBe('no');
      expect(await totalsOf(ballotId)).toMatchObject({ yes: 0, no: 1 });
      expect((await ann.call('DELETE', `/api/ballots/${ballotId}/vote`)).status).toBe(204);
      expect(
        (await ann.call<{ vote: unknown }>('GET', `/api/ballots/${ballotId}/vote`)).body.vote,
      ).toBeNull();
      expect(await totalsOf(ballotId)).toMatchObject({ yes: 0, no: 0, absent: 5 });
      const none = await ann.call<ErrorBody>('DELETE', `/api/ballots/${ballotId}/vote`);
      expect(none.status).toBe(404);
      expect(none.body.code).toBe('vote.none');
    });

    it('refuses a vote before the window opens with ballot.outside_window', async () => {
      const now = Date.now();
      const { ballotId } = await createBallot(admin, c.id, {
        opensAt: new Date(now + 3_600_000),
        closesAt: new Date(now + 7_200_000),
      });
      const response = await c.users.ben.call<ErrorBody>('PUT', `/api/ballots/${ballotId}/vote`, {
        choice: 'yes',
        requestId: requestId('ben'),
      });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('ballot.outside_window');
    });

    it('refuses the same request id reused on another ballot', async () => {
      const first = await createBallot(admin, c.id);
      const second = await createBallot(admin, c.id);
      const id = requestId('cat');
      expect(
        (
          await c.users.cat.call('PUT', `/api/ballots/${first.ballotId}/vote`, {
            choice: 'yes',
            requestId: id,
          })
        ).status,
      ).toBe(200);
      const reused = await c.users.cat.call<ErrorBody>('PUT', `/api/ballots/${second.ballotId}/vote`, {
        choice: 'yes',
        requestId: id,
      });
      expect(reused.status).toBe(409);
      expect(reused.body.code).toBe('vote.request_id_reused');
    });
  });

  describe('delegations', () => {
    it('sets, replaces and revokes a delegation per scope; an empty trustee list means “none here”', async () => {
      const topic = await admin.call<{ id: string }>('POST', `/api/collectives/${c.id}/topics`, {
        slug: uniqueSlug('sante'),
        name: 'Santé',
      });
      const onTopic = await createBallot(admin, c.id, { topicId: topic.body.id, visibility: 'live' });
      const other = await createBallot(admin, c.id, { visibility: 'live' });
      const { ann, ben, cat } = c.users;
      const path = `/api/collectives/${c.id}/delegations`;
      const represented = async (ballotId: string) =>
        (
          await ann.call<{ status: string; voter?: { memberId: string } }>(
            'GET',
            `/api/ballots/${ballotId}/representation`,
          )
        ).body;
      await ben.call('PUT', `/api/ballots/${onTopic.ballotId}/vote`, {
        choice: 'yes',
        requestId: requestId(),
      });
      await ben.call('PUT', `/api/ballots/${other.ballotId}/vote`, { choice: 'yes', requestId: requestId() });
      await cat.call('PUT', `/api/ballots/${onTopic.ballotId}/vote`, {
        choice: 'no',
        requestId: requestId(),
      });
      await cat.call('PUT', `/api/ballots/${other.ballotId}/vote`, { choice: 'no', requestId: requestId() });

      const global = await ann.call<{ scope: string; trustees: string[] }>('PUT', path, {
        scope: 'global',
        trustees: [c.ids.ben],
      });
      expect(global.body).toMatchObject({ scope: 'global', trustees: [c.ids.ben] });
      expect(await represented(other.ballotId)).toMatchObject({
        status: 'represented',
        voter: { memberId: c.ids.ben },
      });

      // a topic delegation wins over the global one on the topic's bills
      await ann.call('PUT', path, { scope: 'topic', topicId: topic.body.id, trustees: [c.ids.cat] });
      expect(await represented(onTopic.ballotId)).toMatchObject({ voter: { memberId: c.ids.cat } });
      expect(await represented(other.ballotId)).toMatchObject({ voter: { memberId: c.ids.ben } });

      // replace the global one
      const replaced = await ann.call<{ trustees: string[] }>('PUT', path, {
        scope: 'global',
        trustees: [c.ids.cat, c.ids.ben],
      });
      expect(replaced.body.trustees).toEqual([c.ids.cat, c.ids.ben]);
      expect(await represented(other.ballotId)).toMatchObject({ voter: { memberId: c.ids.cat } });

      // “no delegation here” on one bill
      const none = await ann.call('PUT', path, { scope: 'bill', billId: other.billId, trustees: [] });
      expect(none.status).toBe(200);
      expect(await represented(other.ballotId)).toMatchObject({ status: 'absent' });
      const mine = await ann.call<{ scope: string }[]>('GET', `${path}/mine`);
      expect(mine.body.map((d) => d.scope).sort()).toEqual(['bill', 'global', 'topic']);

      // revoke the bill one: the global delegation applies again
      const revokeBill = await ann.call('DELETE', `${path}?scope=bill&billId=${other.billId}`);
      expect(revokeBill.status).toBe(204);
      expect(await represented(other.ballotId)).toMatchObject({ voter: { memberId: c.ids.cat } });
      expect((await ann.call('DELETE', `${path}?scope=topic&topicId=${topic.body.id}`)).status).toBe(204);
      expect((await ann.call('DELETE', `${path}?scope=global`)).status).toBe(204);
      expect(await represented(other.ballotId)).toMatchObject({ status: 'absent' });
      const gone = await ann.call<ErrorBody>('DELETE', `${path}?scope=global`);
      expect(gone.status).toBe(404);
      expect(gone.body.code).toBe('delegation.not_found');
      expect((await ann.call<unknown[]>('GET', `${path}/mine`)).body).toEqual([]);
    });

    it('refuses an expiry date in the past, and a topic scope without topicId', async () => {
      const path = `/api/collectives/${c.id}/delegations`;
      const past = await c.users.dan.call<ErrorBody>('PUT', path, {
        scope: 'global',
        trustees: [c.ids.ann],
        expiresAt: new Date(Date.now() - 60_000).toISOString(),
      });
      expect(past.status).toBe(400);
      expect(past.body).toMatchObject({ code: 'delegation.expiry_in_past', field: 'expiresAt' });
      const noTopic = await c.users.dan.call<ErrorBody>('PUT', path, {
        scope: 'topic',
        trustees: [c.ids.ann],
      });
      expect(noTopic.status).toBe(400);
      expect(noTopic.body.errors![0].field).toBe('topicId');
    });
  });

  describe('the scheduler', () => {
    it('closes a ballot at closesAt with its final result', async () => {
      const now = Date.now();
      const voter: ApiUser = c.users.dan;
      const { ballotId } = await createBallot(admin, c.id, {
        opensAt: new Date(now - 1000),
        closesAt: new Date(now + 1500),
        deputies: 4,
      });
      const vote = await voter.call('PUT', `/api/ballots/${ballotId}/vote`, {
        choice: 'yes',
        requestId: requestId(),
      });
      expect(vote.status).toBe(200);
      // opened a moment after its planned opening: the window keeps its length from the opening
      const planned = await admin.call<{ closesAt: string }>('GET', `/api/ballots/${ballotId}`);
      const early = await admin.call<ErrorBody>('GET', `/api/ballots/${ballotId}/result`);
      expect(early.status).toBe(409);
      let result: { result: { totals: Totals; seats: Record<string, number> }; closedAt: string } | undefined;
      await waitFor(async () => {
        const response = await admin.call<typeof result>('GET', `/api/ballots/${ballotId}/result`);
        result = response.body;
        return response.status === 200;
      }, 5000);
      expect(result!.result.totals).toMatchObject({ yes: 1, no: 0, abstain: 0 });
      expect(result!.result.seats.yes).toBe(4);
      expect(new Date(result!.closedAt).getTime()).toBe(new Date(planned.body.closesAt).getTime());
      expect(new Date(planned.body.closesAt).getTime()).toBeGreaterThanOrEqual(now + 1500);
      const late = await voter.call<ErrorBody>('PUT', `/api/ballots/${ballotId}/vote`, {
        choice: 'no',
        requestId: requestId(),
      });
      expect(late.status).toBe(409);
    });
  });
});
