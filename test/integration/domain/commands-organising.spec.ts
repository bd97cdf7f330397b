import { randomUUID } from 'node:crypto';
import { registerUser, type ApiUser } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import {
  createBallot,
  createCollective,
  importCsv,
  requestId,
  uniqueSlug,
  type Collective,
  type ErrorBody,
  type Totals,
} from './domain-fixtures';

const en = { 'accept-language': 'en' };

describe('Organising commands through the API: collectives, topics, members, bills, ballots', () => {
  let sut: TestApp;
  let c: Collective;
  let admin: ApiUser;

  beforeAll(async () => {
    sut = await startTestApp();
    c = await createCollective(
      sut.baseUrl,
      [
        { name: 'ann', roles: 'member' },
        { name: 'ben', roles: 'member' },
        { name: 'cat', roles: 'member' },
        { name: 'dan', roles: 'member' },
      ],
      { public: true, visibility: 'live' },
    );
    admin = c.admin;
  });

  afterAll(async () => {
    await sut?.close();
  });

  describe('collectives and topics', () => {
    it('refuses a slug already taken with a 409 naming slug', async () => {
      const slug = uniqueSlug('taken');
      expect((await admin.call('POST', '/api/collectives', { name: 'Un', slug })).status).toBe(201);
      const again = await admin.call<ErrorBody>('POST', '/api/collectives', { name: 'Deux', slug }, en);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'collective.slug_taken', field: 'slug' });
      expect(again.body.message).toContain(slug);
    });

    it('updates settings, and refuses a bad value with a 400 naming the field in English', async () => {
      const ok = await admin.call<{ deputies: number; timezone: string }>(
        'PATCH',
        `/api/collectives/${c.id}/settings`,
        { deputies: 7, timezone: 'Europe/Paris' },
      );
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ deputies: 7, timezone: 'Europe/Paris', public: true });
      const bad = await admin.call<ErrorBody>(
        'PATCH',
        `/api/collectives/${c.id}/settings`,
        { deputies: 0 },
        en,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toHaveLength(1);
      expect(bad.body.errors![0].field).toBe('deputies');
      expect(bad.body.errors![0].message).toBe('Must be at least 1.');
      expect(bad.body.message).toMatch(/request is invalid/i);
      const unknownVisibility = await admin.call<ErrorBody>(
        'PATCH',
        `/api/collectives/${c.id}/settings`,
        { visibility: 'sometimes' },
        en,
      );
      expect(unknownVisibility.body.errors![0].field).toBe('visibility');
    });

    it('creates a topic and refuses the same slug twice with a 409', async () => {
      const slug = uniqueSlug('climat');
      const first = await admin.call<{ id: string }>('POST', `/api/collectives/${c.id}/topics`, {
        slug,
        name: 'Climat',
      });
      expect(first.status).toBe(201);
      const collective = await admin.call<{ topics: { id: string; slug: string }[] }>(
        'GET',
        `/api/collectives/${c.id}`,
      );
      expect(collective.body.topics).toContainEqual(expect.objectContaining({ id: first.body.id, slug }));
      const again = await admin.call<ErrorBody>('POST', `/api/collectives/${c.id}/topics`, {
        slug,
        name: 'X',
      });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'topic.exists', field: 'slug' });
    });
  });

  describe('members', () => {
    it('imports good rows, reports bad ones by line and field, and updates on re-import', async () => {
      const collective = await createCollective(sut.baseUrl, []);
      const csv = [
        'email,display_name,roles,weight',
        'eve@example.org,Eve,member,1',
        'not-an-email,Bad,member,1',
        'fay@example.org,Fay,member|king,1',
        'EVE@example.org,Eve again,member,1',
        'gus@example.org,Gus,member|deputy,2',
      ].join('\n');
      const { started, progress } = await importCsv(collective.admin, collective.id, csv);
      expect(started.total).toBe(5);
      const byLine = (rows: { line: number; problems: { field: string; rule: string }[] }[]) =>
        rows.map((r) => [r.line, r.problems.map((p) => p.field)]);
      expect(byLine(started.rejected as never)).toEqual([
        [3, ['email']],
        [4, ['roles[1]']],
        [5, ['email']],
      ]);
      expect(progress).toMatchObject({ status: 'done', total: 5, processed: 5, created: 2, updated: 0 });
      expect(progress.errors.map((e) => e.line)).toEqual([3, 4, 5]);
      expect(progress.errors[2].problems[0].rule).toBe('duplicate');

      const search = async () =>
        (
          await collective.admin.call<{ items: { displayName: string }[] }>(
            'GET',
            `/api/collectives/${collective.id}/members?search=`,
          )
        ).body.items.map((m) => m.displayName);
      expect(await search()).toEqual(expect.arrayContaining(['Eve', 'Gus']));
      expect(await search()).toHaveLength(3); // with the creator

      const again = await importCsv(
        collective.admin,
        collective.id,
        'email,display_name,roles\neve@example.org,Eve Renamed,member',
      );
      expect(again.progress).toMatchObject({
        status: 'done',
        total: 1,
        processed: 1,
        created: 0,
        updated: 1,
      });
      const names = await search();
      expect(names).toHaveLength(3);
      expect(names).toContain('Eve Renamed');
      expect(names).not.toContain('Eve');
    });

    it('refuses an empty CSV and a non-CSV body', async () => {
      const empty = await admin.call<ErrorBody>('POST', `/api/collectives/${c.id}/members/import`, 'email\n');
      expect(empty.status).toBe(400);
      expect(empty.body.code).toBe('member.import_empty');
      const json = await admin.call<ErrorBody>('POST', `/api/collectives/${c.id}/members/import`, { a: 1 });
      expect(json.status).toBe(400);
    });

    it('grants and revokes roles, and never removes the last organiser', async () => {
      const granted = await admin.call<{ roles: string[] }>(
        'PUT',
        `/api/collectives/${c.id}/members/${c.ids.dan}/roles/deputy`,
      );
      expect(granted.status).toBe(200);
      expect(granted.body.roles.sort()).toEqual(['deputy', 'member']);
      const revoked = await admin.call<{ roles: string[] }>(
        'DELETE',
        `/api/collectives/${c.id}/members/${c.ids.dan}/roles/deputy`,
      );
      expect(revoked.body.roles).toEqual(['member']);
      const last = await admin.call<ErrorBody>(
        'DELETE',
        `/api/collectives/${c.id}/members/${c.adminId}/roles/organiser`,
        undefined,
        en,
      );
      expect(last.status).toBe(409);
      expect(last.body.code).toBe('member.last_organiser');
      expect(last.body.message).toMatch(/at least one organiser/);
      const unknownRole = await admin.call<ErrorBody>(
        'PUT',
        `/api/collectives/${c.id}/members/${c.ids.dan}/roles/king`,
      );
      expect(unknownRole.status).toBe(400);
      const unknownMember = await admin.call<ErrorBody>(
        'PUT',
        `/api/collectives/${c.id}/members/${randomUUID()}/roles/deputy`,
      );
      expect(unknownMember.status).toBe(404);
      expect(unknownMember.body.code).toBe('member.not_found');
    });

    it('updates weight, activity and voting rights, and the vote path follows them', async () => {
      const collective = await createCollective(sut.baseUrl, [
        { name: 'hal', roles: 'member' },
        { name: 'ida', roles: 'member' },
        { name: 'jon', roles: 'member' },
      ]);
      const { ballotId } = await createBallot(collective.admin, collective.id, { visibility: 'live' });
      const patch = (who: string, body: unknown) =>
        collective.admin.call(
          'PATCH',
          `/api/collectives/${collective.id}/members/${collective.ids[who]}`,
          body,
        );
      expect((await patch('hal', { weight: 3 })).status).toBe(204);
      expect((await patch('ida', { votingRights: false })).status).toBe(204);
      expect((await patch('jon', { active: false })).status).toBe(204);

      const hal = await collective.users.hal.call('PUT', `/api/ballots/${ballotId}/vote`, {
        choice: 'yes',
        requestId: requestId('hal'),
      });
      expect(hal.status).toBe(200);
      const ida = await collective.users.ida.call<ErrorBody>('PUT', `/api/ballots/${ballotId}/vote`, {
        choice: 'yes',
        requestId: requestId('ida'),
      });
      expect(ida.status).toBe(403);
      expect(ida.body.code).toBe('vote.no_voting_rights');
      const jon = await collective.users.jon.call<ErrorBody>('PUT', `/api/ballots/${ballotId}/vote`, {
        choice: 'yes',
        requestId: requestId('jon'),
      });
      expect(jon.status).toBe(403);
      const ballot = await collective.admin.call<{ tally: { totals: Totals } }>(
        'GET',
        `/api/ballots/${ballotId}`,
      );
      // hal weighs 3; the creator (1) is absent; ida has no voting rights; jon is inactive
      expect(ballot.body.tally.totals).toMatchObject({ yes: 3, no: 0, abstain: 0 });
      expect(ballot.body.tally.totals.absent).toBe(1);

      const bad = await patch('hal', { weight: -1 });
      expect(bad.status).toBe(400);
    });
  });

  describe('bills and ballots', () => {
    it('refuses a bill on an unknown topic with a 404', async () => {
      const response = await admin.call<ErrorBody>('POST', `/api/collectives/${c.id}/bills`, {
        title: 'Loi',
        topicId: randomUUID(),
        articles: [{ text: 'Texte.' }],
      });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'topic.not_found', field: 'topicId' });
    });

    it('refuses a ballot closing before it opens, naming closesAt', async () => {
      const { billId } = await createBallot(admin, c.id, { open: false });
      const now = Date.now();
      const response = await admin.call<ErrorBody>(
        'POST',
        `/api/collectives/${c.id}/ballots`,
        {
          billId,
          opensAt: new Date(now + 60_000).toISOString(),
          closesAt: new Date(now).toISOString(),
        },
        en,
      );
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'closesAt' })]);
      expect(response.body.errors![0].message).toMatch(/after opensAt/);
    });

    it('opens a draft ballot once; opening it again is a 409', async () => {
      const { ballotId } = await createBallot(admin, c.id, { open: false });
      const draft = await admin.call<{ status: string }>('GET', `/api/ballots/${ballotId}`);
      expect(draft.body.status).toBe('draft');
      expect((await admin.call('POST', `/api/ballots/${ballotId}/open`)).status).toBe(204);
      const again = await admin.call<ErrorBody>('POST', `/api/ballots/${ballotId}/open`);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ballot.wrong_status');
    });
  });

  it('registers unrelated accounts without giving them a membership', async () => {
    const stranger = await registerUser(sut.baseUrl, 'stranger');
    const view = await stranger.call<{ me: unknown }>('GET', `/api/collectives/${c.id}`);
    expect(view.body.me).toBeNull();
  });
});
