import { request } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createBallot, createCollective, waitFor, type Collective } from '../domain/domain-fixtures';

interface QuestionView {
  id: string;
  text: string;
  status: string;
  supports: number;
  supportedByMe: boolean;
  answers: { deputyName: string; text: string }[];
}
interface Notice {
  kind: string;
  subject: { billId: string | null };
  params: { name?: string; reason?: string };
}

describe('Questions to deputies (plugin): ask, support, answer, moderate, notices, open data', () => {
  let sut: TestApp;
  let c: Collective;
  let billId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    sut = await startTestApp();
    c = await createCollective(
      sut.baseUrl,
      [
        { name: 'dan', roles: 'member' },
        { name: 'eve', roles: 'member' },
        { name: 'ana', roles: 'member|deputy' },
        { name: 'olga', roles: 'observer' },
      ],
      { public: true },
    );
    ({ billId } = await createBallot(c.admin, c.id));
  }, 60_000);

  afterAll(async () => {
    await sut?.close();
  });

  const list = async (who?: string) =>
    who
      ? (await c.users[who].call<QuestionView[]>('GET', `/api/bills/${billId}/questions`)).body
      : (await request<QuestionView[]>(sut.baseUrl, 'GET', `/api/bills/${billId}/questions`)).body;
  const notices = async (who: string, kind: string) =>
    (await c.users[who].call<{ items: Notice[] }>('GET', '/api/notices')).body.items.filter(
      (n) => n.kind === kind,
    );

  it('is off until an organiser enables it for the collective', async () => {
    const off = await c.users.dan.call<{ code: string }>('POST', `/api/bills/${billId}/questions`, {
      text: 'Quel est le coût de cette loi ?',
    });
    expect(off.status).toBe(409);
    expect(off.body.code).toBe('plugin.disabled');
    expect((await c.admin.call('PUT', `/api/collectives/${c.id}/plugins/questions`, {})).status).toBe(200);
  });

  it('lets members ask and support, most supported first; observers and askers themselves cannot', async () => {
    const first = await c.users.dan.call<{ id: string }>('POST', `/api/bills/${billId}/questions`, {
      text: 'Quel est le coût de cette loi ?',
    });
    expect(first.status).toBe(201);
    ids.cost = first.body.id;
    ids.date = (
      await c.users.eve.call<{ id: string }>('POST', `/api/bills/${billId}/questions`, {
        text: 'Quand sera-t-elle appliquée ?',
      })
    ).body.id;
    const short = await c.users.eve.call<{ errors: { field: string }[] }>(
      'POST',
      `/api/bills/${billId}/questions`,
      {
        text: 'Pourquoi',
      },
    );
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toBe('text');
    expect(
      (
        await c.users.olga.call('POST', `/api/bills/${billId}/questions`, {
          text: 'Une question d’observatrice ?',
        })
      ).status,
    ).toBe(403);
    expect((await c.users.eve.call('POST', `/api/questions/${ids.date}/support`)).status).toBe(409);
    expect((await c.users.dan.call('POST', `/api/questions/${ids.date}/support`)).status).toBe(200);
    expect((await c.users.ana.call('POST', `/api/questions/${ids.date}/support`)).status).toBe(200);
    expect((await c.users.eve.call('POST', `/api/questions/${ids.cost}/support`)).status).toBe(200);
    const twice = await c.users.eve.call<{ code: string }>('POST', `/api/questions/${ids.cost}/support`);
    expect(twice.body.code).toBe('questions.already_supported');
    const anonymous = await list();
    expect(anonymous.map((q) => [q.id, q.supports])).toEqual([
      [ids.date, 2],
      [ids.cost, 1],
    ]);
    expect((await list('eve')).find((q) => q.id === ids.cost)?.supportedByMe).toBe(true);
  });

  it('lets deputies answer publicly and notifies the asker', async () => {
    const byMember = await c.users.eve.call('POST', `/api/questions/${ids.cost}/answers`, {
      text: 'Je ne suis pas député.',
    });
    expect(byMember.status).toBe(403);
    const answered = await c.users.ana.call('POST', `/api/questions/${ids.cost}/answers`, {
      text: 'Environ 2 millions d’euros par an, selon l’étude d’impact.',
    });
    expect(answered.status).toBe(201);
    expect((await list()).find((q) => q.id === ids.cost)?.answers).toEqual([
      expect.objectContaining({
        deputyName: 'ana',
        text: 'Environ 2 millions d’euros par an, selon l’étude d’impact.',
      }),
    ]);
    await waitFor(async () => (await notices('dan', 'question.answered')).length === 1);
    expect((await notices('dan', 'question.answered'))[0]).toMatchObject({
      subject: { billId },
      params: { name: 'ana' },
    });
    expect(await notices('eve', 'question.answered')).toEqual([]);
  });

  it('lets organisers remove a question with a reason code, notifying the asker', async () => {
    const byMember = await c.users.dan.call('POST', `/api/questions/${ids.date}/moderation`, {
      reasonCode: 'off-topic',
    });
    expect(byMember.status).toBe(403);
    const noReason = await c.admin.call<{ errors: { field: string; message: string }[] }>(
      'POST',
      `/api/questions/${ids.date}/moderation`,
      { reasonCode: 'boring' },
      { 'accept-language': 'en' },
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reasonCode');
    expect(
      (await c.admin.call('POST', `/api/questions/${ids.date}/moderation`, { reasonCode: 'off-topic' }))
        .status,
    ).toBe(200);
    expect((await list('dan')).map((q) => q.id)).toEqual([ids.cost]);
    const moderator = (await c.admin.call<QuestionView[]>('GET', `/api/bills/${billId}/questions`)).body;
    expect(moderator.find((q) => q.id === ids.date)).toMatchObject({ status: 'removed', text: '' });
    const support = await c.users.ana.call<{ code: string }>('DELETE', `/api/questions/${ids.date}/support`);
    expect(support.body.code).toBe('questions.removed');
    await waitFor(async () => (await notices('eve', 'question.removed')).length === 1);
    expect((await notices('eve', 'question.removed'))[0].params.reason).toBe('off-topic');
  });

  it('limits the questions per member and bill as the collective set, and exports open data with formulas neutralised', async () => {
    await c.admin.call('PUT', `/api/collectives/${c.id}/plugins/questions`, {
      settings: { global: { maxPerMemberPerBill: 2 } },
    });
    const formula = await c.users.dan.call('POST', `/api/bills/${billId}/questions`, {
      text: '=HYPERLINK("http://evil.example","cliquez")',
    });
    expect(formula.status).toBe(201);
    const third = await c.users.dan.call<{ code: string }>('POST', `/api/bills/${billId}/questions`, {
      text: 'Une troisième question ?',
    });
    expect(third.status).toBe(429);
    expect(third.body.code).toBe('questions.too_many');
    const csv = await request<string>(sut.baseUrl, 'GET', `/api/collectives/${c.id}/questions/open-data.csv`);
    expect(csv.status).toBe(200);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'question_id,bill_id,asked_at,status,reason_code,supports,question,answers,answered_by',
    );
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"",""cliquez"")"`);
    expect(lines.find((l) => l.startsWith(ids.date))).toContain(',removed,off-topic,');
    expect(lines.find((l) => l.startsWith(ids.cost))).toContain(',1,ana');
    expect(csv.body).not.toContain(c.ids.dan);
  });
});
