import { child, childrenNamed, parseXml } from '@liquide/engine/texts/testing/xml-tree';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createCollective, type Collective, type ErrorBody } from '../domain/domain-fixtures';
import { createBill, latest } from '../plugins/law-fixtures';

describe('versioned texts: edits with sections, history, stale edits, exports', () => {
  let sut: TestApp;
  let c: Collective;

  beforeAll(async () => {
    sut = await startTestApp();
    c = await createCollective(sut.baseUrl, [{ name: 'm', roles: 'member' }]);
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('makes version 1 with the bill, then an organiser edit with sections keeps the article ids', async () => {
    const { billId, articleIds } = await createBill(c.admin, c.id);
    const edit = {
      baseVersion: 1,
      note: 'Plan en deux titres',
      sections: [{ heading: 'Titre I — Principes' }, { heading: 'Titre II — Moyens & <budget>' }],
      articles: [
        { id: articleIds[0], heading: 'Objet', text: 'La commune développe le vélo.', section: 0 },
        { id: articleIds[1], heading: 'Pistes', text: 'Les pistes cyclables sont continues.', section: 0 },
        { id: articleIds[2], heading: 'Financement', text: 'La commune finance les travaux.', section: 1 },
      ],
    };
    expect((await c.users.m.call('POST', `/api/bills/${billId}/versions`, edit)).status).toBe(403);
    const made = await c.admin.call<{ number: number }>('POST', `/api/bills/${billId}/versions`, edit);
    expect(made.body).toEqual({ number: 2 });
    const stale = await c.admin.call<ErrorBody>('POST', `/api/bills/${billId}/versions`, edit);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('text.stale_version');
    const text = await latest(c.users.m, billId);
    expect(text).toMatchObject({
      number: 2,
      reason: { kind: 'edit', ref: 'Plan en deux titres' },
      authorId: c.adminId,
    });
    expect(text.articles.map((a) => a.id)).toEqual(articleIds);
    expect(text.sections).toHaveLength(2);
    const history = await c.users.m.call<{ versions: { number: number }[] }>(
      'GET',
      `/api/bills/${billId}/versions`,
    );
    expect(history.body.versions.map((v) => v.number)).toEqual([1, 2]);
    const diff = await c.users.m.call<{ summary: unknown }>('GET', `/api/bills/${billId}/diff?from=1&to=2`);
    expect(diff.body.summary).toEqual({ added: 0, removed: 0, changed: 0 });
    const xml = await c.users.m.call<string>('GET', `/api/bills/${billId}/versions/2?format=akn`);
    const body = child(child(parseXml(xml.body), 'bill'), 'body');
    expect(childrenNamed(body, 'chapter').map((ch) => child(ch, 'heading').text)).toEqual([
      'Titre I — Principes',
      'Titre II — Moyens & <budget>',
    ]);
    expect(childrenNamed(body.children[1], 'article')[0].attributes).toEqual({
      eId: 'art_3',
      GUID: articleIds[2],
    });
  });

  it('answers 404 for a missing version and 400 for a bad reference', async () => {
    const { billId } = await createBill(c.admin, c.id);
    const missing = await c.users.m.call<ErrorBody>('GET', `/api/bills/${billId}/versions/7`);
    expect(missing.body.code).toBe('text.version_not_found');
    const bad = await c.users.m.call<ErrorBody>('GET', `/api/bills/${billId}/versions/abc`);
    expect(bad.status).toBe(400);
    const badDiff = await c.users.m.call<ErrorBody>('GET', `/api/bills/${billId}/diff?from=0&to=1`);
    expect(badDiff.status).toBe(400);
  });

  it('keeps article ids unique per bill: a version of one bill cannot adopt another bill’s ids', async () => {
    const a = await createBill(c.admin, c.id);
    const b = await createBill(c.admin, c.id);
    const text = (ids: (string | undefined)[]) => ({
      articles: ids.map((id, i) => ({ ...(id ? { id } : {}), heading: `A${i}`, text: `Texte ${i}.` })),
    });
    const adopt = await c.admin.call<ErrorBody>(
      'POST',
      `/api/bills/${b.billId}/versions`,
      text([b.articleIds[0], a.articleIds[1]]),
      { 'accept-language': 'en' },
    );
    expect(adopt.status).toBe(409);
    expect(adopt.body).toMatchObject({
      code: 'text.article_id_taken',
      field: 'articles[1].id',
      message: `Article id ${a.articleIds[1]} belongs to another bill`,
    });
    expect((await latest(c.users.m, b.billId)).number).toBe(1);
    // an id this bill had in an older version may come back; a new id is taken by this bill from then on
    const dropped = await c.admin.call('POST', `/api/bills/${b.billId}/versions`, text([b.articleIds[0]]));
    expect(dropped.status).toBe(201);
    const fresh = '0b6c8a51-3f1e-4c1e-9a0e-6b1f0c2d3e4f';
    const back = await c.admin.call(
      'POST',
      `/api/bills/${b.billId}/versions`,
      text([...b.articleIds, fresh]),
    );
    expect(back.status).toBe(201);
    const other = await c.admin.call<ErrorBody>('POST', `/api/bills/${a.billId}/versions`, text([fresh]));
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('text.article_id_taken');
  });
});
