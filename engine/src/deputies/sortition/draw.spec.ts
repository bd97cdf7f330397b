import { drawPanel, nextSubstitute } from './draw';
import { canonicalPool } from './hash';
import { brokenQuota, SortitionError } from './quotas';
import { fixedSeed, makePool } from './testing';
import type { Quota } from './types';

const REGIONS = ['nord', 'sud', 'est'];
const regionAndGender = (i: number) => ({
  region: REGIONS[i % 3],
  gender: i % 4 === 0 ? 'f' : i % 4 === 1 ? 'f' : i % 4 === 2 ? 'h' : 'x',
  ageBand: i < 6 ? '18-29' : 'other',
});
const QUOTAS: Quota[] = [
  { attribute: 'region', value: 'nord', min: 2, max: 3 },
  { attribute: 'region', value: 'sud', min: 2, max: 3 },
  { attribute: 'region', value: 'est', min: 2, max: 3 },
  { attribute: 'gender', value: 'f', min: 3, max: 4 },
  { attribute: 'ageBand', value: '18-29', min: 2, max: 7 },
];

describe(drawPanel.name, () => {
  describe('without quotas', () => {
    const pool = makePool(20);

    it('gives the same panel and substitutes for the same inputs, another for another seed', async () => {
      const sut = () =>
        drawPanel({ pool, quotas: [], seats: 5, substituteCount: 4, finalSeed: fixedSeed(1) });
      const [first, second] = [await sut(), await sut()];
      expect(second).toEqual(first);
      expect(first.algorithm).toBe('uniform-fisher-yates/1');
      expect(first.panel).toHaveLength(5);
      expect(first.substitutes).toHaveLength(4);
      expect(first.substitutes.some((id) => first.panel.includes(id))).toBe(false);
      const other = await drawPanel({
        pool,
        quotas: [],
        seats: 5,
        substituteCount: 4,
        finalSeed: fixedSeed(2),
      });
      expect(other.panel).not.toEqual(first.panel);
      expect(Object.values(first.probabilities)).toEqual(Array(20).fill('0.250000000'));
    });

    it('selects each volunteer with frequency K/N over many fixed seeds (chi-square, 19 df, p = 0.001)', async () => {
      const draws = 4000;
      const counts = new Map(pool.map((entry) => [entry.id, 0]));
      for (let s = 0; s < draws; s++) {
        const { panel } = await drawPanel({
          pool,
          quotas: [],
          seats: 5,
          substituteCount: 0,
          finalSeed: fixedSeed(s),
        });
        panel.forEach((id) => counts.set(id, (counts.get(id) ?? 0) + 1));
      }
      const expected = (draws * 5) / 20;
      const chiSquare = [...counts.values()].reduce((sum, o) => sum + (o - expected) ** 2 / expected, 0);
      expect(chiSquare).toBeLessThan(43.82);
      for (const observed of counts.values()) {
        expect(Math.abs(observed / draws - 0.25)).toBeLessThan(0.03);
      }
    });
  });

  describe('with quotas', () => {
    const pool = canonicalPool(makePool(24, regionAndGender), QUOTAS);

    it('meets every quota, for every seed, and is reproducible', async () => {
      for (let s = 0; s < 12; s++) {
        const input = { pool, quotas: QUOTAS, seats: 8, substituteCount: 5, finalSeed: fixedSeed(s) };
        const sut = await drawPanel(input);
        expect(sut.algorithm).toBe('maximin-colgen-highs/1');
        expect(sut.panel).toHaveLength(8);
        expect(brokenQuota(sut.panel, pool, QUOTAS)).toBeUndefined();
        for (const panel of sut.distribution?.panels ?? []) {
          expect(brokenQuota(panel.members, pool, QUOTAS)).toBeUndefined();
        }
        if (s < 3) {
          expect(await drawPanel(input)).toEqual(sut);
        }
      }
    });

    it('publishes probabilities that add up to the seats and are as equal as the quotas allow', async () => {
      const sut = await drawPanel({
        pool,
        quotas: QUOTAS,
        seats: 8,
        substituteCount: 0,
        finalSeed: fixedSeed(0),
      });
      const probabilities = Object.values(sut.probabilities).map(Number);
      expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(8, 6);
      // 8 seats for 24 volunteers: 1/3 each is reachable with these quotas.
      expect(Math.min(...probabilities)).toBeGreaterThan(0.333);
    });

    it('finds the maximin: one mandatory volunteer gets 1, the five others 1/5 each', async () => {
      const small = makePool(6, (i) => ({ group: i === 0 ? 'a' : 'b' }));
      const quotas = [{ attribute: 'group', value: 'a', min: 1, max: 1 }];
      const sut = await drawPanel({
        pool: small,
        quotas,
        seats: 2,
        substituteCount: 1,
        finalSeed: fixedSeed(0),
      });
      expect(sut.probabilities.v01).toBe('1.000000000');
      for (const id of ['v02', 'v03', 'v04', 'v05', 'v06']) {
        expect(Number(sut.probabilities[id])).toBeCloseTo(0.2, 8);
      }
    });

    it('gives probability 0 to volunteers no quota-satisfying panel can hold', async () => {
      const small = makePool(4, (i) => ({ region: i < 2 ? 'nord' : 'sud' }));
      const quotas = [{ attribute: 'region', value: 'sud', min: 0, max: 0 }];
      const sut = await drawPanel({
        pool: small,
        quotas,
        seats: 1,
        substituteCount: 0,
        finalSeed: fixedSeed(0),
      });
      expect(sut.probabilities).toEqual({
        v01: '0.500000000',
        v02: '0.500000000',
        v03: '0.000000000',
        v04: '0.000000000',
      });
    });

    it.each([
      [
        'too few volunteers in a category',
        [{ attribute: 'region', value: 'nord', min: 9, max: 9 }],
        'region=nord',
      ],
      ['a minimum above the seats', [{ attribute: 'gender', value: 'f', min: 9, max: 12 }], 'gender=f'],
      [
        'minimums adding up beyond the seats',
        [
          { attribute: 'region', value: 'nord', min: 4, max: 4 },
          { attribute: 'region', value: 'sud', min: 5, max: 5 },
        ],
        'region=sud',
      ],
    ])('refuses %s, naming the quota', async (_label, quotas, named) => {
      const sut = drawPanel({ pool, quotas, seats: 8, substituteCount: 0, finalSeed: fixedSeed(0) });
      await expect(sut).rejects.toThrow(SortitionError);
      await expect(sut).rejects.toMatchObject({
        kind: 'quota_infeasible',
        params: { quota: expect.stringContaining(named) },
      });
    });

    it('names the quota that conflicts with the earlier ones when only the solver can tell', async () => {
      const small = makePool(4, (i) =>
        i < 2 ? { region: 'nord', gender: 'h' } : { region: 'sud', gender: 'f' },
      );
      const quotas = [
        { attribute: 'region', value: 'nord', min: 2, max: 2 },
        { attribute: 'gender', value: 'f', min: 1, max: 2 },
      ];
      const sut = drawPanel({ pool: small, quotas, seats: 2, substituteCount: 0, finalSeed: fixedSeed(0) });
      await expect(sut).rejects.toMatchObject({ params: { quota: 'gender=f (min 1, max 2)' } });
    });
  });
});

describe(nextSubstitute.name, () => {
  it('skips substitutes who would break a quota, and falls back to the first one', () => {
    const pool = makePool(4, (i) => ({ region: i < 2 ? 'nord' : 'sud' }));
    const quotas = [{ attribute: 'region', value: 'nord', min: 1, max: 1 }];
    expect(nextSubstitute(['v03'], ['v04', 'v02'], pool, quotas)).toEqual({ id: 'v02', quotasMet: true });
    expect(nextSubstitute(['v03'], ['v04'], pool, quotas)).toEqual({ id: 'v04', quotasMet: false });
    expect(nextSubstitute(['v03'], [], pool, quotas)).toBeUndefined();
  });
});
