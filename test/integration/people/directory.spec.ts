import { registerUser, request } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createCollective, importCsv, type Collective, type ErrorBody } from '../domain/domain-fixtures';

interface Entry {
  id: string;
  displayName: string;
  email: string;
  roles: string[];
  active: boolean;
  votingRights: boolean;
  joined: boolean;
}

interface Page<T> {
  items: T[];
  total: number;
  page: number;
  size: number;
}

interface RecordEvents {
  events: { type: string; payload: Record<string, unknown> }[];
}

describe('Member directory for organisers; my collectives; a collective by its slug', () => {
  let sut: TestApp;
  let c: Collective;

  beforeAll(async () => {
    sut = await startTestApp();
    c = await createCollective(sut.baseUrl, [
      { name: 'Ana', roles: 'member' },
      { name: 'Ben', roles: 'member|deputy', votingRights: false },
    ]);
    // 45 imported people who have no account (not joined), named so that the order is known
    const rows = Array.from(
      { length: 45 },
      (_, i) => `p${String(i).padStart(2, '0')}@example.org,Person ${String(i).padStart(2, '0')},member`,
    );
    const { progress } = await importCsv(c.admin, c.id, ['email,display_name,roles', ...rows].join('\n'));
    expect(progress.status).toBe('done');
  });

  afterAll(async () => {
    await sut?.close();
  });

  const list = (query: string, who = c.admin) =>
    who.call<Page<Entry>>('GET', `/api/collectives/${c.id}/members?${query}`);

  it('pages through every member with a total, never more than the bounded size', async () => {
    const first = await list('size=20');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(48); // creator, Ana, Ben and 45 imported
    expect(first.body.items).toHaveLength(20);
    const seen = new Set<string>();
    for (let page = 1; page <= 3; page += 1) {
      const answer = await list(`size=20&page=${page}`);
      answer.body.items.forEach((item) => seen.add(item.id));
    }
    expect(seen.size).toBe(48);
    const tooBig = await c.admin.call<ErrorBody>(
      'GET',
      `/api/collectives/${c.id}/members?size=1000`,
      undefined,
      {
        'accept-language': 'en',
      },
    );
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.errors?.[0]).toMatchObject({ field: 'size', rule: 'too_big' });
    expect(tooBig.body.errors?.[0].message).toMatch(/100/);
  });

  it('searches names and addresses, and filters by role, voting rights and joined', async () => {
    const byName = await list('search=person%2004');
    expect(byName.body.items.map((m) => m.displayName)).toEqual(['Person 04']);
    const byEmail = await list('search=p17%40example');
    expect(byEmail.body.items.map((m) => m.email)).toEqual(['p17@example.org']);
    const deputies = await list('role=deputy');
    expect(deputies.body.items.map((m) => m.displayName)).toEqual(['Ben']);
    const noVote = await list('votingRights=false');
    expect(noVote.body.items.map((m) => m.displayName)).toEqual(['Ben']);
    const joined = await list('joined=true&size=100');
    expect(joined.body.total).toBe(3);
    expect(joined.body.items.every((m) => m.joined)).toBe(true);
    const notJoined = await list('joined=false&size=100');
    expect(notJoined.body.total).toBe(45);
    const bad = await c.admin.call<ErrorBody>('GET', `/api/collectives/${c.id}/members?role=king`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0].field).toBe('role');
  });

  it('shows members only names of active members, and refuses them the organisers’ filters', async () => {
    const page = await c.users.Ana.call<Page<Record<string, unknown>>>(
      'GET',
      `/api/collectives/${c.id}/members?search=Ben`,
    );
    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([{ id: c.ids.Ben, displayName: 'Ben' }]);
    const byEmail = await c.users.Ana.call<Page<unknown>>(
      'GET',
      `/api/collectives/${c.id}/members?search=p17%40`,
    );
    expect(byEmail.body.total).toBe(0);
    const filtered = await c.users.Ana.call<ErrorBody>(
      'GET',
      `/api/collectives/${c.id}/members?joined=false`,
    );
    expect(filtered.status).toBe(403);
    expect(filtered.body).toMatchObject({ code: 'access.forbidden', field: 'joined' });
  });

  it('records role changes and deactivation as proofs, never with an address', async () => {
    const promoted = await c.admin.call(
      'PUT',
      `/api/collectives/${c.id}/members/${c.ids.Ana}/roles/organiser`,
    );
    expect(promoted.status).toBe(200);
    expect(
      (await c.admin.call('PATCH', `/api/collectives/${c.id}/members/${c.ids.Ben}`, { active: false }))
        .status,
    ).toBe(204);
    const inactive = await list('active=false');
    expect(inactive.body.items.map((m) => m.displayName)).toEqual(['Ben']);
    expect(
      (await c.admin.call('PATCH', `/api/collectives/${c.id}/members/${c.ids.Ben}`, { active: true })).status,
    ).toBe(204);
    let record: RecordEvents | undefined;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      record = (await c.admin.call<RecordEvents>('GET', `/api/collectives/${c.id}/record`)).body;
      if (record.events?.some((e) => e.type === 'member.reactivated')) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const types = record!.events.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['role.granted', 'member.deactivated', 'member.reactivated']),
    );
    const text = JSON.stringify(record);
    expect(text).not.toContain('@example.org');
    expect(text).not.toContain(c.users.Ben.email);
  });

  it('lists my collectives with my roles, and opens a collective by its slug', async () => {
    const other = await createCollective(sut.baseUrl, [], {}, c.users.Ana);
    const mine = await c.users.Ana.call<{ id: string; slug: string; roles: string[] }[]>(
      'GET',
      '/api/me/collectives',
    );
    expect(mine.status).toBe(200);
    expect(mine.body.map((x) => x.id).sort()).toEqual([c.id, other.id].sort());
    expect(mine.body.find((x) => x.id === other.id)?.roles).toEqual(expect.arrayContaining(['organiser']));
    const stranger = await registerUser(sut.baseUrl, 'stranger');
    expect((await stranger.call<unknown[]>('GET', '/api/me/collectives')).body).toEqual([]);

    const slug = mine.body.find((x) => x.id === c.id)!.slug;
    const bySlug = await c.users.Ana.call<{ id: string; me: { memberId: string } | null }>(
      'GET',
      `/api/collectives/${slug}`,
    );
    expect(bySlug.status).toBe(200);
    expect(bySlug.body).toMatchObject({ id: c.id, me: { memberId: c.ids.Ana } });
    const unknown = await request<ErrorBody>(sut.baseUrl, 'GET', '/api/collectives/no-such-collective');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('access.collective_not_found');
    const bad = await request<ErrorBody>(sut.baseUrl, 'GET', '/api/collectives/Not%20A%20Slug!');
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0].field).toBe('collectiveId');
  });
});
