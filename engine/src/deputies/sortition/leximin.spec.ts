import { canonicalJson } from '../../record/canonical-json';
import { drawLeximin, sampleLeximin } from './draw-leximin';
import { brokenRule, groupModel } from './groups';
import { canonicalPool, finalSeed, proofHash, seedCommitment } from './hash';
import { buildProof, verifySortitionProof } from './proof';
import { brokenQuota, SortitionError } from './quotas';
import { loadSolver } from './solver';
import { fixedSeed, makePool } from './testing';
import type { PoolEntry, Quota } from './types';

/** Every panel of `seats` volunteers meeting the quotas and the one-per-household rule. */
function feasiblePanels(pool: readonly PoolEntry[], quotas: readonly Quota[], seats: number): number[][] {
  const out: number[][] = [];
  const pick = (start: number, chosen: number[]) => {
    if (chosen.length === seats) {
      const ids = chosen.map((i) => pool[i].id);
      const households = chosen.flatMap((i) => (pool[i].household ? [pool[i].household] : []));
      if (!brokenQuota(ids, pool, quotas) && new Set(households).size === households.length) {
        out.push([...chosen]);
      }
      return;
    }
    for (let i = start; i < pool.length; i++) {
      pick(i + 1, [...chosen, i]);
    }
  };
  pick(0, []);
  return out;
}

/**
 * The textbook LEXIMIN over an explicit list of panels, person by person: maximise the smallest open
 * probability; then each open person who cannot exceed it (an LP per person) is fixed. Independent of the
 * implementation under test (no groups, no column generation, no dual prices).
 */
async function bruteForceLeximin(pool: readonly PoolEntry[], panels: number[][]): Promise<number[]> {
  const highs = await loadSolver();
  const fixed = new Map<number, number>();
  const lp = (objective: string, open: number[], z: number | null) => {
    const rows = pool.map((_, i) => {
      const terms = panels.flatMap((panel, p) => (panel.includes(i) ? [`+ 1 l${p}`] : []));
      const lhs = terms.length > 0 ? terms.join(' ') : '0 l0';
      if (fixed.has(i)) {
        return ` f${i}: ${lhs} >= ${fixed.get(i)! - 1e-9}`;
      }
      if (!open.includes(i)) {
        return null;
      }
      return z === null ? ` u${i}: ${lhs} - 1 z >= 0` : ` u${i}: ${lhs} >= ${z - 1e-9}`;
    });
    const text = [
      'Maximize',
      ` obj: ${objective}`,
      'Subject To',
      ...rows.filter((row): row is string => row !== null),
      ` sum: ${panels.map((_, p) => `+ 1 l${p}`).join(' ')} = 1`,
      'Bounds',
      ' z free',
      'End',
    ].join('\n');
    return highs.solve(text, { output_flag: false });
  };
  let open = pool.map((_, i) => i);
  while (open.length > 0) {
    const z = lp('1 z', open, null).ObjectiveValue;
    const stuck = open.filter((i) => {
      const terms = panels.flatMap((panel, p) => (panel.includes(i) ? [`+ 1 l${p}`] : []));
      return terms.length === 0 || lp(terms.join(' '), open, z).ObjectiveValue <= z + 1e-7;
    });
    stuck.forEach((i) => fixed.set(i, z));
    open = open.filter((i) => !stuck.includes(i));
  }
  return pool.map((_, i) => fixed.get(i)!);
}

const GENDER = ['f', 'h'];
const AGE = ['jeune', 'moyen', 'âgé'];
const SMALL_QUOTAS: Quota[] = [
  { attribute: 'gender', value: 'f', min: 2, max: 2 },
  { attribute: 'age', value: 'jeune', min: 1, max: 2 },
  { attribute: 'region', value: 'nord', min: 1, max: 3 },
];
const withAttributes = (quotas: Quota[], households?: Record<string, string>) =>
  canonicalPool(
    makePool(10, (i) => ({
      gender: GENDER[i < 3 ? 0 : 1],
      age: AGE[i % 3],
      region: i < 5 ? 'nord' : 'sud',
    })).map((entry) => (households?.[entry.id] ? { ...entry, household: households[entry.id] } : entry)),
    quotas,
  );

describe(drawLeximin.name, () => {
  it.each([
    ['three features', SMALL_QUOTAS, undefined],
    [
      'a household of two and one of three',
      SMALL_QUOTAS,
      { v01: 'rue A', v04: 'rue A', v05: 'rue B', v06: 'rue B', v09: 'rue B' },
    ],
    ['one mandatory value', [{ attribute: 'gender', value: 'f', min: 3, max: 3 }], undefined],
  ])(
    'gives the probabilities of a brute-force LEXIMIN over all feasible panels: %s',
    async (_l, quotas, households) => {
      const pool = withAttributes(quotas, households);
      const seats = 4;
      const expected = await bruteForceLeximin(pool, feasiblePanels(pool, quotas, seats));
      const sut = await drawLeximin({ pool, quotas, seats, substituteCount: 2, finalSeed: fixedSeed(1) });
      pool.forEach((entry, i) => {
        expect({ id: entry.id, p: Number(sut.probabilities[entry.id]) }).toEqual({
          id: entry.id,
          p: expect.closeTo(expected[i], 6),
        });
      });
    },
  );

  it('meets every quota and household rule in every composition and every panel it draws', async () => {
    const households = { v01: 'a', v02: 'a', v07: 'b', v08: 'b', v10: 'b' };
    const pool = withAttributes(SMALL_QUOTAS, households);
    const input = { pool, quotas: SMALL_QUOTAS, seats: 4, substituteCount: 3, finalSeed: fixedSeed(0) };
    const { distribution } = await drawLeximin(input);
    const model = groupModel(pool, SMALL_QUOTAS, 4);
    for (const panel of distribution.panels) {
      expect(brokenRule(model, panel.counts)).toBeUndefined();
    }
    for (let s = 0; s < 200; s++) {
      const sut = sampleLeximin(pool, model, distribution, 3, fixedSeed(s));
      expect(sut.panel).toHaveLength(4);
      expect(brokenQuota(sut.panel, pool, SMALL_QUOTAS)).toBeUndefined();
      const keys = sut.panel.map((id) => pool.find((e) => e.id === id)!.household).filter(Boolean);
      expect(new Set(keys).size).toBe(keys.length);
      expect(sut.substitutes.some((id) => sut.panel.includes(id))).toBe(false);
    }
  });

  it('names an irreducible set of conflicting quotas, in the given order', async () => {
    const quotas: Quota[] = [
      { attribute: 'age', value: 'jeune', min: 0, max: 4 },
      { attribute: 'gender', value: 'f', min: 3, max: 3 },
      { attribute: 'region', value: 'nord', min: 0, max: 4 },
      { attribute: 'region', value: 'sud', min: 2, max: 4 },
    ];
    // 3 women, all in the north; 4 seats: 3 women + 2 from the south is 5.
    const pool = withAttributes(quotas);
    const sut = drawLeximin({ pool, quotas, seats: 4, substituteCount: 0, finalSeed: fixedSeed(0) });
    await expect(sut).rejects.toThrow(SortitionError);
    await expect(sut).rejects.toMatchObject({
      kind: 'quotas_conflict',
      params: { quotas: 'gender=f (min 3, max 3) ; region=sud (min 2, max 4)', count: 2 },
    });
  });
});

describe('LEXIMIN proofs', () => {
  const SEED = 'leximin-spec-seed';
  const PUBLIC = 'EuroMillions 2026-12-04';
  async function proofOf(pool: PoolEntry[], quotas: Quota[], seats: number) {
    const outcome = await drawLeximin({
      pool,
      quotas,
      seats,
      substituteCount: 3,
      finalSeed: finalSeed(SEED, PUBLIC),
    });
    return buildProof({
      collectiveId: 'c1',
      sortitionId: 's1',
      pool,
      seats,
      substituteCount: 3,
      quotas,
      seedCommitment: seedCommitment(SEED),
      seed: SEED,
      publicValueSource: 'EuroMillions draw of Friday 4 December 2026',
      publicValue: PUBLIC,
      frozenAt: '2026-12-01T10:00:00.000Z',
      committedAt: '2026-12-01T10:05:00.000Z',
      drawnAt: '2026-12-04T21:00:00.000Z',
      outcome,
    });
  }

  it('publishes the same proof for the same inputs, and the verifier accepts it with a certificate', async () => {
    const pool = withAttributes(SMALL_QUOTAS, { v02: 'x', v03: 'x' });
    const [first, second] = [await proofOf(pool, SMALL_QUOTAS, 4), await proofOf(pool, SMALL_QUOTAS, 4)];
    expect(canonicalJson(second)).toBe(canonicalJson(first));
    expect(first.format).toBe('liquide-sortition-proof/2');
    const sut = await verifySortitionProof(JSON.parse(JSON.stringify(first)));
    expect(sut.ok ? sut.leximin : sut).toMatchObject({ gap: expect.any(Number) });
    expect(sut.ok && sut.leximin!.gap).toBeLessThan(1e-6);
    expect(sut.ok && sut.leximin!.levels).toBeGreaterThan(1);
  });

  it('verifies a proof whose objects list their keys in another order, as PostgreSQL jsonb returns them', async () => {
    const proof = await proofOf(withAttributes(SMALL_QUOTAS), SMALL_QUOTAS, 4);
    // jsonb stores keys shortest first ("gender" before "education"); here every object's keys are reversed
    const reordered = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reordered)
        : typeof value === 'object' && value !== null
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reordered(v)]),
            )
          : value;
    const read = reordered(JSON.parse(JSON.stringify(proof))) as typeof proof;
    expect(Object.keys(read.pool[0].attributes)).toEqual(['region', 'gender', 'age']);
    expect(await verifySortitionProof(read)).toMatchObject({ ok: true });
  });

  it('names the algorithm version that computed it, and still verifies proofs of the earlier versions', async () => {
    const pool = withAttributes(SMALL_QUOTAS, { v02: 'x', v03: 'x' });
    const current = await proofOf(pool, SMALL_QUOTAS, 4);
    expect(current.algorithm).toBe('leximin-groups-highs/4');
    // a proof published by version 1, 2 or 3 differs in its name (and maybe its distribution), sealed by its hash
    for (const algorithm of ['leximin-groups-highs/1', 'leximin-groups-highs/2', 'leximin-groups-highs/3']) {
      const { proofHash: _hash, ...older } = { ...current, algorithm };
      const sealed = { ...older, proofHash: proofHash(older) };
      expect({ algorithm, ok: (await verifySortitionProof(JSON.parse(JSON.stringify(sealed)))).ok }).toEqual({
        algorithm,
        ok: true,
      });
    }
    const { proofHash: _hash, ...body } = current;
    const unknown = { ...body, algorithm: 'leximin-groups-highs/9' };
    const refused = await verifySortitionProof({ ...unknown, proofHash: proofHash(unknown) });
    expect(refused).toMatchObject({ ok: false, difference: expect.stringContaining('algorithm') });
  });

  it('refuses the proof with any single byte changed', async () => {
    const pool = withAttributes(SMALL_QUOTAS, { v02: 'x', v03: 'x' });
    const text = canonicalJson(await proofOf(pool, SMALL_QUOTAS, 4));
    const positions = Array.from({ length: 150 }, (_, k) => Math.floor((k * text.length) / 150));
    for (const at of positions) {
      const c = text[at];
      const other = /\d/.test(c) ? String((Number(c) + 1) % 10) : c === 'a' ? 'b' : 'a';
      let parsed: unknown;
      try {
        parsed = JSON.parse(text.slice(0, at) + other + text.slice(at + 1));
      } catch {
        continue;
      }
      const sut = await verifySortitionProof(parsed);
      expect({ at, ok: sut.ok }).toEqual({ at, ok: false });
    }
  });

  it('names a panel that breaks a quota, and a level whose certificate does not hold', async () => {
    const pool = withAttributes(SMALL_QUOTAS);
    const proof = await proofOf(pool, SMALL_QUOTAS, 4);
    if (proof.format !== 'liquide-sortition-proof/2') {
      throw new Error('a LEXIMIN proof was expected');
    }
    const broken = structuredClone(proof);
    const counts = broken.distribution.panels[0].counts;
    const from = counts.findIndex((n) => n > 0);
    counts[from] -= 1;
    counts[(from + 1) % counts.length] += 1;
    expect(await verifySortitionProof(broken)).toMatchObject({
      ok: false,
      difference: expect.stringMatching(/^\$\.distribution\.panels\[0\]\.counts: /),
    });
    const weak = structuredClone(proof);
    weak.distribution.levels[0].multipliers.seats = String(
      Number(weak.distribution.levels[0].multipliers.seats) + 0.01,
    );
    expect(await verifySortitionProof(weak)).toMatchObject({
      ok: false,
      difference: expect.stringMatching(/^\$\.distribution\.levels\[0\]: the certificate bounds the level/),
    });
  });
});
