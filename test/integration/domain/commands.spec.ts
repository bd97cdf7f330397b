import { randomUUID } from 'node:crypto';
import { registerUser, type ApiUser } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import {
  createBallot,
  createCollective,
  importCsv,
  requestId,
  uniqueSlug,
  waitFor,
  type Collective,
  type ErrorBody,
  type Totals,
} from './domain-fixtures';

const en = { 'accept-language': 'en' };

describe('Every command of the voting domain through the API', () => {
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

  const totalsOf = async (ballotId: string) =>
    (await admin.call<{ tally: { totals: Totals } }>('GET', `/api/ballots/${ballotId}`)).body.tally.totals;

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
      expect(bad.body.errors![0].message).toMatch(/too small/i);
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
          await collective.admin.call<{ displayName: string }[]>(
            'GET',
            `/api/collectives/${collective.id}/members?search=`,
          )
        ).body.map((m) => m.displayName);
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

  describe('votes', () => {
    it('casts, changes and withdraws a vote; withdrawing with no vote is a 404', async () => {
      const { ballotId } = await createBallot(admin, c.id, { visibility: 'live' });
      const ann = c.users.ann;
      const cast = await ann.call<{ choice: string; replayed: boolean }>(
        'PUT',
        `/api/ballots/${ballotId}/vote`,
        {
          choice: 'yes',
          requestId: requestId('ann'),
        },
      );
      expect(cast.body).toMatchObject({ choice: 'yes', replayed: false });
      expect(await totalsOf(ballotId)).toMatchObject({ yes: 1, no: 0 });
      const changed = await ann.call('PUT', `/api/ballots/${ballotId}/vote`, {
        choice: 'no',
        requestId: requestId('ann'),
      });
      expect(changed.status).toBe(200);
      expect(
        (await ann.call<{ vote: { choice: string } }>('GET', `/api/ballots/${ballotId}/vote`)).body.vote
          .choice,
      ).toBe('no');
      expect(await totalsOf(ballotId)).toMatchObject({ yes: 0, no: 1 });
      expect((await ann.call('DELETE', `/api/ballots/${ballotId}/vote`)).status).toBe(204);
      expect(
        (await ann.call<{ vote: unknown }>('GET', `/api/ballots/${ballotId}/vote`)).body.vote,
      ).toBeNull();
      expect(await totalsOf(ballotId)).toMatchObject({ yes: 0, no: 0, absent: 5 });
      const none = await ann.call<ErrorBody>('DELETE', `/api/ballots/${ballotId}/vote`);
      expect(none.status).toBe(404);
      expect(none.body.code).toBe('vote.none');
    });

    it('refuses a vote before the window opens with ballot.outside_window', async () => {
      const now = Date.now();
      const { ballotId } = await createBallot(admin, c.id, {
        opensAt: new Date(now + 3_600_000),
        closesAt: new Date(now + 7_200_000),
      });
      const response = await c.users.ben.call<ErrorBody>('PUT', `/api/ballots/${ballotId}/vote`, {
        choice: 'yes',
        requestId: requestId('ben'),
      });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('ballot.outside_window');
    });

    it('refuses the same request id reused on another ballot', async () => {
      const first = await createBallot(admin, c.id);
      const second = await createBallot(admin, c.id);
      const id = requestId('cat');
      expect(
        (
          await c.users.cat.call('PUT', `/api/ballots/${first.ballotId}/vote`, {
            choice: 'yes',
            requestId: id,
          })
        ).status,
      ).toBe(200);
      const reused = await c.users.cat.call<ErrorBody>('PUT', `/api/ballots/${second.ballotId}/vote`, {
        choice: 'yes',
        requestId: id,
      });
      expect(reused.status).toBe(409);
      expect(reused.body.code).toBe('vote.request_id_reused');
    });
  });

  describe('delegations', () => {
    it('sets, replaces and revokes a delegation per scope; an empty trustee list means “none here”', async () => {
      const topic = await admin.call<{ id: string }>('POST', `/api/collectives/${c.id}/topics`, {
        slug: uniqueSlug('sante'),
        name: 'Santé',
      });
      const onTopic = await createBallot(admin, c.id, { topicId: topic.body.id, visibility: 'live' });
      const other = await createBallot(admin, c.id, { visibility: 'live' });
      const { ann, ben, cat } = c.users;
      const path = `/api/collectives/${c.id}/delegations`;
      const represented = async (ballotId: string) =>
        (
          await ann.call<{ status: string; voter?: { memberId: string } }>(
            'GET',
            `/api/ballots/${ballotId}/representation`,
          )
        ).body;
      await ben.call('PUT', `/api/ballots/${onTopic.ballotId}/vote`, {
        choice: 'yes',
        requestId: requestId(),
      });
      await ben.call('PUT', `/api/ballots/${other.ballotId}/vote`, { choice: 'yes', requestId: requestId() });
      await cat.call('PUT', `/api/ballots/${onTopic.ballotId}/vote`, {
        choice: 'no',
        requestId: requestId(),
      });
      await cat.call('PUT', `/api/ballots/${other.ballotId}/vote`, { choice: 'no', requestId: requestId() });

      const global = await ann.call<{ scope: string; trustees: string[] }>('PUT', path, {
        scope: 'global',
        trustees: [c.ids.ben],
      });
      expect(global.body).toMatchObject({ scope: 'global', trustees: [c.ids.ben] });
      expect(await represented(other.ballotId)).toMatchObject({
        status: 'represented',
        voter: { memberId: c.ids.ben },
      });

      // a topic delegation wins over the global one on the topic's bills
      await ann.call('PUT', path, { scope: 'topic', topicId: topic.body.id, trustees: [c.ids.cat] });
      expect(await represented(onTopic.ballotId)).toMatchObject({ voter: { memberId: c.ids.cat } });
      expect(await represented(other.ballotId)).toMatchObject({ voter: { memberId: c.ids.ben } });

      // replace the global one
      const replaced = await ann.call<{ trustees: string[] }>('PUT', path, {
        scope: 'global',
        trustees: [c.ids.cat, c.ids.ben],
      });
      expect(replaced.body.trustees).toEqual([c.ids.cat, c.ids.ben]);
      expect(await represented(other.ballotId)).toMatchObject({ voter: { memberId: c.ids.cat } });

      // “no delegation here” on one bill
      const none = await ann.call('PUT', path, { scope: 'bill', billId: other.billId, trustees: [] });
      expect(none.status).toBe(200);
      expect(await represented(other.ballotId)).toMatchObject({ status: 'absent' });
      const mine = await ann.call<{ scope: string }[]>('GET', `${path}/mine`);
      expect(mine.body.map((d) => d.scope).sort()).toEqual(['bill', 'global', 'topic']);

      // revoke the bill one: the global delegation applies again
      const revokeBill = await ann.call('DELETE', `${path}?scope=bill&billId=${other.billId}`);
      expect(revokeBill.status).toBe(204);
      expect(await represented(other.ballotId)).toMatchObject({ voter: { memberId: c.ids.cat } });
      expect((await ann.call('DELETE', `${path}?scope=topic&topicId=${topic.body.id}`)).status).toBe(204);
      expect((await ann.call('DELETE', `${path}?scope=global`)).status).toBe(204);
      expect(await represented(other.ballotId)).toMatchObject({ status: 'absent' });
      const gone = await ann.call<ErrorBody>('DELETE', `${path}?scope=global`);
      expect(gone.status).toBe(404);
      expect(gone.body.code).toBe('delegation.not_found');
      expect((await ann.call<unknown[]>('GET', `${path}/mine`)).body).toEqual([]);
    });

    it('refuses an expiry date in the past, and a topic scope without topicId', async () => {
      const path = `/api/collectives/${c.id}/delegations`;
      const past = await c.users.dan.call<ErrorBody>('PUT', path, {
        scope: 'global',
        trustees: [c.ids.ann],
        expiresAt: new Date(Date.now() - 60_000).toISOString(),
      });
      expect(past.status).toBe(400);
      expect(past.body).toMatchObject({ code: 'delegation.expiry_in_past', field: 'expiresAt' });
      const noTopic = await c.users.dan.call<ErrorBody>('PUT', path, {
        scope: 'topic',
        trustees: [c.ids.ann],
      });
      expect(noTopic.status).toBe(400);
      expect(noTopic.body.errors![0].field).toBe('topicId');
    });
  });

  describe('the scheduler', () => {
    it('closes a ballot at closesAt with its final result', async () => {
      const now = Date.now();
      const voter: ApiUser = c.users.dan;
      const { ballotId } = await createBallot(admin, c.id, {
        opensAt: new Date(now - 1000),
        closesAt: new Date(now + 1500),
        deputies: 4,
      });
      const vote = await voter.call('PUT', `/api/ballots/${ballotId}/vote`, {
        choice: 'yes',
        requestId: requestId(),
      });
      expect(vote.status).toBe(200);
      const early = await admin.call<ErrorBody>('GET', `/api/ballots/${ballotId}/result`);
      expect(early.status).toBe(409);
      let result: { result: { totals: Totals; seats: Record<string, number> }; closedAt: string } | undefined;
      await waitFor(async () => {
        const response = await admin.call<typeof result>('GET', `/api/ballots/${ballotId}/result`);
        result = response.body;
        return response.status === 200;
      }, 5000);
      expect(result!.result.totals).toMatchObject({ yes: 1, no: 0, abstain: 0 });
      expect(result!.result.seats.yes).toBe(4);
      expect(new Date(result!.closedAt).getTime()).toBe(new Date(now + 1500).getTime());
      const late = await voter.call<ErrorBody>('PUT', `/api/ballots/${ballotId}/vote`, {
        choice: 'no',
        requestId: requestId(),
      });
      expect(late.status).toBe(409);
    });
  });

  it('registers unrelated accounts without giving them a membership', async () => {
    const stranger = await registerUser(sut.baseUrl, 'stranger');
    const view = await stranger.call<{ me: unknown }>('GET', `/api/collectives/${c.id}`);
    expect(view.body.me).toBeNull();
  });
});
