import { observeBallot, showsTotals, type LiveClient } from '../../support/live-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { waitFor } from '../../support/wait';
import { createBallot, createCollective, requestId, type Collective } from '../domain/domain-fixtures';

/**
 * Observers of an open ballot see what the close will count when an organiser changes who counts (activity,
 * weight, voting rights) — at once, from the change's announcement: the reconciler is kept out of the way
 * here (one round an hour), so nothing else could bring the change to the screen.
 */
describe('Live tallies when members change during a ballot', () => {
  let sut: TestApp;
  let c: Collective;
  const observers: LiveClient[] = [];

  beforeAll(async () => {
    sut = await startTestApp({ LIVE_RECONCILE_INTERVAL_MS: '3600000' });
    c = await createCollective(
      sut.baseUrl,
      ['Ana', 'Ben', 'Cleo', 'Dan'].map((name) => ({ name, roles: 'member' })),
      { public: true, visibility: 'live', deputies: 10 },
    );
  });

  afterAll(async () => {
    observers.forEach((o) => o.disconnect());
    await sut?.close();
  });

  const observe = (ballotId: string) =>
    observeBallot(sut.baseUrl, ballotId, (socket) => observers.push(socket));
  const shows = showsTotals;

  const change = async (name: string, body: Record<string, unknown>) => {
    const answer = await c.admin.call('PATCH', `/api/collectives/${c.id}/members/${c.ids[name]}`, body);
    expect(answer.status).toBe(204);
  };

  it('follows a deactivation, a reactivation, a new weight and lost voting rights, and closes on the same figures', async () => {
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
    await c.users.Cleo.call('PUT', `/api/collectives/${c.id}/delegations`, {
      scope: 'global',
      trustees: [c.ids.Ana],
    });
    await c.users.Ana.call('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'yes', requestId: requestId() });
    await c.users.Ben.call('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'no', requestId: requestId() });
    const states = await observe(ballotId);
    // Dan and the organiser who created the collective are absent
    await shows(states, { yes: 2, no: 1, absent: 2 });

    // Ana no longer counts, nor does the delegation that runs through her: Cleo is absent too
    await change('Ana', { active: false });
    await shows(states, { yes: 0, no: 1, absent: 3 });
    await change('Ana', { active: true });
    await shows(states, { yes: 2, no: 1, absent: 2 });
    await change('Ben', { weight: 3 });
    await shows(states, { yes: 2, no: 3, absent: 2 });
    await change('Dan', { votingRights: false });
    await shows(states, { yes: 2, no: 3, absent: 1 });
    const versions = states.map((s) => s.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));

    const closed = await c.admin.call('POST', `/api/ballots/${ballotId}/close`);
    expect(closed.status).toBe(201);
    await waitFor(() => Promise.resolve(states.at(-1)?.final === true));
    expect(states.at(-1)?.totals).toMatchObject({ yes: 2, no: 3, absent: 1 });
  });
});
