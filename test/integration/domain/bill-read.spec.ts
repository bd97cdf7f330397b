import { request } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createBallot, createCollective } from './domain-fixtures';

describe('Reading bills', () => {
  let sut: TestApp;
  afterAll(async () => {
    await sut?.close();
  });

  it('lists a public collective’s bills with their ballots, and shows one bill', async () => {
    sut = await startTestApp();
    const c = await createCollective(sut.baseUrl, [], { public: true });
    const { billId, ballotId } = await createBallot(c.admin, c.id);
    const list = await request<{ id: string; ballots: { id: string }[] }[]>(
      sut.baseUrl,
      'GET',
      `/api/collectives/${c.id}/bills`,
    );
    expect(list.status).toBe(200);
    expect(list.body.map((b) => [b.id, b.ballots.map((x) => x.id)])).toEqual([[billId, [ballotId]]]);
    const one = await c.admin.call<{ id: string; articles: unknown[] }>('GET', `/api/bills/${billId}`);
    expect(one.status).toBe(200);
    expect(one.body.articles).toHaveLength(1);
  });
});
