import { z } from 'zod';
import { evaluateSpread } from './evaluation';
import { ECI_MINIMUMS, EU_PARLIAMENT_SEATS, FRENCH_REGIONS, PETITION_PRESETS } from './presets';
import { PetitionSettings } from './settings';

describe('PETITION_PRESETS', () => {
  it.each(Object.keys(PETITION_PRESETS))('%s is valid settings', (name) => {
    const preset = PETITION_PRESETS[name as keyof typeof PETITION_PRESETS];
    expect(PetitionSettings.safeParse(preset.settings).success).toBe(true);
  });

  it('UK: 5 sponsors, 6 months, 10,000 → response, 100,000 → debate, no spread', () => {
    const sut = PetitionSettings.parse(PETITION_PRESETS.uk.settings);
    expect(sut.phases.sponsorship.sponsorsRequired).toBe(5);
    expect(sut.phases.collection.window).toEqual({ months: 6 });
    expect(sut.phases.collection.thresholds.map((t) => [t.signatures, t.effect, t.spread])).toEqual([
      [10_000, 'response-required', undefined],
      [100_000, 'debate', undefined],
    ]);
  });

  it('ECI: 1,000,000 in 12 months with 7 of 27 national minimums of seats × 720', () => {
    const sut = PetitionSettings.parse(PETITION_PRESETS.eci.settings);
    expect(Object.keys(EU_PARLIAMENT_SEATS)).toHaveLength(27);
    expect(Object.values(EU_PARLIAMENT_SEATS).reduce((a, b) => a + b, 0)).toBe(720);
    expect(ECI_MINIMUMS.DE).toBe(69_120);
    expect(ECI_MINIMUMS.MT).toBe(4_320);
    expect(sut.phases.collection.window).toEqual({ months: 12 });
    for (const threshold of sut.phases.collection.thresholds) {
      expect(threshold.signatures).toBe(1_000_000);
      expect(threshold.spread?.minRegions).toBe(7);
      expect(Object.keys(threshold.spread?.minimums ?? {})).toHaveLength(27);
    }
    expect(sut.phases.collection.thresholds.map((t) => t.effect)).toEqual(['response-required', 'debate']);
  });

  it('#MaVoix: deliberation first, 50,000 with a spread over French regions, an answer and a binding ballot', () => {
    const sut = PetitionSettings.parse(PETITION_PRESETS.mavoix.settings);
    expect(sut.phases.deliberation.enabled).toBe(true);
    const binding = sut.phases.collection.thresholds.find((t) => t.effect === 'binding');
    expect(binding?.signatures).toBe(50_000);
    expect(Object.keys(binding?.spread?.minimums ?? {})).toEqual([...FRENCH_REGIONS]);
    const eightRegions = Object.fromEntries(FRENCH_REGIONS.slice(0, 8).map((r) => [r, 1000]));
    expect(evaluateSpread(binding!.spread!, eightRegions).met).toBe(false);
    expect(evaluateSpread(binding!.spread!, { ...eightRegions, YT: 1000 }).met).toBe(true);
    expect(sut.phases.collection.thresholds.some((t) => t.effect === 'response-required')).toBe(true);
  });

  it('defaults alone are valid and serve as JSON Schema', () => {
    expect(PetitionSettings.parse({}).global.regionAttribute).toBe('region');
    const schema = z.toJSONSchema(PetitionSettings, { io: 'input' });
    expect(schema).toMatchObject({ type: 'object', properties: { global: {}, phases: {} } });
  });

  it('explains broken rules by field', () => {
    const result = PetitionSettings.safeParse({
      phases: {
        collection: {
          window: { weeks: 2 },
          thresholds: [
            { id: 'a', signatures: 10, effect: 'response-required' },
            { id: 'a', signatures: 10, effect: 'debate', spread: { minRegions: 3, minimums: { X: 1 } } },
          ],
        },
      },
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'phases.collection.window',
        'phases.collection.thresholds.0.responseDeadlineDays',
        'phases.collection.thresholds.1.spread.minRegions',
      ]),
    );
  });
});
