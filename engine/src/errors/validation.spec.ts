import { z } from 'zod';
import { describeIssues, pickSide } from './validation';

describe(pickSide.name, () => {
  it('gives the French side by default and the English side on request', () => {
    const sut = '!au plus 3 régions — at most 3 regions';
    expect(pickSide(sut, 'fr')).toBe('au plus 3 régions');
    expect(pickSide(sut, 'en')).toBe('at most 3 regions');
  });

  it('leaves a one-language message whole', () => {
    expect(pickSide('!doit être positif', 'en')).toBe('doit être positif');
  });
});

describe(describeIssues.name, () => {
  it('names the field and translates zod’s own rules', () => {
    const schema = z.object({ count: z.number().int().min(1) });
    const result = schema.safeParse({ count: 0 });
    expect(result.success).toBe(false);
    const [fr] = describeIssues(result.error!.issues, 'fr');
    const [en] = describeIssues(result.error!.issues, 'en');
    expect(fr).toMatchObject({ field: 'count', rule: 'too_small' });
    expect(fr.message).toMatch(/Trop petit/);
    expect(en.message).toMatch(/Too small/);
  });
});
