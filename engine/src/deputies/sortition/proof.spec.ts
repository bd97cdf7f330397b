import { canonicalJson } from '../../record/canonical-json';
import { drawPanel } from './draw';
import { canonicalPool, finalSeed, seedCommitment } from './hash';
import { buildProof, verifySortitionProof } from './proof';
import { makePool } from './testing';
import type { AnySortitionProof } from './leximin-types';
import type { Quota, SortitionProof } from './types';

const SEED = 'e3b9c1f04a7d5e2c6b8a9f0d1e2c3b4a';
const PUBLIC_VALUE = 'EuroMillions 2026-11-27: 4 17 23 38 45 ★ 2 9';

async function makeProof(quotas: Quota[]): Promise<SortitionProof> {
  return (await makeAnyProof(quotas)) as SortitionProof;
}

async function makeAnyProof(quotas: Quota[]): Promise<AnySortitionProof> {
  const pool = canonicalPool(
    makePool(12, (i) => ({ region: i % 2 === 0 ? 'nord' : 'sud', private: 'not published' })),
    quotas,
  );
  const outcome = await drawPanel({
    pool,
    quotas,
    seats: 4,
    substituteCount: 3,
    finalSeed: finalSeed(SEED, PUBLIC_VALUE),
  });
  return buildProof({
    collectiveId: 'c1',
    sortitionId: 's1',
    pool,
    seats: 4,
    substituteCount: 3,
    quotas,
    seedCommitment: seedCommitment(SEED),
    seed: SEED,
    publicValueSource: 'EuroMillions draw of Friday 27 November 2026',
    publicValue: PUBLIC_VALUE,
    frozenAt: '2026-11-20T10:00:00.000Z',
    committedAt: '2026-11-20T10:05:00.000Z',
    drawnAt: '2026-11-28T10:00:00.000Z',
    outcome,
  });
}

/** Another byte at the same place: digits and letters stay digits and letters. */
function changeByte(text: string, at: number): string {
  const c = text[at];
  const replacement = /[0-8]/.test(c)
    ? String(Number(c) + 1)
    : c === '9'
      ? '0'
      : /[a-y]/.test(c)
        ? String.fromCharCode(c.charCodeAt(0) + 1)
        : c === 'z'
          ? 'a'
          : c === 'x'
            ? 'y'
            : 'x';
  return text.slice(0, at) + replacement + text.slice(at + 1);
}

describe(verifySortitionProof.name, () => {
  it.each([
    ['without quotas', []],
    ['with quotas', [{ attribute: 'region', value: 'nord', min: 2, max: 2 }]],
  ])('accepts the proof the draw published, %s', async (_label, quotas: Quota[]) => {
    const proof = await makeProof(quotas);
    expect(proof.pool[0].attributes).toEqual(quotas.length > 0 ? { region: 'nord' } : {});
    const sut = await verifySortitionProof(JSON.parse(JSON.stringify(proof)));
    expect(sut).toEqual({ ok: true, proof });
  });

  it('refuses a proof with any single byte changed', async () => {
    const text = canonicalJson(await makeProof([{ attribute: 'region', value: 'sud', min: 1, max: 3 }]));
    const positions = Array.from({ length: 120 }, (_, k) => Math.floor((k * text.length) / 120));
    for (const at of positions) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(changeByte(text, at));
      } catch {
        continue; // no longer JSON: refused by any reader
      }
      const sut = await verifySortitionProof(parsed);
      expect({ at, ok: sut.ok }).toEqual({ at, ok: false });
    }
  });

  it('names the first difference: a swapped deputy, a seed that does not match its commitment', async () => {
    const proof = await makeProof([]);
    const outsider = proof.pool.map((e) => e.id).find((id) => !proof.panel.includes(id))!;
    const swapped = { ...proof, panel: [outsider, ...proof.panel.slice(1)] };
    expect(await verifySortitionProof(swapped)).toEqual({
      ok: false,
      difference: expect.stringMatching(/^\$\.panel\[0\]: expected "v\d\d", the proof has "v\d\d"$/),
    });
    const reseeded = { ...proof, seed: 'another seed' };
    expect(await verifySortitionProof(reseeded)).toMatchObject({
      ok: false,
      difference: expect.stringMatching(/^\$\.seedCommitment/),
    });
    const retitled = { ...proof, publicValueSource: 'a source named afterwards' };
    expect(await verifySortitionProof(retitled)).toMatchObject({
      ok: false,
      difference: expect.stringMatching(/^\$\.proofHash/),
    });
  });
});
