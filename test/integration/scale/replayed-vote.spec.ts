import { Client } from 'pg';
import { collectStates, connectLive, watch, type LiveClient } from '../../support/live-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { waitFor } from '../../support/wait';
import { createBallot, createCollective, requestId, type Collective } from '../domain/domain-fixtures';

/**
 * An instance that dies after committing a vote and before announcing it leaves the other
 * instances' live tallies without it; the client, whose answer never came, sends the vote again
 * with the same request id to another instance, which must announce it (docs/scaling.md).
 */
describe('A retried vote whose first attempt was committed but never announced', () => {
  let sut: TestApp;
  let c: Collective;
  let observer: LiveClient | undefined;

  beforeAll(async () => {
    sut = await startTestApp();
    c = await createCollective(sut.baseUrl, [
      { name: 'Ana', roles: 'member' },
      { name: 'Ben', roles: 'member' },
    ]);
  });

  afterAll(async () => {
    observer?.disconnect();
    await sut?.close();
  });

  it('reaches the observers when the retry is answered from the stored receipt', async () => {
    const { ballotId } = await createBallot(c.admin, c.id, { visibility: 'live' });
    observer = await connectLive(sut.baseUrl, c.users.Ben.token);
    const states = collectStates(observer);
    expect(await watch(observer, ballotId)).toMatchObject({ ok: true, state: { totals: { yes: 0 } } });

    // the first attempt, committed by the vote function as a dying instance would, with no announcement
    const id = requestId('died');
    const pg = new Client({ connectionString: sut.db.url });
    await pg.connect();
    try {
      await pg.query('select liquide_cast_vote($1::uuid, $2::uuid, $3, $4)', [
        ballotId,
        c.users.Ana.accountId,
        'yes',
        id,
      ]);
    } finally {
      await pg.end();
    }

    const retry = await c.users.Ana.call<{ replayed?: boolean; choice: string }>(
      'PUT',
      `/api/ballots/${ballotId}/vote`,
      { choice: 'yes', requestId: id },
    );
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ replayed: true, choice: 'yes' });
    await waitFor(() => Promise.resolve(states.at(-1)?.totals.yes === 1));
  });
});
