import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyMandate } from '@liquide/engine/deputies/mandates/mandate-format';
import { seedCommitment } from '@liquide/engine/deputies/sortition/hash';
import { verifySortitionProof } from '@liquide/engine/deputies/sortition/proof';
import { brokenQuota } from '@liquide/engine/deputies/sortition/quotas';
import type { AnySortitionProof as SortitionProof } from '@liquide/engine/deputies/sortition/leximin-types';
import { verifyMandateCommand } from '../../../apps/cli/src/commands/verify-mandate';
import { verifySortitionCommand } from '../../../apps/cli/src/commands/verify-sortition';
import { registerUser, request, type ApiUser } from '../../support/api-client';
import { drawAndWait } from '../../support/sortition-draw';
import { startTestApp, type TestApp } from '../../support/test-app';
import { waitFor } from '../../support/wait';

interface InstructionView {
  deputy: string;
  choice: string;
  jws: string;
}

const PEOPLE = [
  ['ana', 'nord', 'f'],
  ['bea', 'nord', 'f'],
  ['carl', 'nord', 'h'],
  ['dan', 'sud', 'h'],
  ['eve', 'sud', 'f'],
  ['fred', 'sud', 'h'],
  ['gus', 'sud', 'h'],
  ['hana', 'nord', 'f'],
] as const;
const QUOTAS = [
  { attribute: 'region', value: 'nord', min: 2, max: 2 },
  { attribute: 'gender', value: 'f', min: 2, max: 3 },
];
const SEED = 'a secret seed kept by the organiser until the draw';

/** Runs a CLI command, capturing what it prints. */
async function cli(command: (args: string[]) => Promise<number>, args: string[]) {
  const out: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  try {
    return { status: await command(args), out: out.join('') };
  } finally {
    spy.mockRestore();
  }
}

describe('Deputies: volunteers → certified pool → verifiable draw → signed binding instructions', () => {
  let sut: TestApp;
  let organiser: ApiUser;
  const users: Record<string, ApiUser> = {};
  const ids: Record<string, string> = {};
  let collectiveId: string;
  let sortitionId: string;
  let proof: SortitionProof;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'liquide-deputies-'));
    sut = await startTestApp();
    organiser = await registerUser(sut.baseUrl, 'organiser');
    for (const [name] of PEOPLE) {
      users[name] = await registerUser(sut.baseUrl, name);
    }
    const created = await organiser.call<{ id: string }>('POST', '/api/collectives', {
      name: 'MaVoix',
      slug: `mavoix-deputies-${Date.now()}`,
      settings: { visibility: 'live', deputies: 4, public: true },
    });
    collectiveId = created.body.id;
    const csv = [
      'email,display_name,roles,attr:region,attr:gender',
      ...PEOPLE.map(([name, region, gender]) => `${users[name].email},${name},member,${region},${gender}`),
    ].join('\n');
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
  }, 120_000);

  afterAll(async () => {
    await sut?.close();
  });

  it('lets members volunteer and organisers certify them; only organisers certify', async () => {
    for (const [name] of PEOPLE) {
      const answer = await users[name].call('POST', `/api/collectives/${collectiveId}/volunteers`, {
        statement: `${name} se présente`,
      });
      expect(answer.status).toBe(201);
    }
    const twice = await users.ana.call<{ code: string }>(
      'POST',
      `/api/collectives/${collectiveId}/volunteers`,
      {},
    );
    expect(twice.body.code).toBe('deputies.already_volunteer');
    const byMember = await users.ana.call(
      'PUT',
      `/api/collectives/${collectiveId}/volunteers/${ids.bea}/certification`,
      {
        certifiedOn: '2026-11-21',
        training: 'Formation MaVoix',
      },
    );
    expect(byMember.status).toBe(403);
    // hana is not certified: she stays out of the pool
    for (const [name] of PEOPLE.filter(([n]) => n !== 'hana')) {
      const certified = await organiser.call(
        'PUT',
        `/api/collectives/${collectiveId}/volunteers/${ids[name]}/certification`,
        { certifiedOn: '2026-11-21', training: 'Formation MaVoix : procédure parlementaire, 2 jours' },
      );
      expect(certified.status).toBe(204);
    }
    const list = await organiser.call<
      { displayName: string; eligible: boolean; certifiedBy: string | null }[]
    >('GET', `/api/collectives/${collectiveId}/volunteers`);
    expect(list.body.filter((v) => v.eligible)).toHaveLength(7);
    expect(list.body.find((v) => v.displayName === 'ana')?.certifiedBy).toEqual(expect.any(String));
  });

  it('refuses quotas that cannot be met with a 422 naming the quota, in English on request', async () => {
    const answer = await organiser.call<{ code: string; message: string; field: string }>(
      'POST',
      `/api/collectives/${collectiveId}/sortitions`,
      { seats: 4, quotas: [{ attribute: 'region', value: 'nord', min: 4, max: 4 }] },
      { 'accept-language': 'en' },
    );
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'sortition.quota_infeasible', field: 'quotas' });
    expect(answer.body.message).toContain('region=nord (min 4, max 4) cannot be met');
  });

  it('names the smallest set of conflicting quotas, and refuses a household attribute nobody has', async () => {
    const quotas = [
      { attribute: 'gender', value: 'h', min: 0, max: 4 },
      { attribute: 'region', value: 'sud', min: 3, max: 4 },
      { attribute: 'gender', value: 'f', min: 3, max: 3 },
    ];
    const conflict = await organiser.call<{ code: string; message: string; field: string }>(
      'POST',
      `/api/collectives/${collectiveId}/sortitions`,
      { seats: 4, quotas },
    );
    expect(conflict.status).toBe(422);
    expect(conflict.body).toMatchObject({ code: 'sortition.quotas_conflict', field: 'quotas' });
    expect(conflict.body.message).toMatch(
      /^Ces quotas ne peuvent pas être respectés ensemble \(en retirer un seul suffit\)\s: region=sud \(min 3, max 4\) ; gender=f \(min 3, max 3\)$/,
    );
    const household = await organiser.call<{ code: string; message: string; field: string }>(
      'POST',
      `/api/collectives/${collectiveId}/sortitions`,
      { seats: 4, quotas: QUOTAS, household: 'adresse' },
      { 'accept-language': 'en' },
    );
    expect(household.status).toBe(422);
    expect(household.body).toMatchObject({
      code: 'sortition.household_attribute_missing',
      field: 'household',
    });
    expect(household.body.message).toBe('No volunteer has the household attribute "adresse"');
  });

  it('freezes the pool, takes a seed commitment, draws, and publishes a proof that replays', async () => {
    const frozen = await organiser.call<{ id: string; poolHash: string; volunteers: number }>(
      'POST',
      `/api/collectives/${collectiveId}/sortitions`,
      { seats: 4, substitutes: 3, quotas: QUOTAS },
    );
    expect(frozen.status).toBe(201);
    expect(frozen.body.volunteers).toBe(7);
    sortitionId = frozen.body.id;
    const early = await organiser.call<{ code: string }>('POST', `/api/sortitions/${sortitionId}/draw`, {
      seed: SEED,
      publicValue: 'x',
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('sortition.wrong_status');
    const committed = await organiser.call('POST', `/api/sortitions/${sortitionId}/commitment`, {
      seedCommitment: seedCommitment(SEED),
      publicValueSource: 'EuroMillions, tirage du vendredi 27 novembre 2026',
    });
    expect(committed.status).toBe(201);
    const wrong = await organiser.call<{ code: string }>('POST', `/api/sortitions/${sortitionId}/draw`, {
      seed: 'another seed',
      publicValue: '4 17 23 38 45 / 2 9',
    });
    expect(wrong.body.code).toBe('sortition.seed_mismatch');
    const drawn = await drawAndWait(organiser, sortitionId, {
      seed: SEED,
      publicValue: '4 17 23 38 45 / 2 9',
    });
    expect(drawn.status).toBe(202);
    expect(drawn.job).toMatchObject({ status: 'done', attempts: 1, proofHash: drawn.body.proofHash });
    proof = drawn.body;
    expect(proof.poolHash).toBe(frozen.body.poolHash);
    expect(proof.panel).toHaveLength(4);
    expect(proof.substitutes).toHaveLength(3);
    expect(proof.pool.map((e) => e.id)).not.toContain(ids.hana);
    expect(brokenQuota(proof.panel, proof.pool, QUOTAS)).toBeUndefined();

    const published = await request<SortitionProof>(
      sut.baseUrl,
      'GET',
      `/api/sortitions/${sortitionId}/proof`,
    );
    expect(published.body).toEqual(proof);
    expect(proof.algorithm).toBe('leximin-groups-highs/4');
    expect(await verifySortitionProof(published.body)).toEqual({
      ok: true,
      proof,
      leximin: expect.objectContaining({ gap: expect.any(Number), levels: expect.any(Number) }),
    });

    const file = join(dir, 'proof.json');
    await writeFile(file, JSON.stringify(published.body, null, 2));
    expect(await cli(verifySortitionCommand, [file])).toMatchObject({
      status: 0,
      out: expect.stringMatching(/^ok: 4 deputies[^]*\nchecked: \d+ panel compositions .* LEXIMIN levels/),
    });
    const text = JSON.stringify(published.body);
    const at = text.indexOf(proof.panel[0]) + 3;
    const changed = text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1);
    await writeFile(file, changed);
    expect(await cli(verifySortitionCommand, [file])).toMatchObject({
      status: 1,
      out: expect.stringMatching(/^invalid: \$\./),
    });

    const deputies = await request<{ current: { memberId: string }[] }>(
      sut.baseUrl,
      'GET',
      `/api/collectives/${collectiveId}/deputies`,
    );
    expect(deputies.body.current.map((s) => s.memberId).sort()).toEqual([...proof.panel].sort());
  });

  it('binds the drawn deputies when a ballot closes: one verified instruction each, counts equal to the seats', async () => {
    const bill = await organiser.call<{ id: string }>('POST', `/api/collectives/${collectiveId}/bills`, {
      title: 'Loi sur le climat',
      articles: [{ text: 'La neutralité carbone est visée en 2040.' }],
    });
    const now = Date.now();
    const ballot = await organiser.call<{ id: string }>('POST', `/api/collectives/${collectiveId}/ballots`, {
      billId: bill.body.id,
      opensAt: new Date(now - 1000).toISOString(),
      closesAt: new Date(now + 3_600_000).toISOString(),
    });
    await organiser.call('POST', `/api/ballots/${ballot.body.id}/open`);
    const choices = ['yes', 'yes', 'yes', 'no', 'no', 'abstain', 'yes', 'yes'];
    for (const [i, [name]] of PEOPLE.entries()) {
      const vote = await users[name].call('PUT', `/api/ballots/${ballot.body.id}/vote`, {
        choice: choices[i],
        requestId: `vote-${name}-0001`,
      });
      expect(vote.status).toBe(200);
    }
    const closed = await organiser.call<{
      result: { seats: Record<string, number>; instructions: InstructionView[] };
    }>('POST', `/api/ballots/${ballot.body.id}/close`);
    expect(closed.status).toBe(201);
    expect(closed.body.result.instructions.map((i) => i.deputy)).toEqual([...proof.panel].sort());

    let ballots: { ballotId: string; instructions: InstructionView[] }[] = [];
    await waitFor(async () => {
      const answer = await request<{ ballots: typeof ballots }>(
        sut.baseUrl,
        'GET',
        `/api/bills/${bill.body.id}/mandates`,
      );
      ballots = answer.body.ballots;
      return ballots[0]?.instructions.length === 4;
    });
    const jwks = await request<{ keys: { kid: string }[] }>(sut.baseUrl, 'GET', '/.well-known/jwks.json');
    const counts: Record<string, number> = {};
    for (const instruction of ballots[0].instructions) {
      const check = await verifyMandate(instruction.jws, jwks.body);
      expect(check).toMatchObject({
        ok: true,
        payload: { deputy: instruction.deputy, ballotId: ballot.body.id },
      });
      counts[instruction.choice] = (counts[instruction.choice] ?? 0) + 1;
    }
    const seats = Object.fromEntries(Object.entries(closed.body.result.seats).filter(([, n]) => n > 0));
    expect(counts).toEqual(seats);

    const [header, payload, signature] = ballots[0].instructions[0].jws.split('.');
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    forged.choice = forged.choice === 'yes' ? 'no' : 'yes';
    const tampered = `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
    expect(await verifyMandate(tampered, jwks.body as never)).toMatchObject({ ok: false });

    const file = join(dir, 'mandates.json');
    await writeFile(file, JSON.stringify({ ballots }));
    const url = `${sut.baseUrl}/api/collectives/${collectiveId}/jwks.json`;
    expect(await cli(verifyMandateCommand, [file, '--jwks', url])).toMatchObject({ status: 0 });
    await writeFile(file, tampered);
    expect(await cli(verifyMandateCommand, [file, '--jwks', url])).toMatchObject({ status: 1 });

    const deputyName = PEOPLE.find(([name]) => ids[name] === proof.panel[0])![0];
    const mine = await users[deputyName].call<{ current: InstructionView[]; history: InstructionView[] }>(
      'GET',
      `/api/collectives/${collectiveId}/mandates/mine`,
    );
    expect(mine.status).toBe(200);
    expect(mine.body.current).toHaveLength(1);
    expect(mine.body.current[0].deputy).toBe(proof.panel[0]);
    const outsider = PEOPLE.find(([name]) => !proof.panel.includes(ids[name]))![0];
    expect((await users[outsider].call('GET', `/api/collectives/${collectiveId}/mandates/mine`)).status).toBe(
      403,
    );
  });

  it('replaces a deputy who resigns with a substitute, keeps the history, and keeps rotated keys published', async () => {
    const leaving = proof.panel[0];
    const name = PEOPLE.find(([n]) => ids[n] === leaving)![0];
    const resigned = await users[name].call<{ replacedBy: string; quotasMet: boolean }>(
      'POST',
      `/api/collectives/${collectiveId}/deputies/${leaving}/resignation`,
      { reason: 'raisons personnelles' },
    );
    expect(resigned.status).toBe(201);
    expect(proof.substitutes).toContain(resigned.body.replacedBy);
    const deputies = await request<{
      current: { memberId: string }[];
      history: { memberId: string; status: string }[];
    }>(sut.baseUrl, 'GET', `/api/collectives/${collectiveId}/deputies`);
    expect(deputies.body.current.map((s) => s.memberId)).toContain(resigned.body.replacedBy);
    expect(deputies.body.current.map((s) => s.memberId)).not.toContain(leaving);
    expect(deputies.body.history).toContainEqual(
      expect.objectContaining({ memberId: leaving, status: 'resigned' }),
    );
    if (resigned.body.quotasMet) {
      const current = deputies.body.current.map((s) => s.memberId);
      expect(brokenQuota(current, proof.pool, QUOTAS)).toBeUndefined();
    }

    const before = await request<{ keys: { kid: string }[] }>(
      sut.baseUrl,
      'GET',
      `/api/collectives/${collectiveId}/jwks.json`,
    );
    const rotated = await organiser.call<{ kid: string; retired: string[] }>(
      'POST',
      `/api/collectives/${collectiveId}/signing-keys/rotate`,
    );
    expect(rotated.status).toBe(201);
    expect(rotated.body.retired).toEqual(before.body.keys.map((k) => k.kid));
    const after = await request<{ keys: { kid: string }[] }>(sut.baseUrl, 'GET', '/.well-known/jwks.json');
    expect(after.body.keys.map((k) => k.kid)).toEqual(
      expect.arrayContaining([...rotated.body.retired, rotated.body.kid]),
    );
  });
});
