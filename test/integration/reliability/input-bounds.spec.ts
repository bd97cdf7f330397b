import { registerUser, request, type ApiUser } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { importCsv, uniqueSlug, type ErrorBody } from '../domain/domain-fixtures';

interface Started {
  importId: string;
  total: number;
  rejected: { line: number; problems: { field: string; rule: string; message: string }[] }[];
}

describe('Input bounds: an import cell or a field too long is a 4xx naming it, never a crash', () => {
  let sut: TestApp;
  let organiser: ApiUser;
  let collectiveId: string;

  beforeAll(async () => {
    sut = await startTestApp();
    organiser = await registerUser(sut.baseUrl, 'organiser');
    const created = await organiser.call<{ id: string }>('POST', '/api/collectives', {
      name: 'Collectif',
      slug: uniqueSlug('bounds'),
    });
    collectiveId = created.body.id;
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('refuses a 10 MB e-mail cell by name and rule, imports the other rows, and keeps serving', async () => {
    const huge = `${'x'.repeat(10 * 1024 * 1024)}@example.org`;
    const csv = ['email,display_name', `${huge},Géant`, 'camille@example.org,Camille'].join('\n');
    const { started, progress } = await importCsv(organiser, collectiveId, csv, 60_000);
    const { rejected } = started as Started;
    expect(rejected).toEqual([
      {
        line: 2,
        problems: [
          {
            field: 'email',
            rule: 'too_big',
            code: 'validation.too_long',
            message: expect.stringMatching(/254/),
          },
        ],
      },
    ]);
    expect(progress).toMatchObject({ status: 'done', created: 1 });
    expect((await fetch(`${sut.baseUrl}/health`)).status).toBe(200);
  });

  it('answers in English when asked, and bounds attribute cells and columns too', async () => {
    const csv = ['email,attr:region', `lea@example.org,${'r'.repeat(201)}`].join('\n');
    const english = await organiser.call<Started>(
      'POST',
      `/api/collectives/${collectiveId}/members/import`,
      csv,
      { 'accept-language': 'en' },
    );
    expect(english.status).toBe(202);
    expect(english.body.rejected[0].problems).toEqual([
      {
        field: 'attr:region',
        rule: 'too_big',
        message: 'At most 200 characters.',
        code: 'validation.too_long',
      },
    ]);
    const columns = Array.from({ length: 21 }, (_, i) => `attr:a${i}`);
    const tooWide = await organiser.call<ErrorBody>(
      'POST',
      `/api/collectives/${collectiveId}/members/import`,
      [['email', ...columns].join(','), ['max@example.org', ...columns.map(() => 'x')].join(',')].join('\n'),
    );
    expect(tooWide.status).toBe(400);
    expect(tooWide.body.errors).toEqual([
      expect.objectContaining({ field: 'attributeColumns', rule: 'too_big' }),
    ]);
  });

  it('refuses an over-long JSON field with 400 naming it (fr by default)', async () => {
    const response = await request<ErrorBody>(sut.baseUrl, 'POST', `/api/collectives/${collectiveId}/bills`, {
      token: organiser.token,
      body: { title: 'Projet', articles: [{ heading: 'h'.repeat(301), text: 'Texte.' }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        field: 'articles[0].heading',
        rule: 'too_big',
        message: expect.stringMatching(/300/),
      }),
    ]);
  });
});
