import { request } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createBallot, createCollective, requestId } from './domain-fixtures';

interface RecordExport {
  events: { type: string; payload: Record<string, unknown> }[];
}

describe('The public record keeps identities out', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('names no e-mail and no member id, yet lets a voter find the proof of their vote', async () => {
    const c = await createCollective(
      sut.baseUrl,
      [
        { name: 'Ana', roles: 'member' },
        { name: 'Ben', roles: 'member|deputy' },
      ],
      { public: true, visibility: 'after-close' },
    );
    await c.users.Ana.call('PUT', `/api/collectives/${c.id}/delegations`, {
      scope: 'global',
      trustees: [c.ids.Ben],
    });
    await c.admin.call('PUT', `/api/collectives/${c.id}/members/${c.ids.Ana}/roles/observer`);
    const { ballotId } = await createBallot(c.admin, c.id);
    const vote = await c.users.Ben.call<{ proof: string }>('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'no',
      requestId: requestId('ben'),
    });
    expect(vote.status).toBe(200);
    expect(vote.body.proof).toMatch(/^[0-9a-f]{64}$/);
    expect((await c.admin.call('POST', `/api/ballots/${ballotId}/close`)).status).toBe(201);

    const exported = await request<RecordExport>(sut.baseUrl, 'GET', `/api/collectives/${c.id}/record`);
    expect(exported.status).toBe(200);
    const text = JSON.stringify(exported.body);
    for (const user of [c.admin, c.users.Ana, c.users.Ben]) {
      expect(text).not.toContain(user.email);
    }
    for (const id of [c.adminId, c.ids.Ana, c.ids.Ben]) {
      expect(text).not.toContain(id);
    }
    const cast = exported.body.events.filter((e) => e.type === 'vote.cast');
    expect(cast.map((e) => e.payload.proof)).toEqual([vote.body.proof]);
    const types = exported.body.events.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'collective.created',
        'member.imported',
        'delegation.set',
        'role.granted',
        'ballot.closed',
      ]),
    );
  });
});
