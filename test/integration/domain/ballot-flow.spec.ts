import { randomUUID } from 'node:crypto';
import { registerUser, request, type ApiUser } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { waitFor } from '../../support/wait';

interface Tally {
  totals: { yes: number; no: number; abstain: number; absent: number };
  seats: { yes: number; no: number; abstain: number } | null;
}

describe('A ballot from creation to binding result', () => {
  let sut: TestApp;
  let organiser: ApiUser;
  let alice: ApiUser;
  let bob: ApiUser;
  let carol: ApiUser;
  let collectiveId: string;
  let ballotId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    sut = await startTestApp();
    organiser = await registerUser(sut.baseUrl, 'organiser');
    [alice, bob, carol] = await Promise.all(
      ['alice', 'bob', 'carol'].map((n) => registerUser(sut.baseUrl, n)),
    );
    const created = await organiser.call<{ id: string }>('POST', '/api/collectives', {
      name: 'MaVoix',
      slug: `mavoix-${Date.now()}`,
      settings: { visibility: 'live', deputies: 5, public: true },
    });
    expect(created.status).toBe(201);
    collectiveId = created.body.id;
    const csv = [
      'email,display_name,roles,weight',
      `${alice.email},Alice,member,1`,
      `${bob.email},Bob,member,1`,
      `${carol.email},Carol,member|deputy,1`,
    ].join('\n');
    const started = await organiser.call<{ importId: string }>(
      'POST',
      `/api/collectives/${collectiveId}/members/import`,
      csv,
    );
    expect(started.status).toBe(202);
    await waitFor(async () => {
      const progress = await organiser.call<{ status: string }>(
        'GET',
        `/api/collectives/${collectiveId}/members/imports/${started.body.importId}`,
      );
      return progress.body.status === 'done';
    });
    const found = await alice.call<{ items: { id: string; displayName: string }[] }>(
      'GET',
      `/api/collectives/${collectiveId}/members?size=100`,
    );
    for (const m of found.body.items) {
      ids[m.displayName] = m.id;
    }
    const bill = await organiser.call<{ id: string }>('POST', `/api/collectives/${collectiveId}/bills`, {
      title: 'Loi sur le climat',
      articles: [{ heading: 'Article 1', text: 'La neutralité carbone est visée en 2040.' }],
    });
    const now = Date.now();
    const ballot = await organiser.call<{ id: string }>('POST', `/api/collectives/${collectiveId}/ballots`, {
      billId: bill.body.id,
      opensAt: new Date(now - 1000).toISOString(),
      closesAt: new Date(now + 3_600_000).toISOString(),
    });
    expect(ballot.status).toBe(201);
    ballotId = ballot.body.id;
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('refuses votes before the ballot is opened', async () => {
    const response = await alice.call<{ code: string }>('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'yes',
      requestId: randomUUID(),
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('ballot.not_open');
  });

  it('lets a delegator follow her trustee, and shows her the chain', async () => {
    expect((await organiser.call('POST', `/api/ballots/${ballotId}/open`)).status).toBe(204);
    const delegated = await alice.call('PUT', `/api/collectives/${collectiveId}/delegations`, {
      scope: 'global',
      trustees: [ids.Bob],
    });
    expect(delegated.status).toBe(200);
    const vote = await bob.call<{ choice: string; replayed: boolean }>(
      'PUT',
      `/api/ballots/${ballotId}/vote`,
      {
        choice: 'yes',
        requestId: 'bob-vote-0001',
      },
    );
    expect(vote.status).toBe(200);
    expect(vote.body).toMatchObject({ choice: 'yes', replayed: false });
    const chain = await alice.call<{ status: string; voter: { displayName: string }; choice: string }>(
      'GET',
      `/api/ballots/${ballotId}/representation`,
    );
    expect(chain.body).toMatchObject({ status: 'represented', voter: { displayName: 'Bob' }, choice: 'yes' });
  });

  it('returns the first answer to a retried request and never counts it twice', async () => {
    const again = await bob.call<{ choice: string; replayed: boolean }>(
      'PUT',
      `/api/ballots/${ballotId}/vote`,
      {
        choice: 'no',
        requestId: 'bob-vote-0001',
      },
    );
    expect(again.body).toMatchObject({ choice: 'yes', replayed: true });
    const ballot = await request<{ tally: Tally }>(sut.baseUrl, 'GET', `/api/ballots/${ballotId}`);
    // the organiser is a member too, and has not voted: absent with Carol
    expect(ballot.body.tally.totals).toEqual({ yes: 2, no: 0, abstain: 0, absent: 2 });
  });

  it('refuses self-delegation and a trustee who is not a member, naming the field', async () => {
    const self = await carol.call<{ code: string; field: string }>(
      'PUT',
      `/api/collectives/${collectiveId}/delegations`,
      {
        scope: 'global',
        trustees: [ids.Carol],
      },
    );
    expect(self.status).toBe(400);
    expect(self.body).toMatchObject({ code: 'delegation.self', field: 'trustees[0]' });
    const stranger = await carol.call<{ code: string }>(
      'PUT',
      `/api/collectives/${collectiveId}/delegations`,
      {
        scope: 'global',
        trustees: [randomUUID()],
      },
    );
    expect(stranger.body.code).toBe('delegation.trustee_not_member');
  });

  it('refuses a bad choice with a 400 naming the field, in French by default', async () => {
    const response = await carol.call<{ errors: { field: string; message: string }[] }>(
      'PUT',
      `/api/ballots/${ballotId}/vote`,
      { choice: 'maybe', requestId: 'carol-0000001' },
    );
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'choice' });
    expect(response.body.errors[0].message).toMatch(/Choix non reconnu/);
  });

  it('forbids members from closing and lets the organiser close with a binding result', async () => {
    expect((await alice.call('POST', `/api/ballots/${ballotId}/close`)).status).toBe(403);
    await carol.call('PUT', `/api/ballots/${ballotId}/vote`, { choice: 'no', requestId: 'carol-0000002' });
    const closed = await organiser.call<{ result: Tally & { instructions: { choice: string }[] } }>(
      'POST',
      `/api/ballots/${ballotId}/close`,
    );
    expect(closed.status).toBe(201);
    expect(closed.body.result.totals).toEqual({ yes: 2, no: 1, abstain: 0, absent: 1 });
    expect(closed.body.result.seats).toEqual({ yes: 3, no: 2, abstain: 0 });
    expect(closed.body.result.instructions.filter((i) => i.choice === 'yes')).toHaveLength(3);
    const late = await alice.call<{ code: string }>('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'no',
      requestId: randomUUID(),
    });
    expect(late.body.code).toBe('ballot.not_open');
  });
});
