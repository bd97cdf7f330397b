import { io, type Socket } from 'socket.io-client';
import type { PetitionLiveState, PetitionOpenData, PetitionWatchAnswer } from '@liquide/plugin-petitions';
import { request } from '../../support/api-client';
import { eventually } from '../../support/live-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import {
  createRegionalCollective,
  enablePetitions,
  openPetition,
  smallSettings,
  waitFor,
  type PetitionBody,
  type RegionalCollective,
} from './petitions-fixtures';

const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);

async function connect(baseUrl: string, token?: string): Promise<Socket> {
  const socket = io(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: token ? { token } : {},
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return socket;
}

describe('petitions: thresholds, territorial spread, binding effect, live counts, open data', () => {
  let sut: TestApp;
  let uk: RegionalCollective;
  let eci: RegionalCollective;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    sut = await startTestApp();
    [uk, eci] = await Promise.all([
      createRegionalCollective(sut.baseUrl, [
        { name: 'author', attributes: { nation: 'ENG' } },
        ...names('eng', 5).map((name) => ({ name, attributes: { nation: 'ENG' } })),
        { name: 'sco1', attributes: { nation: 'SCO' } },
      ]),
      createRegionalCollective(
        sut.baseUrl,
        [
          { name: 'author' },
          ...names('a', 3).map((name) => ({ name, region: 'A' })),
          { name: 'b1', region: 'B' },
          { name: 'c1', region: 'C' },
          { name: 'd1', region: 'D' },
          { name: 'nowhere' },
        ],
        { public: false },
      ),
    ]);
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await sut?.close();
  });

  it('UK-like: several thresholds (response, then debate needing 2 of 4 nations), regions read from the configured attribute', async () => {
    await enablePetitions(uk.admin, uk.id, {
      settings: {
        global: { regionAttribute: 'nation' },
        ...smallSettings([
          { id: 'response', signatures: 3, effect: 'response-required', responseDeadlineDays: 21 },
          {
            id: 'debate',
            signatures: 5,
            effect: 'debate',
            spread: { minRegions: 2, minimums: { ENG: 2, SCO: 1, WAL: 1, NIR: 1 } },
          },
        ]),
      },
    });
    const id = await openPetition(uk.users.author, uk.admin, uk.id);
    const get = async () => (await uk.admin.call<PetitionBody>('GET', `/api/petitions/${id}`)).body;
    for (const name of names('eng', 2)) {
      await uk.users[name].call('PUT', `/api/petitions/${id}/signature`);
    }
    expect((await get()).thresholds.map((t) => t.reachedAt)).toEqual([null, null]);
    await uk.users.eng3.call('PUT', `/api/petitions/${id}/signature`);
    let state = await get();
    expect(state.thresholds[0].reachedAt).not.toBeNull();
    expect(state.thresholds[1].reachedAt).toBeNull();
    await uk.users.eng4.call('PUT', `/api/petitions/${id}/signature`);
    await uk.users.eng5.call('PUT', `/api/petitions/${id}/signature`);
    state = await get();
    expect(state.signatures).toBe(5);
    expect(state.thresholds[1]).toMatchObject({
      reachedAt: null,
      spread: { required: 2, regionsMet: ['ENG'] },
    });
    await uk.users.sco1.call('PUT', `/api/petitions/${id}/signature`);
    state = await get();
    expect(state.regions).toEqual({ ENG: 5, SCO: 1 });
    expect(state.thresholds[1]).toMatchObject({ spread: { regionsMet: ['ENG', 'SCO'] } });
    expect(state.thresholds[1].reachedAt).not.toBeNull();
    // reached thresholds stay reached when signatures are withdrawn
    await uk.users.sco1.call('DELETE', `/api/petitions/${id}/signature`);
    state = await get();
    expect(state.thresholds.every((t) => t.reachedAt !== null)).toBe(true);
    expect(state.regions).toEqual({ ENG: 5 });
  });

  it('ICE-like: a total plus national minimums in at least 3 of 5 states; members without a region count in the total only', async () => {
    await enablePetitions(eci.admin, eci.id, {
      settings: smallSettings([
        {
          id: 'commission',
          signatures: 6,
          effect: 'response-required',
          responseDeadlineDays: 183,
          spread: { minRegions: 3, minimums: { A: 3, B: 2, C: 1, D: 1, E: 1 } },
        },
      ]),
    });
    const id = await openPetition(eci.users.author, eci.admin, eci.id);
    const get = async () => (await eci.admin.call<PetitionBody>('GET', `/api/petitions/${id}`)).body;
    for (const name of ['a1', 'a2', 'a3', 'b1', 'c1', 'nowhere']) {
      await eci.users[name].call('PUT', `/api/petitions/${id}/signature`);
    }
    let state = await get();
    expect(state.signatures).toBe(6);
    expect(state.thresholds[0]).toMatchObject({
      reachedAt: null,
      spread: { required: 3, regionsMet: ['A', 'C'] },
    });
    await eci.users.d1.call('PUT', `/api/petitions/${id}/signature`);
    state = await get();
    expect(state.thresholds[0].spread?.regionsMet).toEqual(['A', 'C', 'D']);
    expect(state.thresholds[0].reachedAt).not.toBeNull();
    expect(state.answer.dueAt).not.toBeNull();
  });

  it('binding: reaching the threshold puts the linked bill on the agenda as an open ballot', async () => {
    const bill = await uk.admin.call<{ id: string }>('POST', `/api/collectives/${uk.id}/bills`, {
      title: 'Loi vélo',
      articles: [{ heading: 'Article 1', text: 'Des pistes partout.' }],
    });
    await enablePetitions(uk.admin, uk.id, {
      settings: smallSettings([{ id: 'binding', signatures: 2, effect: 'binding', ballotDurationDays: 7 }]),
    });
    const id = await openPetition(uk.users.author, uk.admin, uk.id, { billId: bill.body.id });
    await uk.users.eng1.call('PUT', `/api/petitions/${id}/signature`);
    await uk.users.eng2.call('PUT', `/api/petitions/${id}/signature`);
    let ballotId: string | null = null;
    await waitFor(async () => {
      ballotId = (await uk.admin.call<PetitionBody>('GET', `/api/petitions/${id}`)).body.thresholds[0]
        .ballotId;
      return ballotId !== null;
    });
    const ballot = await uk.admin.call<{ status: string; billId: string; opensAt: string; closesAt: string }>(
      'GET',
      `/api/ballots/${ballotId}`,
    );
    expect(ballot.body).toMatchObject({ status: 'open', billId: bill.body.id });
    const days =
      (new Date(ballot.body.closesAt).getTime() - new Date(ballot.body.opensAt).getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7);
    const vote = await uk.users.eng3.call('PUT', `/api/ballots/${ballotId}/vote`, {
      choice: 'yes',
      requestId: `petition-vote-${Date.now()}`,
    });
    expect(vote.status).toBe(200);
  });

  it('binding without a linked bill: a new bill made of the petition goes to ballot', async () => {
    await enablePetitions(uk.admin, uk.id, {
      settings: smallSettings([{ id: 'binding', signatures: 1, effect: 'binding' }]),
    });
    const id = await openPetition(uk.users.author, uk.admin, uk.id);
    await uk.users.eng1.call('PUT', `/api/petitions/${id}/signature`);
    let petition: PetitionBody | undefined;
    await waitFor(async () => {
      petition = (await uk.admin.call<PetitionBody>('GET', `/api/petitions/${id}`)).body;
      return petition.thresholds[0].ballotId !== null;
    });
    const bill = await uk.admin.call<{ title: string; articles: { text: string }[] }>(
      'GET',
      `/api/bills/${petition!.billId}`,
    );
    expect(bill.body.title).toBe('Pour des pistes cyclables');
    expect(bill.body.articles[0].text).toBe('Nous demandons des pistes cyclables sûres.');
  });

  it('pushes the live count and the regional breakdown to watchers over socket.io', async () => {
    await enablePetitions(uk.admin, uk.id, {
      settings: { global: { regionAttribute: 'nation' }, ...smallSettings([]) },
    });
    const id = await openPetition(uk.users.author, uk.admin, uk.id);
    const watcher = await connect(sut.baseUrl, uk.users.eng5.token);
    sockets.push(watcher);
    const states: PetitionLiveState[] = [];
    watcher.on('petition:signatures', (state: PetitionLiveState) => states.push(state));
    const answer = (await watcher
      .timeout(5000)
      .emitWithAck('petition:watch', { petitionId: id })) as PetitionWatchAnswer;
    expect(answer).toMatchObject({ ok: true, state: { petitionId: id, signatures: 0, regions: {} } });
    await uk.users.eng1.call('PUT', `/api/petitions/${id}/signature`);
    await uk.users.sco1.call('PUT', `/api/petitions/${id}/signature`);
    await eventually(() => states.at(-1)?.signatures === 2);
    expect(states.at(-1)).toMatchObject({ status: 'open', regions: { ENG: 1, SCO: 1 } });
    const versions = states.map((state) => state.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    await uk.users.sco1.call('DELETE', `/api/petitions/${id}/signature`);
    await eventually(() => states.at(-1)?.signatures === 1);
    expect(states.at(-1)?.regions).toEqual({ ENG: 1 });
  });

  it('refuses to let anonymous sockets watch a members-only collective’s petition', async () => {
    const id = await openPetition(eci.users.author, eci.admin, eci.id);
    const anonymous = await connect(sut.baseUrl);
    sockets.push(anonymous);
    const answer = (await anonymous
      .timeout(5000)
      .emitWithAck('petition:watch', { petitionId: id })) as PetitionWatchAnswer;
    expect(answer).toMatchObject({ ok: false, code: 'access.login_required' });
    const bad = (await anonymous
      .timeout(5000)
      .emitWithAck('petition:watch', { petitionId: 'x' })) as PetitionWatchAnswer;
    expect(bad).toMatchObject({ ok: false, code: 'common.validation_failed' });
  });

  it('exports open data as JSON and CSV with the regional breakdown and threshold timestamps', async () => {
    await enablePetitions(eci.admin, eci.id, {
      settings: smallSettings([
        { id: 'response', signatures: 2, effect: 'response-required', responseDeadlineDays: 30 },
        { id: 'debate', signatures: 100, effect: 'debate' },
      ]),
    });
    const id = await openPetition(eci.users.author, eci.admin, eci.id);
    for (const name of ['a1', 'a2', 'b1']) {
      await eci.users[name].call('PUT', `/api/petitions/${id}/signature`);
    }
    const json = await eci.users.c1.call<PetitionOpenData>('GET', `/api/petitions/${id}/open-data.json`);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      format: 'liquide-petition/1',
      petition: { id, status: 'open', title: 'Pour des pistes cyclables' },
      signatures: 3,
      regions: [
        { region: 'A', signatures: 2 },
        { region: 'B', signatures: 1 },
      ],
      thresholds: [
        { id: 'response', reachedAt: expect.any(String), responseDueAt: expect.any(String) },
        { id: 'debate', reachedAt: null },
      ],
    });
    expect(JSON.stringify(json.body)).not.toMatch(/@example\.org/);
    const csv = await eci.users.c1.call<string>('GET', `/api/petitions/${id}/open-data.csv`);
    expect(csv.status).toBe(200);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('section,key,signatures,reached_at,response_due_at,detail');
    expect(lines).toEqual(
      expect.arrayContaining([
        `total,${id},3,,,open`,
        'region,A,2,,,',
        'region,B,1,,,',
        expect.stringMatching(/^threshold,response,2,\d{4}-\d\d-\d\dT[^,]+Z,\d{4}-[^,]+Z,response-required$/),
        'threshold,debate,100,,,debate',
      ]),
    );
    const anonymous = await request(sut.baseUrl, 'GET', `/api/petitions/${id}/open-data.json`);
    expect(anonymous.status).toBe(401);
  });
});
