import { addMonths, evaluateSpread, newlyReached, thresholdMet, windowEnd } from './evaluation';
import { ECI_MINIMUMS } from './presets';
import { Threshold, TerritorialSpread } from './settings';

describe(evaluateSpread.name, () => {
  const sut = evaluateSpread;

  it('counts the listed regions that reach their own minimum, k of n', () => {
    const spread = TerritorialSpread.parse({ minRegions: 2, minimums: { A: 10, B: 5, C: 1 } });
    expect(sut(spread, { A: 9, B: 5, C: 0 })).toEqual({ met: false, required: 2, regionsMet: ['B'] });
    expect(sut(spread, { A: 10, B: 5, C: 0 })).toEqual({ met: true, required: 2, regionsMet: ['A', 'B'] });
  });

  it('ignores regions that are not listed unless otherRegionsMinimum is set', () => {
    const listedOnly = TerritorialSpread.parse({ minRegions: 1, minimums: { A: 3 } });
    expect(sut(listedOnly, { Z: 1000 }).met).toBe(false);
    const open = TerritorialSpread.parse({ minRegions: 2, minimums: {}, otherRegionsMinimum: 3 });
    expect(sut(open, { X: 3, Y: 2, Z: 4 })).toEqual({ met: true, required: 2, regionsMet: ['X', 'Z'] });
  });

  it('ECI: national minimums (seats × 720) in 7 of 27 states', () => {
    const spread = TerritorialSpread.parse({ minRegions: 7, minimums: ECI_MINIMUMS });
    const six = { DE: 69_120, FR: 58_320, IT: 54_720, ES: 43_920, PL: 38_160, MT: 4_320 };
    expect(sut(spread, six).met).toBe(false);
    expect(sut(spread, { ...six, LU: 4_319 }).met).toBe(false);
    expect(sut(spread, { ...six, LU: 4_320 })).toEqual({
      met: true,
      required: 7,
      regionsMet: ['DE', 'ES', 'FR', 'IT', 'LU', 'MT', 'PL'],
    });
  });
});

describe(thresholdMet.name, () => {
  it('needs the total and, when asked, the spread', () => {
    const plain = Threshold.parse({ id: 'debate', signatures: 3, effect: 'debate' });
    expect(thresholdMet(plain, { total: 2, regions: {} })).toBe(false);
    expect(thresholdMet(plain, { total: 3, regions: {} })).toBe(true);
    const spread = Threshold.parse({
      id: 'binding',
      signatures: 3,
      effect: 'binding',
      spread: { minRegions: 2, minimums: { A: 1, B: 1, C: 1 } },
    });
    expect(thresholdMet(spread, { total: 5, regions: { A: 5 } })).toBe(false);
    expect(thresholdMet(spread, { total: 5, regions: { A: 4, C: 1 } })).toBe(true);
  });
});

describe(newlyReached.name, () => {
  const thresholds = [
    Threshold.parse({ id: 'response', signatures: 2, effect: 'response-required', responseDeadlineDays: 10 }),
    Threshold.parse({ id: 'debate', signatures: 4, effect: 'debate' }),
    Threshold.parse({
      id: 'binding',
      signatures: 4,
      effect: 'binding',
      spread: { minRegions: 1, minimums: { A: 3 } },
    }),
  ];

  it('returns several thresholds reached at once, in their order, never twice', () => {
    expect(newlyReached(thresholds, { total: 1, regions: {} }, new Set()).map((t) => t.id)).toEqual([]);
    expect(newlyReached(thresholds, { total: 4, regions: { A: 3 } }, new Set()).map((t) => t.id)).toEqual([
      'response',
      'debate',
      'binding',
    ]);
    expect(
      newlyReached(thresholds, { total: 5, regions: { A: 3 } }, new Set(['response', 'debate'])).map(
        (t) => t.id,
      ),
    ).toEqual(['binding']);
  });
});

describe(windowEnd.name, () => {
  it('adds calendar months in UTC, clamped to the end of shorter months', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2026-08-15T00:00:00Z'), 6).toISOString()).toBe('2027-02-15T00:00:00.000Z');
    expect(windowEnd(new Date('2026-11-28T00:00:00Z'), { months: 12 }).toISOString()).toBe(
      '2027-11-28T00:00:00.000Z',
    );
    expect(windowEnd(new Date('2026-11-28T00:00:00Z'), { days: 30 }).toISOString()).toBe(
      '2026-12-28T00:00:00.000Z',
    );
  });
});
