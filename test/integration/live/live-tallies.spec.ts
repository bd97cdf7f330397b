import { registerUser, request } from '../../support/api-client';
import { collectStates, connectLive, eventually, watch, type LiveClient } from '../../support/live-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import {
  createBallot,
  createCollective,
  importCsv,
  requestId,
  type Collective,
} from '../domain/domain-fixtures';

const people = ['Ana', 'Ben', 'Cleo', 'Dan', 'Eve', 'Fay', 'Gus', 'Hugo'].map((name) => ({
  name,
  roles: 'member',
}));

describe('Live tallies over socket.io', () => {
  let sut: TestApp;
  let c: Collective;
  const sockets: LiveClient[] = [];

  async function client(token?: string): Promise<LiveClient> {
    const socket = await connectLive(sut.baseUrl, token);
    sockets.push(socket);
    return socket;
  }

  beforeAll(async () => {
    sut = await startTestApp({ LIVE_MAX_PUSHES_PER_SECOND: '5' });
    c = await createCollective(sut.baseUrl, people, { public: true, visibility: 'live', deputies: 10 });
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await sut?.close();
  });

  it('gives an anonymous observer the current state first, then coalesced updates in order ending with the latest', async () => {
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
    await c.users.Ana.call('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'yes', requestId: requestId() });
    const observer = await client();
    const states = collectStates(observer);
    const first = await watch(observer, ballotId);
    expect(first).toMatchObject({ ok: true, state: { totals: { yes: 1, no: 0, abstain: 0 } } });

    const voters = ['Ben', 'Cleo', 'Dan', 'Eve', 'Fay', 'Gus', 'Hugo'];
    await Promise.all(
      voters.map((name, i) =>
        c.users[name].call('PUT', `/api/ballots/${ballotId}/vote`, {
          choice: i % 2 === 0 ? 'no' : 'yes',
          requestId: requestId(),
        }),
      ),
    );
    await eventually(() => states.at(-1)?.totals.yes === 4 && states.at(-1)?.totals.no === 4);
    // 7 votes at once, at most 5 pushes a second: coalesced into fewer states than votes
    expect(states.length).toBeLessThan(voters.length);
    const versions = states.map((state) => state.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions[0]).toBeGreaterThan(first.ok && first.state ? first.state.version : 0);
    expect(states.at(-1)).toMatchObject({
      totals: { yes: 4, no: 4, abstain: 0, absent: 1 },
      seats: { yes: 5, no: 5 },
    });
    expect(states.at(-1)!.turnout).toBeCloseTo(8 / 9);
  });

  it('counts the vote of a member imported after the observers started watching', async () => {
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
    const observer = await client();
    const states = collectStates(observer);
    const first = await watch(observer, ballotId);
    const late = await registerUser(sut.baseUrl, 'Late');
    await importCsv(c.admin, c.id, `email,display_name,roles\n${late.email},Late,member`);
    await late.call('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'yes', requestId: requestId() });
    await eventually(() => states.at(-1)?.totals.yes === 1);
    expect(states.at(-1)!.version).toBeGreaterThan(first.ok && first.state ? first.state.version : Infinity);
  });

  it('hides the figures of an after-close ballot until it closes, then sends the final result', async () => {
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'after-close' });
    const observer = await client();
    const states = collectStates(observer);
    const closed: unknown[] = [];
    observer.on('ballot:closed', (payload) => closed.push(payload));
    expect(await watch(observer, ballotId)).toEqual({ ok: true, state: null, hiddenUntil: 'close' });
    await c.users.Ana.call('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'no', requestId: requestId() });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(states).toEqual([]);
    await c.admin.call('POST', `/api/ballots/${ballotId}/close`);
    await eventually(() => closed.length === 1);
    expect(states.at(-1)).toMatchObject({ final: true, status: 'closed', totals: { no: 1 } });
  });

  it('shows an after-vote ballot to a member only once they voted', async () => {
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'after-vote' });
    const ben = await client(c.users.Ben.token);
    const states = collectStates(ben);
    expect(await watch(ben, ballotId)).toEqual({ ok: true, state: null, hiddenUntil: 'vote' });
    await c.users.Ana.call('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'yes', requestId: requestId() });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(states).toEqual([]);
    await c.users.Ben.call('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'abstain',
      requestId: requestId(),
    });
    await eventually(() => states.length > 0);
    expect(states.at(-1)).toMatchObject({ totals: { yes: 1, abstain: 1 } });
  });

  it('tells a delegator that their delegate voted for them (live ballot), and a trustee that a delegation names them', async () => {
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
    const cleo = await client(c.users.Cleo.token);
    const dan = await client(c.users.Dan.token);
    const told: { voter: { displayName: string }; choice: string }[] = [];
    const named: { from: { displayName: string }; change: string; rank: number | null }[] = [];
    cleo.on('delegate:voted', (payload) => told.push(payload));
    dan.on('delegation:changed', (payload) => named.push(payload));
    await c.users.Cleo.call('PUT', `/api/collectives/${c.id}/delegations`, {
      scope: 'global',
      trustees: [c.ids.Dan],
    });
    await eventually(() => named.length === 1);
    expect(named[0]).toMatchObject({ from: { displayName: 'Cleo' }, change: 'set', rank: 1 });
    await c.users.Dan.call('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'no', requestId: requestId() });
    await eventually(() => told.length === 1);
    expect(told[0]).toMatchObject({ voter: { displayName: 'Dan' }, choice: 'no' });
    await c.users.Cleo.call('DELETE', `/api/collectives/${c.id}/delegations?scope=global`);
    await eventually(() => named.length === 2);
    expect(named[1]).toMatchObject({ change: 'revoked', rank: null });
  });

  it('refuses an anonymous observer on a members-only collective, and a socket with a bad token', async () => {
    const closedCollective = await createCollective(sut.baseUrl, [], { public: false });
    const { ballotId } = await createBallot(closedCollective.admin, closedCollective.id);
    const anonymous = await client();
    expect(await watch(anonymous, ballotId)).toMatchObject({ ok: false, code: 'access.login_required' });
    expect(await watch(anonymous, 'not-a-uuid')).toMatchObject({
      ok: false,
      code: 'common.validation_failed',
    });
    await expect(connectLive(sut.baseUrl, 'not.a.token')).rejects.toMatchObject({
      data: { code: 'auth.token_invalid', status: 401 },
    });
    const health = await request(sut.baseUrl, 'GET', '/health');
    expect(health.status).toBe(200);
  });
});
