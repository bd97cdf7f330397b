import { parseXml, child, childrenNamed } from '@liquide/engine/texts/testing/xml-tree';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createCollective, requestId, type Collective, type ErrorBody } from '../domain/domain-fixtures';
import { createBill, enablePlugin, latest, waitFor, type VersionBody } from './law-fixtures';

interface AmendmentBody {
  id: string;
  status: string;
  articleId: string;
  ballotId: string | null;
  mergedVersion: number | null;
  newArticleId: string | null;
  result: { by: string; totals?: { yes: number; no: number }; rank?: number; winner?: string } | null;
}

interface BillAmendments {
  phase: { open: boolean };
  amendments: AmendmentBody[];
  contests: { id: string; status: string; winner: string | null; options: string[] }[];
  decisions: { ballotId: string; version: number; adopted: boolean }[];
}

describe('amendments: proposed per article, voted through the liquid engine, merged into versions', () => {
  let sut: TestApp;
  let c: Collective;
  let billId: string;
  let art: string[];

  const amendments = async () =>
    (await c.admin.call<BillAmendments>('GET', `/api/bills/${billId}/amendments`)).body;
  const vote = async (who: string, ballotId: string, choice: 'yes' | 'no' | 'abstain') => {
    const response = await c.users[who].call('PUT', `/api/ballots/${ballotId}/vote`, {
      choice,
      requestId: requestId(),
    });
    expect(response.status).toBe(200);
  };
  const propose = (who: string, body: Record<string, unknown>) =>
    c.users[who].call<{ id: string; status: string } & ErrorBody>('POST', `/api/bills/${billId}/amendments`, {
      rationale: 'Parce que le texte gagne en clarté.',
      ...body,
    });
  const putToVote = async (amendmentId: string) => {
    const response = await c.admin.call<{ ballotId: string }>(
      'POST',
      `/api/amendments/${amendmentId}/ballot`,
      {},
    );
    expect(response.status).toBe(201);
    return response.body.ballotId;
  };

  beforeAll(async () => {
    sut = await startTestApp();
    c = await createCollective(sut.baseUrl, [
      { name: 'a', roles: 'member' },
      { name: 'b', roles: 'member' },
      { name: 'c', roles: 'member' },
      { name: 'd', roles: 'member' },
      { name: 'e', roles: 'member' },
      { name: 'obs', roles: 'observer' },
    ]);
    ({ billId, articleIds: art } = await createBill(c.admin, c.id));
    await enablePlugin(c.admin, c.id, 'amendments');
    // d trusts a on this bill, e trusts a on everything: a's vote and ranking count 3
    for (const [who, scope] of [
      ['d', { scope: 'bill', billId }],
      ['e', { scope: 'global' }],
    ] as const) {
      const set = await c.users[who].call('PUT', `/api/collectives/${c.id}/delegations`, {
        ...scope,
        trustees: [c.ids.a],
      });
      expect(set.status).toBe(200);
    }
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('refuses proposals until the phase is open, and from observers', async () => {
    const early = await propose('a', { articleId: art[0], kind: 'replace', text: 'Texte.' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('amendments.phase_closed');
    const member = await c.users.a.call('PUT', `/api/bills/${billId}/amendments/phase`, { open: true });
    expect(member.status).toBe(403);
    expect((await c.admin.call('PUT', `/api/bills/${billId}/amendments/phase`, { open: true })).status).toBe(
      200,
    );
    const observer = await propose('obs', { articleId: art[0], kind: 'replace', text: 'Texte.' });
    expect(observer.status).toBe(403);
    const noText = await propose('a', { articleId: art[0], kind: 'replace' });
    expect(noText.status).toBe(400);
    expect(noText.body.errors?.[0].field).toBe('text');
    const short = await propose('a', { articleId: art[0], kind: 'delete', rationale: 'non' });
    expect(short.body.code).toBe('amendments.rationale_too_short');
  });

  it('votes each amendment on its own ballot (delegations apply) and merges the adopted ones in article order', async () => {
    const first = await propose('b', {
      articleId: art[0],
      kind: 'replace',
      text: 'La commune développe fortement le vélo.',
    });
    const second = await propose('c', {
      articleId: art[2],
      kind: 'insert-after',
      heading: 'Évaluation',
      text: 'Un bilan est publié chaque année.',
    });
    const third = await propose('c', { articleId: art[1], kind: 'delete' });
    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    const [b1, b2, b3] = [
      await putToVote(first.body.id),
      await putToVote(second.body.id),
      await putToVote(third.body.id),
    ];
    // a carries d (bill scope) and e (global): 3 against 2 on each ballot
    await vote('a', b1, 'yes');
    await vote('b', b1, 'no');
    await vote('c', b1, 'no');
    await vote('a', b2, 'yes');
    await vote('a', b3, 'no');
    await vote('c', b3, 'yes');
    const live = await c.admin.call<{ totals?: { yes: number } }>('GET', `/api/ballots/${b1}`);
    expect(live.status).toBe(200);
    for (const ballotId of [b2, b1, b3]) {
      expect((await c.admin.call('POST', `/api/ballots/${ballotId}/close`)).status).toBe(201);
    }
    await waitFor(async () => {
      const list = (await amendments()).amendments;
      return (
        list.filter((a) => a.mergedVersion !== null).length === 2 && list.some((a) => a.status === 'rejected')
      );
    });
    const list = (await amendments()).amendments;
    const byId = new Map(list.map((a) => [a.id, a]));
    expect(byId.get(first.body.id)).toMatchObject({
      status: 'adopted',
      result: { by: 'ballot', totals: { yes: 3, no: 2 } },
    });
    expect(byId.get(third.body.id)).toMatchObject({
      status: 'rejected',
      mergedVersion: null,
      result: { totals: { yes: 1, no: 3 } },
    });
    const text = await latest(c.admin, billId);
    expect(text.articles.map((a) => a.id)).toEqual([
      art[0],
      art[1],
      art[2],
      byId.get(second.body.id)!.newArticleId,
    ]);
    expect(text.articles[0].text).toBe('La commune développe fortement le vélo.');
    expect(text.articles[3]).toMatchObject({
      heading: 'Évaluation',
      text: 'Un bilan est publié chaque année.',
    });
    expect(text.reason.kind).toBe('amendment');
  });

  it('shows the history and word-level diffs between any two versions', async () => {
    const history = await c.users.obs.call<{ versions: { number: number; reason: { kind: string } }[] }>(
      'GET',
      `/api/bills/${billId}/versions`,
    );
    expect(history.body.versions[0]).toMatchObject({ number: 1, reason: { kind: 'initial' } });
    const last = history.body.versions[history.body.versions.length - 1].number;
    const diff = await c.users.obs.call<{
      summary: { added: number; removed: number; changed: number };
      articles: { articleId: string; status: string; text: { op: string; value: string }[] }[];
    }>('GET', `/api/bills/${billId}/diff?from=1&to=${last}`);
    expect(diff.body.summary).toEqual({ added: 1, removed: 0, changed: 1 });
    expect(diff.body.articles[0].text).toEqual([
      { op: 'same', value: 'La commune développe ' },
      { op: 'added', value: 'fortement ' },
      { op: 'same', value: 'le vélo.' },
    ]);
    const bad = await c.users.obs.call<ErrorBody>('GET', `/api/bills/${billId}/diff?from=1&to=99`);
    expect(bad.body.code).toBe('text.version_not_found');
  });

  it('exports the latest version as well-formed Akoma Ntoso and as Markdown', async () => {
    const xml = await c.users.obs.call<string>('GET', `/api/bills/${billId}/versions/latest.akn.xml`);
    expect(xml.status).toBe(200);
    const root = parseXml(xml.body);
    const body = child(child(root, 'bill'), 'body');
    expect(childrenNamed(body, 'article').map((a) => a.attributes.eId)).toEqual([
      'art_1',
      'art_2',
      'art_3',
      'art_4',
    ]);
    const md = await c.users.obs.call<string>('GET', `/api/bills/${billId}/versions/1?format=md`);
    expect(md.body).toContain('### Article 2 — Pistes');
  });

  it('keeps withdrawn amendments visible; only the author withdraws', async () => {
    const proposed = await propose('b', { articleId: art[1], kind: 'replace', text: 'Autre chose.' });
    expect(
      (await c.users.a.call<ErrorBody>('POST', `/api/amendments/${proposed.body.id}/withdraw`)).status,
    ).toBe(403);
    const withdrawn = await c.users.b.call('POST', `/api/amendments/${proposed.body.id}/withdraw`);
    expect(withdrawn.body).toEqual({ status: 'withdrawn' });
    expect((await amendments()).amendments.find((a) => a.id === proposed.body.id)?.status).toBe('withdrawn');
  });

  it('decides competing amendments by a Schulze contest weighted through delegations, then merges the winner', async () => {
    const ax = await propose('a', {
      articleId: art[1],
      kind: 'replace',
      text: 'Les pistes sont continues et protégées.',
    });
    const bx = await propose('b', { articleId: art[1], kind: 'replace', text: 'Les pistes sont larges.' });
    const contest = await c.admin.call<{ id: string; options: string[] }>(
      'POST',
      `/api/bills/${billId}/amendment-contests`,
      {
        articleId: art[1],
        amendmentIds: [ax.body.id, bx.body.id],
      },
    );
    expect(contest.status).toBe(201);
    const rank = (who: string, ranking: string[]) =>
      c.users[who].call('PUT', `/api/amendment-contests/${contest.body.id}/ranking`, { ranking });
    const bad = await rank('a', ['nope']);
    expect(bad.status).toBe(400);
    // Alone, b and c would make B win 2 to 1; a carries d and e: A wins 3 to 2
    await rank('a', [ax.body.id, bx.body.id, 'status-quo']);
    await rank('b', [bx.body.id, ax.body.id, 'status-quo']);
    await rank('c', [bx.body.id, 'status-quo', ax.body.id]);
    const closed = await c.admin.call<{ winner: string; order: string[] }>(
      'POST',
      `/api/amendment-contests/${contest.body.id}/close`,
    );
    expect(closed.body).toMatchObject({ winner: ax.body.id, order: [ax.body.id, bx.body.id, 'status-quo'] });
    const list = (await amendments()).amendments;
    expect(list.find((a) => a.id === ax.body.id)).toMatchObject({
      status: 'adopted',
      result: { by: 'contest', rank: 1 },
    });
    expect(list.find((a) => a.id === bx.body.id)).toMatchObject({ status: 'rejected', result: { rank: 2 } });
    const text = await latest(c.admin, billId);
    expect(text.articles[1].text).toBe('Les pistes sont continues et protégées.');
    expect(list.find((a) => a.id === ax.body.id)?.mergedVersion).toBe(text.number);
  });

  it("records which version the bill's own ballot decided, and closes the phase", async () => {
    const now = Date.now();
    const ballot = await c.admin.call<{ id: string }>('POST', `/api/collectives/${c.id}/ballots`, {
      billId,
      opensAt: new Date(now - 1000).toISOString(),
      closesAt: new Date(now + 3_600_000).toISOString(),
    });
    await c.admin.call('POST', `/api/ballots/${ballot.body.id}/open`);
    await vote('a', ballot.body.id, 'yes');
    await c.admin.call('POST', `/api/ballots/${ballot.body.id}/close`);
    const text: VersionBody = await latest(c.admin, billId);
    await waitFor(async () => (await amendments()).decisions.length === 1);
    const state = await amendments();
    expect(state.decisions[0]).toEqual(
      expect.objectContaining({ ballotId: ballot.body.id, version: text.number, adopted: true }),
    );
    expect(state.phase.open).toBe(false);
  });
});
