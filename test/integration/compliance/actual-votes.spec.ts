import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeEventHash } from '@liquide/engine/record/record-hash';
import type { RecordExportV1 } from '@liquide/engine/record/record-format';
import { verifyCommand } from '../../../apps/cli/src/commands/verify';
import { request } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import { instructedBallot, seatedDeputies, type DeputiesWorld } from './compliance-fixtures';

interface Line {
  memberId: string;
  instructed: string;
  compliance: string;
  actual: { vote: string; source: string; explanation: string | null; rollCallUrl: string | null } | null;
}
interface BillView {
  ballots: {
    ballotId: string;
    lines: Line[];
    instructed: Record<string, number>;
    actual: Record<string, number>;
  }[];
}

/** An Assemblée nationale scrutin as published, one-element lists collapsed to objects as the open data does. */
function scrutin(pours: string[], contres: string[], others: string[]) {
  const votants = (ids: string[]) =>
    ids.length === 0
      ? null
      : { votant: ids.length === 1 ? { acteurRef: ids[0] } : ids.map((acteurRef) => ({ acteurRef })) };
  return JSON.stringify({
    scrutin: {
      uid: 'VTANR5L17V1234',
      numero: '1234',
      dateScrutin: '2026-11-30',
      ventilationVotes: {
        organe: {
          organeRef: 'PO838901',
          groupes: {
            groupe: [
              {
                organeRef: 'PO845401',
                vote: {
                  positionMajoritaire: 'pour',
                  decompteNominatif: {
                    pours: votants(pours),
                    contres: votants(contres),
                    abstentions: null,
                    nonVotants: null,
                  },
                },
              },
              {
                organeRef: 'PO845413',
                vote: {
                  decompteNominatif: {
                    pours: null,
                    contres: null,
                    abstentions: votants(others),
                    nonVotants: null,
                  },
                },
              },
            ],
          },
        },
      },
    },
  });
}

async function cliVerify(record: unknown, dir: string): Promise<{ status: number; out: string }> {
  const file = join(dir, `record-${Date.now()}.json`);
  await writeFile(file, JSON.stringify(record));
  const out: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  try {
    return { status: await verifyCommand([file]), out: out.join('') };
  } finally {
    spy.mockRestore();
  }
}

describe('Deputies’ actual votes: roll-call imports, declarations, computed compliance, verified record', () => {
  let sut: TestApp;
  let world: DeputiesWorld;
  let first: { billId: string; ballotId: string; instructed: Record<string, string> };
  let dir: string;
  const name: Record<string, string> = {};
  const user = (memberId: string) => world.users[name[memberId]];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'liquide-compliance-'));
    sut = await startTestApp();
    world = await seatedDeputies(sut.baseUrl);
    Object.entries(world.ids).forEach(([n, id]) => (name[id] = n));
    first = await instructedBallot(world, ['yes', 'yes', 'yes', 'yes', 'yes']);
    const mapped = await world.admin.call('PUT', `/api/collectives/${world.id}/parliament-ids`, {
      mappings: world.deputies.map((memberId, i) => ({ memberId, parliamentId: `PA10${i}` })),
    });
    expect(mapped.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await sut?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const bill = async (billId: string) =>
    (await request<BillView>(sut.baseUrl, 'GET', `/api/bills/${billId}/compliance`)).body.ballots[0];

  it('lists the seated deputies with their identifiers to organisers only', async () => {
    const listed = await world.admin.call<{
      deputies: { memberId: string; seated: boolean; parliamentId: string | null }[];
    }>('GET', `/api/collectives/${world.id}/parliament-ids`);
    expect(listed.status).toBe(200);
    expect(
      Object.fromEntries(listed.body.deputies.map((d) => [d.memberId, [d.seated, d.parliamentId]])),
    ).toEqual(Object.fromEntries(world.deputies.map((id, i) => [id, [true, `PA10${i}`]])));
    const member = await user(world.deputies[0]).call('GET', `/api/collectives/${world.id}/parliament-ids`);
    expect(member.status).toBe(403);
  });

  it('refuses a CSV with an unknown identifier or an unreadable vote, row by row, and imports nothing', async () => {
    const csv = ['parliament_id,vote', 'PA100,pour', 'PA999,contre', 'PA101,peut-être', 'PA102,absent'].join(
      '\n',
    );
    const refused = await world.admin.call<{
      code: string;
      message: string;
      rows: { row: number; parliamentId: string; rule: string; message: string }[];
    }>(
      'POST',
      `/api/ballots/${first.ballotId}/roll-call`,
      { format: 'csv', content: csv },
      { 'accept-language': 'en' },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('compliance.roll_call_refused');
    expect(refused.body.message).toBe('Nothing was imported: 2 row(s) in error');
    expect(refused.body.rows).toEqual([
      expect.objectContaining({
        row: 2,
        parliamentId: 'PA999',
        field: 'parliament_id',
        rule: 'unknown_id',
        message: 'No Liquide deputy has the identifier PA999',
      }),
      expect.objectContaining({ row: 3, parliamentId: 'PA101', field: 'vote', rule: 'vote' }),
    ]);
    const french = await world.admin.call<{ message: string }>(
      'POST',
      `/api/ballots/${first.ballotId}/roll-call`,
      {
        format: 'csv',
        content: csv,
      },
    );
    expect(french.body.message).toMatch(/^Rien n’a été importé\s: 2 ligne/);
    const view = await bill(first.billId);
    expect(view.lines.map((l) => l.compliance)).toEqual(['pending', 'pending', 'pending']);
  });

  it('imports an Assemblée nationale scrutin: matched deputies get their vote, a missing one is absent, others are reported', async () => {
    const [d0, d1] = world.deputies;
    const member = await user(d0).call('POST', `/api/ballots/${first.ballotId}/roll-call`, {
      format: 'an-scrutin',
      content: scrutin(['PA100'], ['PA101'], ['PA555']),
    });
    expect(member.status).toBe(403);
    const imported = await world.admin.call<{
      rows: number;
      unmatched: { parliamentId: string }[];
      votes: { deputy: string; compliance: string }[];
    }>('POST', `/api/ballots/${first.ballotId}/roll-call`, {
      format: 'an-scrutin',
      content: scrutin(['PA100', 'PA777'], ['PA101'], ['PA555']),
      rollCallUrl: 'https://www.assemblee-nationale.fr/dyn/17/scrutins/1234',
    });
    expect(imported.status).toBe(200);
    expect(imported.body.rows).toBe(4);
    expect(imported.body.unmatched.map((u) => u.parliamentId).sort()).toEqual(['PA555', 'PA777']);
    const view = await bill(first.billId);
    const byDeputy = Object.fromEntries(view.lines.map((l) => [l.memberId, l]));
    expect(byDeputy[d0]).toMatchObject({
      instructed: 'yes',
      compliance: 'followed',
      actual: { vote: 'yes', source: 'imported' },
    });
    expect(byDeputy[d1]).toMatchObject({ compliance: 'deviated', actual: { vote: 'no' } });
    expect(byDeputy[world.deputies[2]]).toMatchObject({ compliance: 'absent', actual: { vote: 'absent' } });
    expect(view.instructed).toEqual({ yes: 3, no: 0, abstain: 0 });
    expect(view.actual).toEqual({ yes: 1, no: 1, abstain: 0, absent: 1, pending: 0 });
    const collective = await request<{ rate: number; counts: Record<string, number> }>(
      sut.baseUrl,
      'GET',
      `/api/collectives/${world.id}/compliance`,
    );
    expect(collective.body).toMatchObject({
      rate: 33.3,
      counts: { followed: 1, deviated: 1, absent: 1, pending: 0 },
    });
  });

  it('keeps a deputy’s declaration pending until an organiser confirms it; only the instructed deputy declares', async () => {
    const second = await instructedBallot(world, ['no', 'no', 'no', 'no', 'no']);
    const [d0, d1] = world.deputies;
    const declaration = {
      vote: 'yes',
      votedOn: '2026-12-01',
      rollCallUrl: 'https://www.assemblee-nationale.fr/dyn/17/scrutins/1300',
      explanation: 'Un amendement a changé le texte après la consigne.',
    };
    const byVoter = await world.users.dan.call<{ code: string }>(
      'PUT',
      `/api/ballots/${second.ballotId}/actual-votes/mine`,
      declaration,
    );
    expect(byVoter.status).toBe(403);
    const declared = await user(d0).call<{ votes: { compliance: string }[] }>(
      'PUT',
      `/api/ballots/${second.ballotId}/actual-votes/mine`,
      declaration,
    );
    expect(declared.status).toBe(200);
    expect(declared.body.votes[0].compliance).toBe('pending');
    const badDate = await user(d1).call<{ errors: { field: string }[] }>(
      'PUT',
      `/api/ballots/${second.ballotId}/actual-votes/mine`,
      {
        vote: 'no',
        votedOn: 'hier',
      },
    );
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors[0].field).toBe('votedOn');
    const byDeputy = await user(d1).call(
      'POST',
      `/api/ballots/${second.ballotId}/actual-votes/${d0}/confirm`,
      {},
    );
    expect(byDeputy.status).toBe(403);
    const confirmed = await world.admin.call<{ votes: { compliance: string; source: string }[] }>(
      'POST',
      `/api/ballots/${second.ballotId}/actual-votes/${d0}/confirm`,
      {},
    );
    expect(confirmed.body.votes[0]).toEqual(
      expect.objectContaining({ source: 'confirmed', compliance: 'deviated' }),
    );
    const changed = await user(d0).call<{ code: string }>(
      'PUT',
      `/api/ballots/${second.ballotId}/actual-votes/mine`,
      {
        ...declaration,
        vote: 'no',
      },
    );
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('compliance.already_checked');
    const nothing = await world.admin.call(
      'POST',
      `/api/ballots/${second.ballotId}/actual-votes/${d1}/confirm`,
      {},
    );
    expect(nothing.status).toBe(404);
    await world.admin.call('POST', `/api/ballots/${second.ballotId}/actual-votes/${d1}/confirm`, {
      vote: 'no',
    });

    const page = await request<{ rate: number; counts: Record<string, number>; lines: Line[] }>(
      sut.baseUrl,
      'GET',
      `/api/collectives/${world.id}/deputies/${d0}/compliance`,
    );
    expect(page.body.counts).toEqual({ followed: 1, deviated: 1, absent: 0, pending: 0 });
    expect(page.body.rate).toBe(50);
    expect(page.body.lines[0].actual?.explanation).toBe(declaration.explanation);
    const third = await bill(second.billId);
    expect(third.lines.find((l) => l.memberId === world.deputies[2])?.compliance).toBe('pending');
  }, 60_000);

  it('publishes the checked actual votes as Popolo vote events', async () => {
    const popolo = await request<{
      vote_events: {
        identifier: string;
        votes: { voter_id: string; option: string; compliance: string }[];
        sources: { url: string }[];
      }[];
    }>(sut.baseUrl, 'GET', `/api/collectives/${world.id}/compliance/popolo.json`);
    const event = popolo.body.vote_events.find((e) => e.identifier === first.ballotId);
    expect(event?.sources).toEqual([{ url: 'https://www.assemblee-nationale.fr/dyn/17/scrutins/1234' }]);
    expect(event?.votes).toHaveLength(3);
    expect(event?.votes).toContainEqual({
      voter_id: world.deputies[1],
      option: 'no',
      instructed: 'yes',
      compliance: 'deviated',
    });
  });

  it('lets liquide verify recompute the compliance figures, and fails on a tampered vote even when re-hashed', async () => {
    const record = (await request<RecordExportV1>(sut.baseUrl, 'GET', `/api/collectives/${world.id}/record`))
      .body;
    const votes = record.events.filter((e) => e.type === 'compliance.vote_recorded');
    expect(votes.length).toBe(6);
    expect(await cliVerify(record, dir)).toEqual({
      status: 0,
      out: `ok: ${record.events.length} events, 2 ballots recomputed, 6 compliance figures recomputed\n`,
    });
    // the deviation turned into a followed vote, every hash recomputed so that the chain itself holds
    const tampered = structuredClone(record) as unknown as {
      collectiveId: string;
      events: Record<string, unknown>[];
    };
    const target = tampered.events.find(
      (e) =>
        e.type === 'compliance.vote_recorded' &&
        (e.payload as { compliance: string }).compliance === 'deviated',
    );
    (target!.payload as Record<string, unknown>).vote = 'yes';
    let prevHash = '0'.repeat(64);
    for (const event of tampered.events) {
      event.prevHash = prevHash;
      event.hash = computeEventHash({
        position: event.position as number,
        collectiveId: tampered.collectiveId,
        type: event.type as string,
        payload: event.payload,
        occurredAt: event.occurredAt as string,
        prevHash,
      });
      prevHash = event.hash as string;
    }
    const failed = await cliVerify(tampered, dir);
    expect(failed.status).toBe(1);
    expect(failed.out).toMatch(
      new RegExp(
        `^mismatch at position ${target!.position as number}: compliance is "deviated", recomputed "followed"`,
      ),
    );
    // the same change without re-hashing breaks the chain
    const raw = structuredClone(record);
    (raw.events.find((e) => e.position === target!.position)!.payload as Record<string, unknown>).vote =
      'yes';
    expect((await cliVerify(raw, dir)).out).toMatch(/hash does not match/);
  });
});
