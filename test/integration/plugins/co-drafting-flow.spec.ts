import { startTestApp, type TestApp } from '../../support/test-app';
import { createCollective, type Collective, type ErrorBody } from '../domain/domain-fixtures';
import { createBill, enablePlugin, latest } from './law-fixtures';

interface CoDraftingBody {
  phases: string[];
  current: string;
  permissions: Record<string, boolean>;
  contributions: { id: string; kind: string; supports: number; supportedByMe: boolean; articleId: string }[];
  syntheses: { id: string; contributionIds: string[]; versionNumber: number | null }[];
}

describe('co-drafting: phases, contributions per article, syntheses, new versions', () => {
  let sut: TestApp;
  let c: Collective;
  let billId: string;
  let art: string[];

  const state = async () =>
    (await c.users.m1.call<CoDraftingBody>('GET', `/api/bills/${billId}/co-drafting`)).body;
  const contribute = (who: string, body: Record<string, unknown>) =>
    c.users[who].call<{ id: string } & ErrorBody>(
      'POST',
      `/api/bills/${billId}/co-drafting/contributions`,
      body,
    );
  const move = (phase: string) => c.admin.call('POST', `/api/bills/${billId}/co-drafting/phase`, { phase });

  beforeAll(async () => {
    sut = await startTestApp();
    c = await createCollective(sut.baseUrl, [
      { name: 'm1', roles: 'member' },
      { name: 'm2', roles: 'member' },
      { name: 'obs', roles: 'observer' },
    ]);
    ({ billId, articleIds: art } = await createBill(c.admin, c.id));
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('needs the plugin enabled and the bill configured; defaults to the six phases', async () => {
    const disabled = await c.admin.call<ErrorBody>('PUT', `/api/bills/${billId}/co-drafting`, {});
    expect(disabled.body.code).toBe('plugin.disabled');
    await enablePlugin(c.admin, c.id, 'co-drafting');
    const before = await c.users.m1.call<ErrorBody>('GET', `/api/bills/${billId}/co-drafting`);
    expect(before.body.code).toBe('co-drafting.not_configured');
    const byMember = await c.users.m1.call('PUT', `/api/bills/${billId}/co-drafting`, {});
    expect(byMember.status).toBe(403);
    const configured = await c.admin.call('PUT', `/api/bills/${billId}/co-drafting`, {});
    expect(configured.body).toEqual({
      phases: ['presentation', 'consultation', 'synthesis', 'debate', 'bill', 'mobilisation'],
      current: 'presentation',
    });
  });

  it('lets members do only what the current phase allows', async () => {
    const early = await contribute('m1', { articleId: art[0], kind: 'comment', text: 'Bien.' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'co-drafting.not_in_phase' });
    expect(early.body.message).toContain('« presentation »');
    expect((await move('consultation')).status).toBe(200);
    const comment = await contribute('m1', { articleId: art[0], kind: 'comment', text: 'Bien.' });
    const against = await contribute('m2', {
      articleId: art[1],
      kind: 'argument-against',
      text: 'Trop vague.',
    });
    const proposal = await contribute('m2', {
      articleId: art[1],
      kind: 'proposal',
      text: 'Les pistes cyclables sont continues et séparées des voitures.',
    });
    expect([comment.status, against.status, proposal.status]).toEqual([201, 201, 201]);
    const observer = await contribute('obs', { articleId: art[0], kind: 'comment', text: 'Je regarde.' });
    expect(observer.status).toBe(403);
    const support = await c.users.m1.call(
      'PUT',
      `/api/co-drafting/contributions/${proposal.body.id}/support`,
    );
    expect(support.body).toEqual({ supports: 1 });
    const twice = await c.users.m1.call<ErrorBody>(
      'PUT',
      `/api/co-drafting/contributions/${proposal.body.id}/support`,
    );
    expect(twice.body.code).toBe('co-drafting.already_supported');
    const view = await state();
    expect(view.permissions).toMatchObject({
      comment: true,
      propose: true,
      synthesise: false,
      publish: false,
    });
    expect(view.contributions.find((x) => x.id === proposal.body.id)).toMatchObject({
      supports: 1,
      supportedByMe: true,
    });
    // debate: arguments yes, proposals no
    expect((await move('debate')).status).toBe(200);
    const lateProposal = await contribute('m1', { articleId: art[1], kind: 'proposal', text: 'Autre.' });
    expect(lateProposal.body.code).toBe('co-drafting.not_in_phase');
    expect((await contribute('m1', { articleId: art[1], kind: 'argument-for', text: 'Utile.' })).status).toBe(
      201,
    );
  });

  it('organisers synthesise per article and publish a new version that names the synthesis', async () => {
    const view = await state();
    const proposal = view.contributions.find((x) => x.kind === 'proposal')!;
    const wrongPhase = await c.admin.call<ErrorBody>('POST', `/api/bills/${billId}/co-drafting/syntheses`, {
      articleId: art[1],
      text: 'Synthèse.',
      contributionIds: [proposal.id],
    });
    expect(wrongPhase.body.code).toBe('co-drafting.not_in_phase');
    await move('synthesis');
    const badLink = await c.admin.call<ErrorBody>('POST', `/api/bills/${billId}/co-drafting/syntheses`, {
      articleId: art[0],
      text: 'Synthèse.',
      contributionIds: [proposal.id],
    });
    expect(badLink.body.code).toBe('co-drafting.bad_link');
    const synthesis = await c.admin.call<{ id: string }>(
      'POST',
      `/api/bills/${billId}/co-drafting/syntheses`,
      {
        articleId: art[1],
        text: 'Les contributions demandent des pistes séparées.',
        contributionIds: [proposal.id],
      },
    );
    expect(synthesis.status).toBe(201);
    const tooEarly = await c.admin.call<ErrorBody>('POST', `/api/bills/${billId}/co-drafting/versions`, {
      articles: [{ articleId: art[1], text: 'X.' }],
    });
    expect(tooEarly.body.code).toBe('co-drafting.not_in_phase');
    await move('bill');
    const published = await c.admin.call<{ number: number }>(
      'POST',
      `/api/bills/${billId}/co-drafting/versions`,
      {
        articles: [
          { articleId: art[1], text: 'Les pistes cyclables sont continues et séparées des voitures.' },
        ],
        synthesisIds: [synthesis.body.id],
      },
    );
    expect(published.body).toEqual({ number: 2 });
    const text = await latest(c.users.obs, billId);
    expect(text).toMatchObject({
      number: 2,
      reason: { kind: 'synthesis', ref: synthesis.body.id },
      authorId: c.adminId,
    });
    expect(text.articles.map((a) => a.id)).toEqual(art);
    expect((await state()).syntheses[0]).toMatchObject({ contributionIds: [proposal.id], versionNumber: 2 });
    const diff = await c.users.obs.call<{ summary: { changed: number } }>(
      'GET',
      `/api/bills/${billId}/diff?from=1&to=2`,
    );
    expect(diff.body.summary).toEqual({ added: 0, removed: 0, changed: 1 });
  });

  it('lets a bill choose its own phases and override what one allows', async () => {
    const { billId: other } = await createBill(c.admin, c.id);
    const configured = await c.admin.call('PUT', `/api/bills/${other}/co-drafting`, {
      phases: ['consultation', 'bill'],
      overrides: { consultation: { propose: false } },
    });
    expect(configured.body).toEqual({ phases: ['consultation', 'bill'], current: 'consultation' });
    const version = await latest(c.admin, other);
    const refused = await c.users.m1.call<ErrorBody>(
      'POST',
      `/api/bills/${other}/co-drafting/contributions`,
      {
        articleId: version.articles[0].id,
        kind: 'proposal',
        text: 'Nouvelle rédaction.',
      },
    );
    expect(refused.body.code).toBe('co-drafting.not_in_phase');
    const unknown = await c.admin.call<ErrorBody>('POST', `/api/bills/${other}/co-drafting/phase`, {
      phase: 'debate',
    });
    expect(unknown.body.code).toBe('co-drafting.unknown_phase');
  });
});
