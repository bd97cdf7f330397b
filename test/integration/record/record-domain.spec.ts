import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyCommand } from '../../../apps/cli/src/commands/verify';
import {
  computeEventHash,
  computeResultHash,
  verifyRecord,
  type ClosedBallotPayload,
  type RecordExportV1,
} from '@liquide/engine/record';
import { registerUser, request, type ApiUser } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import type { TallyResult } from '@liquide/engine/tally';

/** Runs `liquide verify FILE` and returns its exit status and standard output. */
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

describe('Public record of a real ballot, checked with `liquide verify`', () => {
  let sut: TestApp;
  let organiser: ApiUser;
  let collectiveId: string;
  let ballotId: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'liquide-record-'));
    sut = await startTestApp();
    organiser = await registerUser(sut.baseUrl, 'organiser');
    const voters = await Promise.all(
      ['alice', 'bob', 'carol'].map((name) => registerUser(sut.baseUrl, name)),
    );
    const created = await organiser.call<{ id: string }>('POST', '/api/collectives', {
      name: 'Registre public',
      slug: `registre-${Date.now()}`,
      settings: { visibility: 'after-close', deputies: 3, public: true },
    });
    expect(created.status).toBe(201);
    collectiveId = created.body.id;
    const csv = [
      'email,display_name,roles,weight',
      ...voters.map((v, i) => `${v.email},V${i},member,1`),
    ].join('\n');
    const started = await organiser.call<{ importId: string }>(
      'POST',
      `/api/collectives/${collectiveId}/members/import`,
      csv,
    );
    expect(started.status).toBe(202);
    // generous: on a busy machine the import job may take tens of seconds to run
    let status = '';
    for (const deadline = Date.now() + 90_000; status !== 'done' && Date.now() < deadline;) {
      const progress = await organiser.call<{ status: string }>(
        'GET',
        `/api/collectives/${collectiveId}/members/imports/${started.body.importId}`,
      );
      status = progress.body.status;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe('done');
    const bill = await organiser.call<{ id: string }>('POST', `/api/collectives/${collectiveId}/bills`, {
      title: 'Budget participatif',
      articles: [{ heading: 'Article 1', text: 'Un tiers du budget est voté par les habitants.' }],
    });
    const ballot = await organiser.call<{ id: string }>('POST', `/api/collectives/${collectiveId}/ballots`, {
      billId: bill.body.id,
      opensAt: new Date(Date.now() - 1000).toISOString(),
      closesAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(ballot.status).toBe(201);
    ballotId = ballot.body.id;
    expect((await organiser.call('POST', `/api/ballots/${ballotId}/open`)).status).toBe(204);
    const choices = ['yes', 'yes', 'no'];
    await Promise.all(
      voters.map((voter, i) =>
        voter.call('PUT', `/api/ballots/${ballotId}/vote`, {
          choice: choices[i],
          requestId: `vote-${i}-000001`,
        }),
      ),
    );
    expect((await organiser.call('POST', `/api/ballots/${ballotId}/close`)).status).toBe(201);
  });

  afterAll(async () => {
    await sut?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function exported(): Promise<RecordExportV1> {
    const response = await request<RecordExportV1>(
      sut.baseUrl,
      'GET',
      `/api/collectives/${collectiveId}/record`,
    );
    expect(response.status).toBe(200);
    return response.body;
  }

  it('exports a chain that verifies and recomputes the closed ballot', async () => {
    const record = await exported();
    expect(record.ballots.map((ballot) => ballot.ballotId)).toEqual([ballotId]);
    expect(record.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['collective.created', 'ballot.opened', 'vote.cast', 'ballot.closed']),
    );
    const outcome = verifyRecord(record);
    expect(outcome).toEqual({ ok: true, events: record.events.length, ballots: 1 });
    expect(await runVerify(record, dir)).toEqual({
      status: 0,
      out: `ok: ${record.events.length} events, 1 ballots recomputed\n`,
    });
  });

  it('serves the ballot as Popolo and CSV, consistent with the record', async () => {
    const record = await exported();
    const { totals } = record.ballots[0].result as TallyResult;
    const popolo = await request<{ counts: { option: string; value: number }[]; votes: unknown[] }>(
      sut.baseUrl,
      'GET',
      `/api/collectives/${collectiveId}/ballots/${ballotId}/popolo`,
    );
    expect(popolo.status).toBe(200);
    expect(popolo.body.counts).toEqual([
      { option: 'yes', value: totals.yes },
      { option: 'no', value: totals.no },
      { option: 'abstain', value: totals.abstain },
      { option: 'absent', value: totals.absent },
    ]);
    const csv = await request<string>(
      sut.baseUrl,
      'GET',
      `/api/collectives/${collectiveId}/ballots/${ballotId}/results.csv`,
    );
    expect(csv.body.split('\r\n').slice(0, 2)).toEqual(['option,weight,seats', `yes,${totals.yes},2`]);
  });

  it('reports an edited event with `liquide verify` and exits 1', async () => {
    const record = JSON.parse(JSON.stringify(await exported())) as RecordExportV1;
    const vote = record.events.find((event) => event.type === 'vote.cast')!;
    (vote.payload as { choice: string }).choice = 'abstain';
    const { status, out } = await runVerify(record, dir);
    expect(status).toBe(1);
    expect(out).toMatch(new RegExp(`^mismatch at position ${vote.position}: hash does not match`));
  });

  it('reports a forged result even when the forger re-chained every hash, naming the ballot', async () => {
    const record = JSON.parse(JSON.stringify(await exported())) as RecordExportV1;
    const closed = record.events.find((event) => event.type === 'ballot.closed')!;
    const forged = closed.payload as ClosedBallotPayload;
    const totals = forged.result.totals as { yes: number; no: number };
    [totals.yes, totals.no] = [totals.no, totals.yes];
    (forged as { resultHash: string }).resultHash = computeResultHash(forged.result);
    let prevHash = closed.prevHash;
    const events = record.events.map((event) => {
      if (event.position < closed.position) {
        return event;
      }
      const hash = computeEventHash({ ...event, prevHash, collectiveId });
      const rechained = { ...event, prevHash, hash };
      prevHash = hash;
      return rechained;
    });
    const rewritten = { ...record, events, ballots: [forged] };
    const { status, out } = await runVerify(rewritten, dir);
    expect(status).toBe(1);
    expect(out).toBe(
      `mismatch at position ${closed.position} (ballot ${ballotId}): the stored result differs from the result recomputed from the scenario\n`,
    );
  });
});
