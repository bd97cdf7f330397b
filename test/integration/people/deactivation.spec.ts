import { seedCommitment } from '@liquide/engine/deputies/sortition/hash';
import type { PetitionLiveState } from '@liquide/plugin-petitions';
import type { Socket } from 'socket.io-client';
import type { ApiUser } from '../../support/api-client';
import { collectStates, connectLive, eventually, watch, type LiveClient } from '../../support/live-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { drawAndWait } from '../../support/sortition-draw';
import {
  createBallot,
  createCollective,
  requestId,
  type Collective,
  type ErrorBody,
} from '../domain/domain-fixtures';
import { enablePetitions, openPetition, smallSettings } from '../plugins/petitions-fixtures';

const people = [
  { name: 'Ana', roles: 'member' },
  { name: 'Ben', roles: 'member' },
  { name: 'Olga', roles: 'member|organiser' },
  { name: 'Dan', roles: 'member' },
];

/** Dan volunteers, is certified and drawn alone: he holds the collective's one seat. */
async function seatDan(c: Collective): Promise<void> {
  expect(
    (await c.users.Dan.call('POST', `/api/collectives/${c.id}/volunteers`, { statement: 'Dan' })).status,
  ).toBe(201);
  const certified = await c.admin.call(
    'PUT',
    `/api/collectives/${c.id}/volunteers/${c.ids.Dan}/certification`,
    {
      certifiedOn: '2026-11-21',
      training: 'Formation',
    },
  );
  expect(certified.status).toBe(204);
  const frozen = await c.admin.call<{ id: string }>('POST', `/api/collectives/${c.id}/sortitions`, {
    seats: 1,
    substitutes: 0,
  });
  expect(frozen.status).toBe(201);
  const seed = 'seed for the deactivation test';
  await c.admin.call('POST', `/api/sortitions/${frozen.body.id}/commitment`, {
    seedCommitment: seedCommitment(seed),
    publicValueSource: 'test',
  });
  const drawn = await drawAndWait(c.admin, frozen.body.id, { seed, publicValue: '1 2 3' });
  expect(drawn.status).toBe(202);
}

async function setActive(organiser: ApiUser, c: Collective, memberId: string, active: boolean) {
  return organiser.call<ErrorBody>('PATCH', `/api/collectives/${c.id}/members/${memberId}`, { active });
}

describe('A deactivated member or organiser loses every right at once', () => {
  let sut: TestApp;
  const sockets: LiveClient[] = [];

  async function client(token: string): Promise<LiveClient> {
    const socket = await connectLive(sut.baseUrl, token);
    sockets.push(socket);
    return socket;
  }

  beforeAll(async () => {
    sut = await startTestApp({ LIVE_MAX_PUSHES_PER_SECOND: '20' });
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await sut?.close();
  });

  it('HTTP: a deactivated member can no longer vote, nor act as themself in a public collective', async () => {
    const c = await createCollective(sut.baseUrl, people, { public: true, visibility: 'live' });
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
    expect((await setActive(c.admin, c, c.ids.Ana, false)).status).toBe(204);
    const vote = await c.users.Ana.call<ErrorBody>(
      'PUT',
      `/api/ballots/${ballotId}/vote`,
      { choice: 'yes', requestId: requestId() },
      { 'accept-language': 'en' },
    );
    expect(vote.status).toBe(403);
    expect(vote.body.code).toBe('access.membership_deactivated');
    expect(vote.body.message).toMatch(/Your membership of this collective was deactivated by its organisers/);
    const withdraw = await c.users.Ana.call<ErrorBody>('DELETE', `/api/ballots/${ballotId}/vote`);
    expect([withdraw.status, withdraw.body.code]).toEqual([403, 'access.membership_deactivated']);
    const volunteer = await c.users.Ana.call<ErrorBody>('POST', `/api/collectives/${c.id}/volunteers`, {
      statement: 'moi',
    });
    expect([volunteer.status, volunteer.body.code]).toEqual([403, 'access.membership_deactivated']);
    const seen = await c.users.Ana.call<{ me: unknown }>('GET', `/api/collectives/${c.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.me).toBeNull();

    expect((await setActive(c.admin, c, c.ids.Ana, true)).status).toBe(204);
    const again = await c.users.Ana.call('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'yes',
      requestId: requestId(),
    });
    expect(again.status).toBe(200);
  });

  it('deputies: a deactivated organiser can no longer end a deputy’s mandate', async () => {
    const c = await createCollective(sut.baseUrl, people, { public: true, deputies: 1 });
    await seatDan(c);
    expect((await setActive(c.admin, c, c.ids.Olga, false)).status).toBe(204);
    const ended = await c.users.Olga.call<ErrorBody>(
      'POST',
      `/api/collectives/${c.id}/deputies/${c.ids.Dan}/resignation`,
      { reason: 'coup de force' },
    );
    expect(ended.status).toBe(403);
    expect(ended.body.code).toBe('access.membership_deactivated');
    const deputies = await c.admin.call<{ current: { memberId: string }[] }>(
      'GET',
      `/api/collectives/${c.id}/deputies`,
    );
    expect(deputies.body.current.map((seat) => seat.memberId)).toEqual([c.ids.Dan]);
    // nor act as an organiser on the members
    const grant = await c.users.Olga.call(
      'PUT',
      `/api/collectives/${c.id}/members/${c.ids.Ana}/roles/organiser`,
    );
    expect(grant.status).toBe(403);
  });

  it('keeps an active organiser: the last one cannot be deactivated', async () => {
    const c = await createCollective(sut.baseUrl, [{ name: 'Ana', roles: 'member' }]);
    const refused = await setActive(c.admin, c, c.adminId, false);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'member.last_organiser', field: 'active' });
  });

  it('sockets: a deactivated member stops receiving tally pushes at once and is told why', async () => {
    const c = await createCollective(sut.baseUrl, people, { public: false, visibility: 'live' });
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
    const ana = await client(c.users.Ana.token);
    const olga = await client(c.users.Olga.token);
    const anaStates = collectStates(ana);
    const olgaStates = collectStates(olga);
    const ended: unknown[] = [];
    ana.on('membership:ended', (payload) => ended.push(payload));
    expect(await watch(ana, ballotId)).toMatchObject({ ok: true });
    expect(await watch(olga, ballotId)).toMatchObject({ ok: true });

    await c.users.Ben.call('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'yes', requestId: requestId() });
    await eventually(() => anaStates.at(-1)?.totals.yes === 1 && olgaStates.at(-1)?.totals.yes === 1);

    expect((await setActive(c.admin, c, c.ids.Ana, false)).status).toBe(204);
    await eventually(() => ended.length === 1, 10_000);
    expect(ended[0]).toEqual({ collectiveId: c.id, reason: 'deactivated' });
    const before = anaStates.length;
    await c.users.Dan.call('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'no', requestId: requestId() });
    await eventually(() => olgaStates.at(-1)?.totals.no === 1, 10_000);
    // Olga got the push; Ana, in the same room a moment ago, got nothing more
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(anaStates).toHaveLength(before);
    // and she cannot come back into the members-only room
    expect(await watch(ana, ballotId)).toMatchObject({ ok: false, code: 'access.membership_deactivated' });
  });

  it('plugins: a deactivated member can no longer sign, and their petition watch is closed', async () => {
    const c = await createCollective(sut.baseUrl, people, { public: false });
    await enablePetitions(c.admin, c.id, { settings: smallSettings([]) });
    const petitionId = await openPetition(c.users.Ben, c.admin, c.id);
    const ana = await client(c.users.Ana.token);
    const olga = await client(c.users.Olga.token);
    const anaStates: PetitionLiveState[] = [];
    const olgaStates: PetitionLiveState[] = [];
    // the plugin's events are not in the engine's typed map
    const [anaRaw, olgaRaw] = [ana, olga] as unknown as Socket[];
    anaRaw.on('petition:signatures', (state: PetitionLiveState) => {
      anaStates.push(state);
    });
    olgaRaw.on('petition:signatures', (state: PetitionLiveState) => {
      olgaStates.push(state);
    });
    for (const socket of [anaRaw, olgaRaw]) {
      const answer = (await socket.timeout(5000).emitWithAck('petition:watch', { petitionId })) as {
        ok: boolean;
      };
      expect(answer.ok).toBe(true);
    }
    const ended: unknown[] = [];
    ana.on('membership:ended', (payload) => ended.push(payload));
    expect((await setActive(c.admin, c, c.ids.Ana, false)).status).toBe(204);
    const sign = await c.users.Ana.call<ErrorBody>('PUT', `/api/petitions/${petitionId}/signature`);
    expect(sign.status).toBe(403);
    await eventually(() => ended.length === 1, 10_000);
    // what the watch showed her while a member came before `membership:ended` (socket.io keeps the order)
    anaStates.length = 0;
    expect((await c.users.Dan.call('PUT', `/api/petitions/${petitionId}/signature`)).status).toBe(200);
    await eventually(() => olgaStates.at(-1)?.signatures === 1, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(anaStates).toHaveLength(0);
  });
});
