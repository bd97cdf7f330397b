import { registerUser, request, type ApiUser } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { drawAndWait } from '../../support/sortition-draw';
import { waitFor } from '../../support/wait';

interface Candidacy {
  status: string;
  certifiedOn: string | null;
  training: string | null;
  pool: { sortitionId: string } | null;
  seats: { status: string; sortitionId: string }[];
}
interface SortitionState {
  id: string;
  status: string;
  steps: { step: string; at: string | null }[];
  proof: unknown;
}
interface Bound {
  kind: string;
  count: number;
  deputies: { memberId: string; displayName: string }[];
}

const NAMES = ['ana', 'bea', 'carl'] as const;

describe('Deputy candidacy and the sortition as a server-side state machine', () => {
  let sut: TestApp;
  let organiser: ApiUser;
  const users: Record<string, ApiUser> = {};
  const ids: Record<string, string> = {};
  let collectiveId: string;
  let sortitionId: string;
  let billId: string;
  let ballotId: string;

  const candidacy = async (name: string) =>
    (await users[name].call<Candidacy>('GET', `/api/collectives/${collectiveId}/volunteers/me`)).body;

  beforeAll(async () => {
    sut = await startTestApp();
    organiser = await registerUser(sut.baseUrl, 'organiser');
    for (const name of NAMES) {
      users[name] = await registerUser(sut.baseUrl, name);
    }
    const created = await organiser.call<{ id: string }>('POST', '/api/collectives', {
      name: 'Tirage',
      slug: `tirage-${Date.now()}`,
      settings: { visibility: 'live', deputies: 5, public: true },
    });
    collectiveId = created.body.id;
    const csv = ['email,display_name,roles', ...NAMES.map((n) => `${users[n].email},${n},member`)].join('\n');
    const started = await organiser.call<{ importId: string }>(
      'POST',
      `/api/collectives/${collectiveId}/members/import`,
      csv,
    );
    await waitFor(async () => {
      const progress = await organiser.call<{ status: string }>(
        'GET',
        `/api/collectives/${collectiveId}/members/imports/${started.body.importId}`,
      );
      return progress.body.status === 'done';
    });
    const found = await organiser.call<{ items: { id: string; displayName: string }[] }>(
      'GET',
      `/api/collectives/${collectiveId}/members?size=100`,
    );
    found.body.items.forEach((m) => (ids[m.displayName] = m.id));
    const bill = await organiser.call<{ id: string }>('POST', `/api/collectives/${collectiveId}/bills`, {
      title: 'Loi de test',
      articles: [{ text: 'Article unique.' }],
    });
    billId = bill.body.id;
  }, 120_000);

  afterAll(async () => {
    await sut?.close();
  });

  it('shows a member where their candidacy stands: none, volunteered, withdrawn, volunteered again', async () => {
    expect(await candidacy('ana')).toMatchObject({ status: 'none', seats: [] });
    const outsider = await registerUser(sut.baseUrl, 'outsider');
    expect((await outsider.call('GET', `/api/collectives/${collectiveId}/volunteers/me`)).status).toBe(403);
    for (const name of NAMES) {
      const answer = await users[name].call('POST', `/api/collectives/${collectiveId}/volunteers`, {
        statement: `${name} se présente`,
      });
      expect(answer.status).toBe(201);
    }
    expect(await candidacy('ana')).toMatchObject({ status: 'volunteered', certifiedOn: null });
    expect((await users.carl.call('DELETE', `/api/collectives/${collectiveId}/volunteers/me`)).status).toBe(
      204,
    );
    expect(await candidacy('carl')).toMatchObject({ status: 'withdrawn' });
    expect((await users.carl.call('POST', `/api/collectives/${collectiveId}/volunteers`, {})).status).toBe(
      201,
    );
    expect(await candidacy('carl')).toMatchObject({ status: 'volunteered' });
  });

  it('records the certification date and training, shown to the member and the organiser', async () => {
    const empty = await organiser.call<{ code: string; field?: string }>(
      'PUT',
      `/api/collectives/${collectiveId}/volunteers/${ids.ana}/certification`,
      { certifiedOn: '2026-11-30', training: '' },
    );
    expect(empty.status).toBe(400);
    for (const name of ['ana', 'bea']) {
      const certified = await organiser.call(
        'PUT',
        `/api/collectives/${collectiveId}/volunteers/${ids[name]}/certification`,
        { certifiedOn: '2026-11-30', training: 'Procédure parlementaire (2 jours)' },
      );
      expect(certified.status).toBe(204);
    }
    expect(await candidacy('ana')).toMatchObject({
      status: 'certified',
      certifiedOn: '2026-11-30',
      training: 'Procédure parlementaire (2 jours)',
    });
    const list = await organiser.call<{ displayName: string; training: string | null }[]>(
      'GET',
      `/api/collectives/${collectiveId}/volunteers`,
    );
    expect(list.body.find((v) => v.displayName === 'bea')?.training).toBe(
      'Procédure parlementaire (2 jours)',
    );
  });

  it('lists the sortition with its steps and dates, and refuses a second freeze while one is open', async () => {
    const before = await request<SortitionState[]>(
      sut.baseUrl,
      'GET',
      `/api/collectives/${collectiveId}/sortitions`,
    );
    expect(before.body).toEqual([]);
    const frozen = await organiser.call<{ id: string }>(
      'POST',
      `/api/collectives/${collectiveId}/sortitions`,
      {
        seats: 1,
      },
    );
    expect(frozen.status).toBe(201);
    sortitionId = frozen.body.id;
    const again = await organiser.call<{ code: string; message: string }>(
      'POST',
      `/api/collectives/${collectiveId}/sortitions`,
      { seats: 1 },
      { 'accept-language': 'en' },
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('sortition.already_open');
    expect(again.body.message).toContain('already under way');
    expect(await candidacy('ana')).toMatchObject({ status: 'in_pool', pool: { sortitionId } });
    expect(await candidacy('carl')).toMatchObject({ status: 'volunteered', pool: null });

    await organiser.call('POST', `/api/sortitions/${sortitionId}/commitment`, {
      publicValueSource: 'EuroMillions du vendredi 4 décembre 2026',
    });
    const stillOne = await organiser.call<{ code: string }>(
      'POST',
      `/api/collectives/${collectiveId}/sortitions`,
      {
        seats: 1,
      },
    );
    expect(stillOne.body.code).toBe('sortition.already_open');
    const listed = await request<SortitionState[]>(
      sut.baseUrl,
      'GET',
      `/api/collectives/${collectiveId}/sortitions`,
    );
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0]).toMatchObject({ id: sortitionId, status: 'committed', proof: null });
    expect(listed.body[0].steps.map((s) => [s.step, s.at !== null])).toEqual([
      ['pool_frozen', true],
      ['seed_committed', true],
      ['public_value_entered', false],
      ['drawn', false],
    ]);
    expect(JSON.stringify(listed.body)).not.toContain('secretSeed');
  });

  it('reports on a ballot the configured count before a draw, then the seated deputies by name', async () => {
    const now = Date.now();
    const ballot = await organiser.call<{ id: string }>('POST', `/api/collectives/${collectiveId}/ballots`, {
      billId,
      opensAt: new Date(now - 1000).toISOString(),
      closesAt: new Date(now + 3_600_000).toISOString(),
    });
    ballotId = ballot.body.id;
    const anonymous = await request<{ mandate: { deputies: number; bound: Bound } }>(
      sut.baseUrl,
      'GET',
      `/api/ballots/${ballotId}`,
    );
    expect(anonymous.body.mandate).toMatchObject({
      deputies: 5,
      bound: { kind: 'anonymous', count: 5, deputies: [] },
    });

    const drawn = await drawAndWait(organiser, sortitionId, {
      publicValue: '4 17 23 38 45 / 2 9',
    });
    expect(drawn.status).toBe(202);
    const deputyId = drawn.body.panel[0];
    const deputyName = NAMES.find((n) => ids[n] === deputyId)!;
    expect(await candidacy(deputyName)).toMatchObject({
      status: 'seated',
      seats: [{ status: 'seated', sortitionId }],
    });
    const listed = await request<SortitionState[]>(
      sut.baseUrl,
      'GET',
      `/api/collectives/${collectiveId}/sortitions`,
    );
    expect(listed.body[0].steps.every((s) => s.at !== null)).toBe(true);

    const seated = await request<{ mandate: { deputies: number; bound: Bound } }>(
      sut.baseUrl,
      'GET',
      `/api/ballots/${ballotId}`,
    );
    expect(seated.body.mandate).toMatchObject({
      deputies: 5,
      bound: { kind: 'seated', count: 1, deputies: [{ memberId: deputyId, displayName: deputyName }] },
    });

    await organiser.call('POST', `/api/ballots/${ballotId}/open`);
    await users.ana.call('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'yes',
      requestId: 'vote-ana-00001',
    });
    expect((await organiser.call('POST', `/api/ballots/${ballotId}/close`)).status).toBe(201);
    // the deputy resigns after the close: the closed ballot still names the deputy its result bound
    await users[deputyName].call(
      'POST',
      `/api/collectives/${collectiveId}/deputies/${deputyId}/resignation`,
      {},
    );
    const closed = await request<{ mandate: { bound: Bound } }>(
      sut.baseUrl,
      'GET',
      `/api/ballots/${ballotId}`,
    );
    expect(closed.body.mandate.bound).toEqual({
      kind: 'seated',
      count: 1,
      deputies: [{ memberId: deputyId, displayName: deputyName }],
    });
    expect(await candidacy(deputyName)).toMatchObject({ seats: [{ status: 'resigned' }] });
  });

  it('opens a new pool once the previous sortition is drawn, and only one of two concurrent freezes', async () => {
    const freeze = () =>
      organiser.call<{ code?: string }>('POST', `/api/collectives/${collectiveId}/sortitions`, { seats: 1 });
    const answers = await Promise.all([freeze(), freeze()]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)?.body.code).toBe('sortition.already_open');
    const listed = await request<SortitionState[]>(
      sut.baseUrl,
      'GET',
      `/api/collectives/${collectiveId}/sortitions`,
    );
    expect(listed.body.map((s) => s.status)).toEqual(['frozen', 'drawn']);
  });
});
