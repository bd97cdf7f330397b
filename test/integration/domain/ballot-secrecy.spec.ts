import { connectLive, eventually, watch, type LiveClient } from '../../support/live-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createBallot, createCollective, requestId, type Collective } from './domain-fixtures';

/**
 * The probing attack on ballot secrecy: before the close of a hidden ballot, a member points their
 * delegation at a voter and reads every channel they can reach. Nothing may tell the voter's choice,
 * nor whether they voted; after the close, "who represents me" tells it, as docs/security.md says.
 */
describe.each(['after-close', 'after-vote'] as const)(
  'Ballot secrecy (%s): the probing attack',
  (visibility) => {
    let sut: TestApp;
    let c: Collective;
    const sockets: LiveClient[] = [];

    beforeAll(async () => {
      sut = await startTestApp();
      c = await createCollective(
        sut.baseUrl,
        ['voter', 'prober', 'other'].map((name) => ({ name, roles: 'member' })),
        { public: true, visibility },
      );
    });

    afterAll(async () => {
      sockets.forEach((socket) => socket.disconnect());
      await sut?.close();
    });

    it('reveals nothing of the voter’s choice before the close, and the carried vote after it', async () => {
      const { ballotId } = await createBallot(c.admin, c.id, { visibility });
      const prober = c.users.prober;
      const socket = await connectLive(sut.baseUrl, prober.token);
      sockets.push(socket);
      const received: unknown[] = [];
      socket.onAny((event: string, ...args: unknown[]) => received.push({ event, args }));
      const other = await connectLive(sut.baseUrl, c.users.other.token);
      sockets.push(other);
      const othersView: unknown[] = [];
      other.onAny((event: string, ...args: unknown[]) => othersView.push({ event, args }));
      expect(await watch(other, ballotId)).toMatchObject({ ok: true, state: null });

      // the voter votes, the prober delegates to them, the voter changes their mind (a fresh event)
      const vote = (choice: string) =>
        c.users.voter.call('PUT', `/api/ballots/${ballotId}/vote`, { choice, requestId: requestId('v') });
      expect((await vote('yes')).status).toBe(200);
      const delegated = await prober.call('PUT', `/api/collectives/${c.id}/delegations`, {
        scope: 'global',
        trustees: [c.ids.voter],
      });
      expect(delegated.status).toBe(200);
      expect((await vote('no')).status).toBe(200);

      // every channel the prober can read
      const seen: unknown[] = [];
      const read = async (path: string) => {
        const response = await prober.call('GET', path);
        seen.push({ path, status: response.status, body: response.body });
        return response;
      };
      const representation = await read(`/api/ballots/${ballotId}/representation`);
      expect(representation).toMatchObject({
        status: 200,
        body: { status: 'delegated', hiddenUntil: 'close' },
      });
      expect((await read(`/api/ballots/${ballotId}`)).body).toMatchObject({ tally: null });
      expect((await read(`/api/ballots/${ballotId}/vote`)).body).toEqual({ vote: null });
      await read(`/api/ballots/${ballotId}/result`);
      await read(`/api/collectives/${c.id}/record`);
      await read(`/api/collectives/${c.id}/ballots/${ballotId}/popolo`);
      await read(`/api/collectives/${c.id}/ballots/${ballotId}/results.csv`);
      await read(`/api/collectives/${c.id}/delegations/mine`);
      expect(await watch(socket, ballotId)).toMatchObject({ ok: true, state: null });
      // a last vote, then give any push time to arrive: a marker event sent after it comes in order
      expect((await vote('yes')).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1500));

      const everything = JSON.stringify({ seen, received, othersView });
      expect(everything).not.toMatch(/"choice"|"yes"|"no"|delegate:voted|"totals"/);
      // nothing is pushed to the prober but the notice that the ballot opened (docs/notices.md)
      const opened = (r: unknown) => {
        const { event, args } = r as { event: string; args: { kind?: string }[] };
        return event === 'notice:new' && args[0]?.kind === 'ballot.opened';
      };
      expect(received.filter((r) => !opened(r))).toEqual([]);

      // after the close: the prober learns who carried their vote and how, as documented
      expect((await c.admin.call('POST', `/api/ballots/${ballotId}/close`)).status).toBe(201);
      const after = await prober.call('GET', `/api/ballots/${ballotId}/representation`);
      expect(after.body).toMatchObject({
        status: 'represented',
        voter: { displayName: 'voter' },
        choice: 'yes',
      });
      await eventually(
        () => received.some((r) => (r as { event: string }).event === 'ballot:closed'),
        10_000,
      );
      expect((await prober.call('GET', `/api/ballots/${ballotId}`)).body).toMatchObject({
        tally: { final: true, totals: { yes: 2 } },
      });
    });
  },
);
