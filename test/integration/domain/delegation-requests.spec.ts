import { Client } from 'pg';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createCollective, requestId, type Collective, type ErrorBody } from './domain-fixtures';

describe('Delegation writes with a client request id: a retry is answered once', () => {
  let sut: TestApp;
  let c: Collective;
  let db: Client;

  beforeAll(async () => {
    sut = await startTestApp();
    c = await createCollective(
      sut.baseUrl,
      ['ana', 'bea', 'cid'].map((name) => ({ name, roles: 'member' })),
    );
    db = new Client({ connectionString: sut.db.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await sut?.close();
  });

  const events = async (type: string): Promise<number> => {
    const result = await db.query<{ n: string }>(
      'select count(*) as n from record_event where collective_id = $1 and type = $2',
      [c.id, type],
    );
    return Number(result.rows[0].n);
  };
  const path = () => `/api/collectives/${c.id}/delegations`;

  it('answers retries of a PUT with the first answer and writes one record event', async () => {
    const before = await events('delegation.set');
    const body = { scope: 'global', trustees: [c.ids.bea], requestId: requestId('deleg') };
    const first = await c.users.ana.call<{ updatedAt: string; trustees: string[] }>('PUT', path(), body);
    expect(first.status).toBe(200);
    // retries, some at the same time, after the first went through
    const retries = await Promise.all(Array.from({ length: 5 }, () => c.users.ana.call('PUT', path(), body)));
    expect(retries.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    retries.forEach((retry) => expect(retry.body).toEqual(first.body));
    expect(await events('delegation.set')).toBe(before + 1);

    // retries racing with each other from the start, with a fresh id
    const racing = { ...body, trustees: [c.ids.cid], requestId: requestId('race') };
    const raced = await Promise.all(Array.from({ length: 5 }, () => c.users.ana.call('PUT', path(), racing)));
    expect(raced.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(raced.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await events('delegation.set')).toBe(before + 2);
  });

  it('refuses the same request id for another delegation, naming the field', async () => {
    const id = requestId('reuse');
    expect(
      (await c.users.bea.call('PUT', path(), { scope: 'global', trustees: [c.ids.ana], requestId: id }))
        .status,
    ).toBe(200);
    const reused = await c.users.bea.call<ErrorBody>(
      'PUT',
      path(),
      { scope: 'global', trustees: [c.ids.cid], requestId: id },
      { 'accept-language': 'en' },
    );
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ code: 'delegation.request_id_reused', field: 'requestId' });
    const bad = await c.users.bea.call<ErrorBody>('PUT', path(), {
      scope: 'global',
      trustees: [],
      requestId: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]).toMatchObject({ field: 'requestId', rule: 'too_small' });
  });

  it('answers a retried revocation 204 again, with one record event', async () => {
    await c.users.cid.call('PUT', path(), { scope: 'global', trustees: [c.ids.ana] });
    const before = await events('delegation.revoked');
    const id = requestId('revoke');
    const first = await c.users.cid.call('DELETE', `${path()}?scope=global&requestId=${id}`);
    const again = await c.users.cid.call('DELETE', `${path()}?scope=global&requestId=${id}`);
    expect([first.status, again.status]).toEqual([204, 204]);
    expect(await events('delegation.revoked')).toBe(before + 1);
    const without = await c.users.cid.call<ErrorBody>('DELETE', `${path()}?scope=global`);
    expect(without.status).toBe(404);
  });
});
