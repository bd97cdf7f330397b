import { request } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import {
  createRegionalCollective,
  enablePetitions,
  openPetition,
  smallSettings,
  sql,
  waitFor,
  type ErrorBody,
  type PetitionBody,
  type RegionalCollective,
} from './petitions-fixtures';

describe('petitions: sponsors, moderation, deliberation, signatures, window, answer', () => {
  let sut: TestApp;
  let c: RegionalCollective;

  beforeAll(async () => {
    sut = await startTestApp();
    c = await createRegionalCollective(sut.baseUrl, [
      { name: 'author', region: 'N' },
      { name: 's1', region: 'N' },
      { name: 's2', region: 'S' },
      { name: 's3' },
      { name: 'obs', roles: 'observer' },
    ]);
  });

  afterAll(async () => {
    await sut?.close();
  });

  const get = (petitionId: string) =>
    c.users.author.call<PetitionBody>('GET', `/api/petitions/${petitionId}`);

  it('needs N sponsors (not the author, once each) before moderation', async () => {
    await enablePetitions(c.admin, c.id, {
      settings: { phases: { sponsorship: { sponsorsRequired: 2 }, collection: { window: { days: 30 } } } },
    });
    const drafted = await c.users.author.call<{ id: string; status: string }>(
      'POST',
      `/api/collectives/${c.id}/petitions`,
      {
        title: 'Plus de bancs publics',
        text: 'Des bancs dans chaque parc.',
        addressee: 'Mairie',
      },
    );
    expect(drafted.body.status).toBe('draft');
    const id = drafted.body.id;
    const early = await c.users.author.call<ErrorBody>('POST', `/api/petitions/${id}/submit`);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'petitions.sponsors_missing' });
    expect(early.body.message).toContain('0 parrain(s) sur les 2 requis');
    const own = await c.users.author.call<ErrorBody>('POST', `/api/petitions/${id}/sponsors`);
    expect(own.body.code).toBe('petitions.own_petition');
    expect((await c.users.s1.call('POST', `/api/petitions/${id}/sponsors`)).body).toEqual({
      sponsors: 1,
      status: 'draft',
    });
    const twice = await c.users.s1.call<ErrorBody>('POST', `/api/petitions/${id}/sponsors`);
    expect(twice.body.code).toBe('petitions.already_sponsored');
    const observer = await c.users.obs.call<ErrorBody>('POST', `/api/petitions/${id}/sponsors`);
    expect(observer.status).toBe(403);
    expect((await c.users.s2.call('POST', `/api/petitions/${id}/sponsors`)).body).toEqual({
      sponsors: 2,
      status: 'sponsored',
    });
    const notAuthor = await c.users.s1.call<ErrorBody>('POST', `/api/petitions/${id}/submit`);
    expect(notAuthor.status).toBe(403);
    expect((await c.users.author.call('POST', `/api/petitions/${id}/submit`)).body).toEqual({
      status: 'pending',
    });
    const signEarly = await c.users.s1.call<ErrorBody>('PUT', `/api/petitions/${id}/signature`);
    expect(signEarly.body.code).toBe('petitions.wrong_status');
    expect((await get(id)).body).toMatchObject({ status: 'pending', sponsors: 2, me: { isAuthor: true } });
  });

  it('moderation: only organisers; rejection needs a reason code and shows it', async () => {
    await enablePetitions(c.admin, c.id, { settings: smallSettings([]) });
    const drafted = await c.users.author.call<{ id: string }>('POST', `/api/collectives/${c.id}/petitions`, {
      title: 'Une pétition en double',
      text: 'Texte',
      addressee: 'Mairie',
    });
    const id = drafted.body.id;
    expect((await c.users.author.call('POST', `/api/petitions/${id}/submit`)).body).toEqual({
      status: 'pending',
    });
    const byMember = await c.users.s1.call<ErrorBody>('POST', `/api/petitions/${id}/moderation`, {
      decision: 'approve',
    });
    expect(byMember.status).toBe(403);
    const noReason = await c.admin.call<ErrorBody>('POST', `/api/petitions/${id}/moderation`, {
      decision: 'reject',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reasonCode', rule: 'custom' })]);
    const badReason = await c.admin.call<ErrorBody>('POST', `/api/petitions/${id}/moderation`, {
      decision: 'reject',
      reasonCode: 'boring',
    });
    expect(badReason.body.errors?.[0]).toMatchObject({ field: 'reasonCode', rule: 'invalid_value' });
    const rejected = await c.admin.call('POST', `/api/petitions/${id}/moderation`, {
      decision: 'reject',
      reasonCode: 'duplicate',
      note: 'Voir la pétition sur les bancs',
    });
    expect(rejected.body).toEqual({ status: 'rejected' });
    expect((await get(id)).body.rejection).toEqual({
      reasonCode: 'duplicate',
      note: 'Voir la pétition sur les bancs',
    });
    const again = await c.admin.call<ErrorBody>('POST', `/api/petitions/${id}/moderation`, {
      decision: 'approve',
    });
    expect(again.body.code).toBe('petitions.wrong_status');
  });

  it('deliberation before signatures: comments and for/against arguments, then signatures open', async () => {
    await enablePetitions(c.admin, c.id, {
      settings: smallSettings([], { deliberation: { enabled: true, durationDays: 7, arguments: true } }),
    });
    const id = await openPetition(c.users.author, c.admin, c.id);
    expect((await get(id)).body.status).toBe('deliberation');
    const sign = await c.users.s1.call<ErrorBody>('PUT', `/api/petitions/${id}/signature`);
    expect(sign.body.code).toBe('petitions.wrong_status');
    expect(
      (await c.users.s1.call('POST', `/api/petitions/${id}/comments`, { stance: 'for', text: 'Oui !' }))
        .status,
    ).toBe(201);
    expect(
      (await c.users.s2.call('POST', `/api/petitions/${id}/comments`, { stance: 'against', text: 'Coûteux' }))
        .status,
    ).toBe(201);
    expect(
      (await c.users.s3.call('POST', `/api/petitions/${id}/comments`, { text: 'Une question' })).status,
    ).toBe(201);
    const comments = await request<{ stance: string; author: { displayName: string } }[]>(
      sut.baseUrl,
      'GET',
      `/api/petitions/${id}/comments`,
    );
    expect(comments.body.map((comment) => [comment.stance, comment.author.displayName])).toEqual([
      ['for', 's1'],
      ['against', 's2'],
      ['comment', 's3'],
    ]);
    expect((await c.users.s1.call<ErrorBody>('POST', `/api/petitions/${id}/open`)).status).toBe(403);
    expect((await c.admin.call('POST', `/api/petitions/${id}/open`)).body).toEqual({ status: 'open' });
    const late = await c.users.s1.call<ErrorBody>('POST', `/api/petitions/${id}/comments`, {
      text: 'Trop tard',
    });
    expect(late.body.code).toBe('petitions.wrong_status');
    expect((await c.users.s1.call('PUT', `/api/petitions/${id}/signature`)).status).toBe(200);
  });

  it('arguments can be turned off: comments only', async () => {
    await enablePetitions(c.admin, c.id, {
      settings: smallSettings([], { deliberation: { enabled: true, arguments: false } }),
    });
    const id = await openPetition(c.users.author, c.admin, c.id);
    const argument = await c.users.s1.call<ErrorBody>('POST', `/api/petitions/${id}/comments`, {
      stance: 'for',
      text: 'Oui',
    });
    expect(argument.body).toMatchObject({ code: 'petitions.arguments_disabled', field: 'stance' });
  });

  it('the deliberation ends by itself when its time comes', async () => {
    await enablePetitions(c.admin, c.id, {
      settings: smallSettings([], { deliberation: { enabled: true } }),
    });
    const id = await openPetition(c.users.author, c.admin, c.id);
    await sql(
      sut.db.url,
      `update petition set deliberation_ends_at = now() - interval '1 second' where id = $1`,
      [id],
    );
    await waitFor(async () => (await get(id)).body.status === 'open');
  });

  it('one signature per member, withdrawable and renewable until close; regions counted', async () => {
    await enablePetitions(c.admin, c.id, { settings: smallSettings([]) });
    const id = await openPetition(c.users.author, c.admin, c.id);
    const signed = await c.users.s1.call<{ signatures: number; proof: string }>(
      'PUT',
      `/api/petitions/${id}/signature`,
    );
    expect(signed.body).toEqual({ signatures: 1, proof: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const twice = await c.users.s1.call<ErrorBody>('PUT', `/api/petitions/${id}/signature`);
    expect({ status: twice.status, code: twice.body.code }).toEqual({
      status: 409,
      code: 'petitions.already_signed',
    });
    await c.users.s2.call('PUT', `/api/petitions/${id}/signature`);
    await c.users.s3.call('PUT', `/api/petitions/${id}/signature`);
    expect((await get(id)).body).toMatchObject({ signatures: 3, regions: { N: 1, S: 1 } });
    expect((await c.users.s2.call('DELETE', `/api/petitions/${id}/signature`)).body).toEqual({
      signatures: 2,
    });
    const notSigned = await c.users.s2.call<ErrorBody>('DELETE', `/api/petitions/${id}/signature`);
    expect(notSigned.body.code).toBe('petitions.not_signed');
    expect((await get(id)).body.regions).toEqual({ N: 1 });
    expect((await c.users.s2.call('PUT', `/api/petitions/${id}/signature`)).body).toMatchObject({
      signatures: 3,
    });
    const s2view = await c.users.s2.call<PetitionBody>('GET', `/api/petitions/${id}`);
    expect(s2view.body.me).toEqual({ isAuthor: false, sponsored: false, signed: true });
    const observer = await c.users.obs.call<ErrorBody>('PUT', `/api/petitions/${id}/signature`);
    expect(observer.status).toBe(403);
  });

  it('the collection window: signing and withdrawing end at close, the scheduler closes', async () => {
    await enablePetitions(c.admin, c.id, { settings: smallSettings([]) });
    const id = await openPetition(c.users.author, c.admin, c.id);
    const opened = await get(id);
    const closesIn = new Date(opened.body.closesAt!).getTime() - Date.now();
    expect(closesIn).toBeGreaterThan(29 * 86_400_000);
    expect(closesIn).toBeLessThanOrEqual(30 * 86_400_000);
    await c.users.s1.call('PUT', `/api/petitions/${id}/signature`);
    await sql(sut.db.url, `update petition set closes_at = now() - interval '1 second' where id = $1`, [id]);
    const late = await c.users.s2.call<ErrorBody>('PUT', `/api/petitions/${id}/signature`);
    expect(late.status).toBe(409);
    expect(['petitions.window_closed', 'petitions.wrong_status']).toContain(late.body.code);
    const withdraw = await c.users.s1.call<ErrorBody>('DELETE', `/api/petitions/${id}/signature`);
    expect(withdraw.status).toBe(409);
    await waitFor(async () => (await get(id)).body.status === 'closed');
    expect((await get(id)).body.signatures).toBe(1);
  });

  it('official answer: deadline from the response threshold, tracked, shown on time or late', async () => {
    await enablePetitions(c.admin, c.id, {
      settings: smallSettings([
        { id: 'response', signatures: 2, effect: 'response-required', responseDeadlineDays: 10 },
      ]),
    });
    const id = await openPetition(c.users.author, c.admin, c.id);
    expect((await get(id)).body.answer).toMatchObject({ dueAt: null, overdue: false });
    await c.users.s1.call('PUT', `/api/petitions/${id}/signature`);
    await c.users.s2.call('PUT', `/api/petitions/${id}/signature`);
    const reached = await get(id);
    const due = new Date(reached.body.answer.dueAt!).getTime();
    expect(due - new Date(reached.body.thresholds[0].reachedAt!).getTime()).toBe(10 * 86_400_000);
    expect(reached.body.thresholds[0].responseDueAt).toBe(reached.body.answer.dueAt);
    await sql(sut.db.url, `update petition set answer_due_at = now() - interval '1 hour' where id = $1`, [
      id,
    ]);
    expect((await get(id)).body.answer.overdue).toBe(true);
    const byMember = await c.users.s1.call('POST', `/api/petitions/${id}/answer`, { text: 'Non', by: 'Moi' });
    expect(byMember.status).toBe(403);
    const answered = await c.admin.call('POST', `/api/petitions/${id}/answer`, {
      text: 'Nous étudierons la demande.',
      by: 'Conseil municipal',
    });
    expect(answered.body).toEqual({ status: 'open', onTime: false });
    expect((await get(id)).body.answer).toMatchObject({
      text: 'Nous étudierons la demande.',
      by: 'Conseil municipal',
      overdue: false,
      onTime: false,
    });
    await sql(sut.db.url, `update petition set closes_at = now() - interval '1 second' where id = $1`, [id]);
    await waitFor(async () => (await get(id)).body.status === 'answered');
  });
});
