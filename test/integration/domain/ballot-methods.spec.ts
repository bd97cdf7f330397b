import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyCommand } from '../../../apps/cli/src/commands/verify';
import { tallyMethod, type MethodTallyResult } from '@liquide/engine/ballot-methods';
import type { RecordExportV1 } from '@liquide/engine/record/record-format';
import { request } from '../../support/api-client';
import { collectStates, connectLive, eventually, watch, type LiveClient } from '../../support/live-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { waitFor } from '../../support/wait';
import { createCollective, requestId, type Collective } from './domain-fixtures';

interface ErrorBody {
  code: string;
  message: string;
  errors?: { field: string; message: string }[];
}

async function runVerify(record: unknown, dir: string): Promise<{ status: number; out: string }> {
  const file = join(dir, `record-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(record));
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    return { status: await verifyCommand([file]), out };
  } finally {
    spy.mockRestore();
  }
}

describe('Ballots counted by other methods: preference (Schulze), D21, approval', () => {
  let sut: TestApp;
  let c: Collective;
  let billId: string;
  let socket: LiveClient | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'liquide-methods-'));

  beforeAll(async () => {
    sut = await startTestApp();
    c = await createCollective(
      sut.baseUrl,
      ['ann', 'bob', 'cem', 'dan', 'eve'].map((name) => ({ name, roles: 'member' })),
      { visibility: 'live', deputies: 3 },
    );
    const bill = await c.admin.call<{ id: string }>('POST', `/api/collectives/${c.id}/bills`, {
      title: 'Choix du projet',
      articles: [{ heading: 'Article 1', text: 'Le projet retenu est réalisé.' }],
    });
    billId = bill.body.id;
    // dan → ann, eve → cem: their weight follows the trustee's ranking
    for (const [from, to] of [
      ['dan', 'ann'],
      ['eve', 'cem'],
    ]) {
      const set = await c.users[from].call('PUT', `/api/collectives/${c.id}/delegations`, {
        scope: 'global',
        trustees: [c.ids[to]],
      });
      expect(set.status).toBe(200);
    }
  });

  afterAll(async () => {
    socket?.disconnect();
    await sut?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function createMethodBallot(body: Record<string, unknown>) {
    const now = Date.now();
    return c.admin.call<{ id: string } & ErrorBody>('POST', `/api/collectives/${c.id}/ballots`, {
      billId,
      opensAt: new Date(now - 1000).toISOString(),
      closesAt: new Date(now + 3_600_000).toISOString(),
      ...body,
    });
  }

  async function openMethodBallot(body: Record<string, unknown>): Promise<string> {
    const created = await createMethodBallot(body);
    expect(created.status).toBe(201);
    expect((await c.admin.call('POST', `/api/ballots/${created.body.id}/open`)).status).toBe(204);
    return created.body.id;
  }

  function vote(name: string, ballotId: string, body: Record<string, unknown>, language = 'fr') {
    return c.users[name].call<ErrorBody & { ballot?: unknown; proof?: string }>(
      'PUT',
      `/api/ballots/${ballotId}/vote`,
      { ...body, requestId: requestId(name) },
      { 'accept-language': language },
    );
  }

  it('refuses method settings that break the method’s rules, naming the field', async () => {
    const missing = await createMethodBallot({ method: 'preference' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors?.[0].field).toBe('methodOptions');
    const d21 = await createMethodBallot({ method: 'd21', methodOptions: { options: ['p', 'q'], plus: 2 } });
    expect(d21.status).toBe(400);
    expect(d21.body.errors?.[0]).toMatchObject({ field: 'methodOptions.plus' });
    expect(d21.body.errors?.[0].message).toMatch(/Moins de votes plus que d’options/);
  });

  it('ranks initiatives with ties and a status quo; delegations carry the weight; the live matrix moves', async () => {
    const ballotId = await openMethodBallot({
      method: 'preference',
      methodOptions: { options: ['keep', 'i1', 'i2'], statusQuo: 'keep' },
    });
    const view = await c.users.bob.call('GET', `/api/ballots/${ballotId}`);
    expect(view.body).toMatchObject({
      method: { id: 'preference', options: { options: ['keep', 'i1', 'i2'], statusQuo: 'keep' } },
    });
    socket = await connectLive(sut.baseUrl, c.users.bob.token);
    const states = collectStates(socket);
    const watched = await watch(socket, ballotId);
    expect(watched).toMatchObject({ ok: true, state: { method: { id: 'preference', cast: 0 } } });

    const yesNo = await vote('ann', ballotId, { choice: 'yes' });
    expect(yesNo.status).toBe(422);
    expect(yesNo.body.code).toBe('vote.wrong_method');
    const unknown = await vote('ann', ballotId, { ballot: { ranking: [['i9']] } }, 'en');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]).toMatchObject({ field: 'ballot.ranking' });
    expect(unknown.body.errors?.[0].message).toMatch(/"i9" is not an option of the ballot/);

    const ann = await vote('ann', ballotId, { ballot: { ranking: [['i1'], ['keep'], ['i2']] } });
    expect(ann.status).toBe(200);
    expect(ann.body.ballot).toEqual({ ranking: [['i1'], ['keep'], ['i2']] });
    expect((await vote('bob', ballotId, { ballot: { ranking: [['i2', 'i1']] } })).status).toBe(200);
    expect((await vote('cem', ballotId, { ballot: { ranking: [['keep']] } })).status).toBe(200);

    // ann carries dan (2), cem carries eve (2), bob 1: i1 over keep 3 to 2, keep over i2 4 to 1
    await eventually(() => states.some((s) => s.method?.cast === 5), 10_000);
    const live = states.find((s) => s.method?.cast === 5)!.method!.outcome as { pairwise: number[][] };
    expect(live.pairwise).toEqual([
      [0, 2, 4],
      [3, 0, 2],
      [1, 0, 0],
    ]);

    const dan = await c.users.dan.call('GET', `/api/ballots/${ballotId}/representation`);
    expect(dan.body).toMatchObject({
      status: 'represented',
      voter: { displayName: 'ann' },
      ballot: { ranking: [['i1'], ['keep'], ['i2']] },
    });
    expect(dan.body).not.toHaveProperty('choice');

    const closed = await c.admin.call<{ result: unknown }>('POST', `/api/ballots/${ballotId}/close`);
    expect(closed.status).toBe(201);
    const { body } = await c.admin.call<{ result: MethodTallyResult }>(
      'GET',
      `/api/ballots/${ballotId}/result`,
    );
    expect(body.result.method).toBe('preference');
    // the organiser, a member too, took no part
    expect(body.result.totals).toEqual({ cast: 5, absent: 1 });
    expect(body.result.outcome).toMatchObject({
      winner: 'i1',
      order: ['i1', 'keep', 'i2'],
      beatStatusQuo: ['i1'],
    });
    const carried = Object.values(body.result.voters).map((v) => [v.weight, v.delegators.length]);
    expect(carried.sort()).toEqual([
      [1, 0],
      [2, 1],
      [2, 1],
    ]);
    // the export reads the closed ballot from the record, which chains entries in commit order
    const resultsCsv = () =>
      c.admin.call<string>('GET', `/api/collectives/${c.id}/ballots/${ballotId}/results.csv`);
    let csv = await resultsCsv();
    await waitFor(async () => (csv = await resultsCsv()).status === 200);
    expect(csv.body.split('\r\n').slice(0, 2)).toEqual(['option,rank,pairwise_wins', 'i1,1,2']);
  });

  it('applies the D21 rules (a minus vote needs two plus votes) and counts plus − minus', async () => {
    const ballotId = await openMethodBallot({
      method: 'd21',
      methodOptions: { options: ['p', 'q', 'r', 's'], plus: 2, minus: 1 },
      visibility: 'after-close',
    });
    const lone = await vote('bob', ballotId, { ballot: { plus: ['p'], minus: ['q'] } });
    expect(lone.status).toBe(400);
    expect(lone.body.errors?.[0]).toMatchObject({ field: 'ballot.minus' });
    expect(lone.body.errors?.[0].message).toMatch(/Un vote moins demande au moins deux votes plus/);
    expect((await vote('bob', ballotId, { ballot: { plus: ['p', 'r'], minus: ['q'] } })).status).toBe(200);
    expect((await vote('ann', ballotId, { ballot: { plus: ['q'] } })).status).toBe(200);
    // hidden until the close, whatever the method
    const hidden = await request<{ tally: unknown; hiddenUntil: string }>(
      sut.baseUrl,
      'GET',
      `/api/ballots/${ballotId}`,
      { token: c.users.cem.token },
    );
    expect(hidden.body).toMatchObject({ tally: null, hiddenUntil: 'close' });
    expect((await c.admin.call('POST', `/api/ballots/${ballotId}/close`)).status).toBe(201);
    const { body } = await c.admin.call<{ result: MethodTallyResult }>(
      'GET',
      `/api/ballots/${ballotId}/result`,
    );
    // ann carries dan: q gets +2 −1
    expect(body.result.outcome).toMatchObject({
      score: { p: 1, q: 1, r: 1, s: 0 },
      plus: { p: 1, q: 2, r: 1, s: 0 },
      minus: { q: 1 },
    });
  });

  it('counts approval ballots, refuses a method ballot on a yes / no ballot, and `liquide verify` recomputes every method', async () => {
    const ballotId = await openMethodBallot({ method: 'approval', methodOptions: { options: ['x', 'y'] } });
    expect((await vote('eve', ballotId, { ballot: { approve: ['y', 'x'] } })).status).toBe(200);
    expect((await vote('cem', ballotId, { ballot: { approve: ['x'] } })).status).toBe(200);
    expect((await c.admin.call('POST', `/api/ballots/${ballotId}/close`)).status).toBe(201);
    const { body } = await c.admin.call<{ result: MethodTallyResult }>(
      'GET',
      `/api/ballots/${ballotId}/result`,
    );
    expect(body.result.outcome).toMatchObject({ approvals: { x: 2, y: 1 }, winner: 'x' });

    const yesNo = await openMethodBallot({});
    const wrong = await vote('ann', yesNo, { ballot: { approve: ['x'] } }, 'en');
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'vote.wrong_method' });

    const readRecord = async () =>
      (await c.admin.call<RecordExportV1>('GET', `/api/collectives/${c.id}/record`)).body;
    let record = await readRecord();
    // a busy machine may chain the last close into the record a moment after it was answered
    await waitFor(async () => (record = await readRecord()).ballots?.length === 3);
    expect(record.ballots).toHaveLength(3);
    expect(await runVerify(record, dir)).toEqual({
      status: 0,
      out: `ok: ${record.events.length} events, 3 ballots recomputed\n`,
    });
    // the record's scenario recomputes the stored result; a changed ballot gives another one
    const preference = record.ballots[0];
    expect(tallyMethod(preference.scenario)).toEqual(preference.result);
    const scenario = structuredClone(preference.scenario) as unknown as { votes: { ballot: unknown }[] };
    scenario.votes.forEach((v) => (v.ballot = { ranking: [['i2']] }));
    expect(tallyMethod(scenario).outcome).toMatchObject({ winner: 'i2' });
  });
});
