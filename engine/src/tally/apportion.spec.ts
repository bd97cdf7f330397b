import fc from 'fast-check';
import { apportion, type ApportionMethod } from './apportion';
import { ticket } from './draw';

describe(apportion.name, () => {
  it('gives largest-remainder seats from exact quotas', () => {
    // Floating point would see 0.1 + 0.2 + 0.3 ≠ 0.6; in micro-units the quotas are exactly 1, 2 and 3.
    const sut = apportion({ yes: 0.1, no: 0.2, abstain: 0.3 }, 6, 'largest-remainder', 's');

    expect(sut).toEqual({ yes: 1, no: 2, abstain: 3 });
  });

  it('gives the known results of D’Hondt and Sainte-Laguë', () => {
    const counts = { a: 100_000, b: 80_000, c: 30_000, d: 20_000 };

    expect(apportion(counts, 8, 'dhondt', 's')).toEqual({ a: 4, b: 3, c: 1, d: 0 });
    expect(apportion(counts, 8, 'sainte-lague', 's')).toEqual({ a: 3, b: 3, c: 1, d: 1 });
  });

  it('breaks an exact tie by the smallest ticket of the seed', () => {
    for (const seed of ['s1', 's2', 's3', 's4']) {
      const winner = ticket('tie', seed, 'yes') < ticket('tie', seed, 'no') ? 'yes' : 'no';

      const sut = apportion({ yes: 5, no: 5, abstain: 0 }, 3, 'largest-remainder', seed);

      expect(sut[winner]).toBe(2);
    }
    // Pinned (checked with sha256sum): tickets no 1b70…, abstain 73c1…, yes b73a…, so "no" wins.
    expect(apportion({ yes: 1, no: 1, abstain: 1 }, 1, 'dhondt', 'public-seed-2026')).toEqual({
      yes: 0,
      no: 1,
      abstain: 0,
    });
  });

  it('refuses impossible inputs', () => {
    expect(() => apportion({ yes: 0, no: 0 }, 1, 'dhondt', 's')).toThrow(RangeError);
    expect(() => apportion({ yes: 0.0000001 }, 1, 'dhondt', 's')).toThrow(/6 decimal places/);
    expect(() => apportion({ yes: 1 }, 1.5, 'dhondt', 's')).toThrow(/seats/);
  });

  const countsArb = fc
    .array(fc.bigInt({ min: 0n, max: 10n ** 15n }), { minLength: 1, maxLength: 4 })
    .filter((values) => values.some((value) => value > 0n))
    .map((values) => Object.fromEntries(values.map((value, i) => [`o${i}`, value])));

  it('gives every largest-remainder option its quota rounded down or up, and all seats', () => {
    fc.assert(
      fc.property(countsArb, fc.integer({ min: 0, max: 200 }), fc.string(), (counts, seats, seed) => {
        const sut = apportion(counts, seats, 'largest-remainder', seed);
        const total = Object.values(counts).reduce((sum, value) => sum + value, 0n);

        expect(Object.values(sut).reduce((sum, value) => sum + value, 0)).toBe(seats);
        for (const [name, value] of Object.entries(counts)) {
          const floor = Number((value * BigInt(seats)) / total);
          expect(sut[name] === floor || sut[name] === floor + 1).toBe(true);
        }
      }),
    );
  });

  it.each<ApportionMethod>(['dhondt', 'sainte-lague'])('meets the divisor condition for %s', (method) => {
    const divisor = (seats: number): bigint =>
      method === 'dhondt' ? BigInt(seats) + 1n : 2n * BigInt(seats) + 1n;
    fc.assert(
      fc.property(countsArb, fc.integer({ min: 0, max: 200 }), fc.string(), (counts, seats, seed) => {
        const sut = apportion(counts, seats, method, seed);

        expect(Object.values(sut).reduce((sum, value) => sum + value, 0)).toBe(seats);
        // Every seat given beats every seat not given: c_j / d(s_j − 1) ≥ c_i / d(s_i) for all i, j.
        for (const [j, held] of Object.entries(sut)) {
          if (held === 0) {
            continue;
          }
          for (const [i, other] of Object.entries(sut)) {
            expect(counts[j] * divisor(other) >= counts[i] * divisor(held - 1)).toBe(true);
          }
        }
      }),
    );
  });
});
