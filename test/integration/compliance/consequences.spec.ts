import type { RecordExportV1 } from '@liquide/engine/record/record-format';
import { request } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { waitFor } from '../domain/domain-fixtures';
import { instructedBallot, seatedDeputies, type DeputiesWorld } from './compliance-fixtures';

describe('Consequences of deviations: off by default, each fires once and only when enabled', () => {
  let sut: TestApp;
  let world: DeputiesWorld;
  let deviant: string;

  beforeAll(async () => {
    sut = await startTestApp();
    world = await seatedDeputies(sut.baseUrl, { substitutes: ['sam'] });
    deviant = world.deputies[0];
  }, 120_000);

  afterAll(async () => {
    await sut?.close();
  });

  const consequences = async () =>
    (await request<RecordExportV1>(sut.baseUrl, 'GET', `/api/collectives/${world.id}/record`)).body.events
      .filter((e) => e.type === 'compliance.consequence_applied')
      .map((e) => e.payload as { deputy: string; kind: string; deviations: number });

  /** A ballot all voters answer yes, on which the deviant deputy is confirmed to have voted no. */
  async function deviation(): Promise<string> {
    const { ballotId } = await instructedBallot(world, ['yes', 'yes', 'yes', 'yes', 'yes']);
    const confirmed = await world.admin.call<{ votes: { compliance: string }[] }>(
      'POST',
      `/api/ballots/${ballotId}/actual-votes/${deviant}/confirm`,
      { vote: 'no', votedOn: '2026-12-01' },
    );
    expect(confirmed.body.votes[0].compliance).toBe('deviated');
    return ballotId;
  }

  it('does nothing while the collective has not chosen any consequence', async () => {
    const settings = await request(
      sut.baseUrl,
      'GET',
      `/api/collectives/${world.id}/compliance/consequences`,
    );
    expect(settings.body).toEqual({
      notice: { enabled: false, afterDeviations: 3 },
      recall: { enabled: false, afterDeviations: 3 },
      substitute: { enabled: false, afterDeviations: 3 },
    });
    await deviation();
    // a later event proves the handler had its chance: the configuration below is recorded after it
    const byDeputy = await world.users.dan.call(
      'PUT',
      `/api/collectives/${world.id}/compliance/consequences`,
      {},
    );
    expect(byDeputy.status).toBe(403);
    const bad = await world.admin.call<{ errors: { field: string }[] }>(
      'PUT',
      `/api/collectives/${world.id}/compliance/consequences`,
      { recall: { enabled: true, afterDeviations: 0 } },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('recall.afterDeviations');
    expect(await consequences()).toEqual([]);
  }, 60_000);

  it('notifies the members and opens a recall ballot once the threshold is reached, once only', async () => {
    const configured = await world.admin.call('PUT', `/api/collectives/${world.id}/compliance/consequences`, {
      notice: { enabled: true, afterDeviations: 2 },
      recall: { enabled: true, afterDeviations: 2 },
    });
    expect(configured.status).toBe(200);
    await deviation();
    await waitFor(async () => (await consequences()).length === 2, 20_000);
    expect(await consequences()).toEqual([
      { deputy: deviant, kind: 'notice', deviations: 2, threshold: 2 },
      { deputy: deviant, kind: 'recall', deviations: 2, threshold: 2 },
    ]);
    let notices: { kind: string; params: { memberId?: string; deviations?: number } }[] = [];
    await waitFor(async () => {
      notices = (
        await world.users.dan.call<{ items: typeof notices }>('GET', '/api/notices')
      ).body.items.filter((n) => n.kind === 'deputy.deviations');
      return notices.length > 0;
    });
    expect(notices).toEqual([
      expect.objectContaining({ params: expect.objectContaining({ memberId: deviant, deviations: 2 }) }),
    ]);
    let recall: { title: string; ballots: { status: string }[] } | undefined;
    await waitFor(async () => {
      const bills = await world.admin.call<{ title: string; ballots: { status: string }[] }[]>(
        'GET',
        `/api/collectives/${world.id}/bills`,
      );
      recall = bills.body.find((b) => b.title.startsWith('Révocation de'));
      return recall?.ballots[0]?.status === 'open';
    });
    expect(recall?.title).toContain('Recall of');

    await deviation();
    const seated = await request<{ current: { memberId: string }[] }>(
      sut.baseUrl,
      'GET',
      `/api/collectives/${world.id}/deputies`,
    );
    expect(seated.body.current.map((s) => s.memberId)).toContain(deviant);
    expect((await consequences()).map((c) => c.kind)).toEqual(['notice', 'recall']);
  }, 90_000);

  it('seats the substitute when the collective enables it, and only then', async () => {
    await world.admin.call('PUT', `/api/collectives/${world.id}/compliance/consequences`, {
      notice: { enabled: true, afterDeviations: 2 },
      recall: { enabled: true, afterDeviations: 2 },
      substitute: { enabled: true, afterDeviations: 3 },
    });
    await deviation();
    await waitFor(async () => (await consequences()).length === 3, 20_000);
    expect((await consequences())[2]).toEqual({
      deputy: deviant,
      kind: 'substitute',
      deviations: 4,
      threshold: 3,
    });
    await waitFor(async () => {
      const seated = await request<{ current: { memberId: string }[] }>(
        sut.baseUrl,
        'GET',
        `/api/collectives/${world.id}/deputies`,
      );
      return !seated.body.current.some((s) => s.memberId === deviant) && seated.body.current.length === 3;
    });
  }, 90_000);
});
