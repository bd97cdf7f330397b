import { z } from 'zod';
import { summary } from './issue-messages';
import { withStatusWords } from './status-words';
import { describeIssues, InputValidationError, parseInput, pickSide } from './validation';

function problems(schema: z.ZodType, input: unknown, language: 'fr' | 'en') {
  const result = schema.safeParse(input, { reportInput: true });
  expect(result.success).toBe(false);
  return describeIssues(result.error!.issues, language);
}

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
  const form = z.object({
    title: z.string().min(1).max(120),
    summary: z.string().min(3),
    count: z.number().int().min(1).max(1000),
    email: z.email(),
    choice: z.enum(['yes', 'no']),
    tags: z.array(z.string()).max(2),
  });

  it('names each field, with a code and a plain French message (no zod jargon)', () => {
    const sut = problems(
      form,
      { title: '', summary: 'a', count: 0, email: 'nope', choice: 'maybe', tags: ['a', 'b', 'c'] },
      'fr',
    );
    const byField = Object.fromEntries(sut.map((p) => [p.field, p]));
    expect(byField.title).toEqual({
      field: 'title',
      rule: 'too_small',
      code: 'validation.required',
      message: 'Ce champ est obligatoire.',
    });
    expect(byField.summary).toMatchObject({
      code: 'validation.too_short',
      message: 'Au moins 3 caractères.',
    });
    expect(byField.count).toMatchObject({ code: 'validation.too_small', message: 'Doit valoir au moins 1.' });
    expect(byField.email).toMatchObject({
      code: 'validation.bad_format',
      message: 'Adresse e-mail invalide.',
    });
    expect(byField.choice).toMatchObject({ code: 'validation.bad_choice' });
    expect(byField.tags).toMatchObject({ code: 'validation.too_many', message: 'Au plus 2 éléments.' });
    for (const problem of sut) {
      expect(problem.message).not.toMatch(/Trop petit|Trop grand|>=|<=|chaîne de caractères/);
    }
  });

  it('says the same in English, with English plurals and numbers', () => {
    const sut = problems(form, { title: 'x'.repeat(121), summary: 'abc', count: 5000 }, 'en');
    const byField = Object.fromEntries(sut.map((p) => [p.field, p]));
    expect(byField.title).toMatchObject({ code: 'validation.too_long', message: 'At most 120 characters.' });
    expect(byField.count).toMatchObject({ code: 'validation.too_big', message: 'Must be at most 1,000.' });
    expect(byField.email).toMatchObject({ code: 'validation.required', message: 'This field is required.' });
    expect(byField.choice).toMatchObject({ code: 'validation.required' });
  });

  it('uses the singular for one in both languages (French also for zero)', () => {
    const one = z.object({ name: z.string().max(1), list: z.array(z.number()).min(1) });
    const fr = problems(one, { name: 'ab', list: [] }, 'fr');
    expect(fr.map((p) => p.message)).toEqual(['Au plus 1 caractère.', 'Au moins 1 élément.']);
    const en = problems(one, { name: 'ab', list: [] }, 'en');
    expect(en.map((p) => p.message)).toEqual(['At most 1 character.', 'At least 1 item.']);
  });

  it('keeps a message the schema wrote in both languages, as a sentence', () => {
    const schema = z.object({
      slug: z.string().regex(/^[a-z]+$/, '!lettres minuscules — lowercase letters'),
    });
    expect(problems(schema, { slug: 'A' }, 'fr')[0]).toMatchObject({
      field: 'slug',
      code: 'validation.bad_format',
      message: 'Lettres minuscules',
    });
    expect(problems(schema, { slug: 'A' }, 'en')[0].message).toBe('Lowercase letters');
  });

  it('names nested fields by their path', () => {
    const schema = z.object({
      settings: z.object({ thresholds: z.array(z.object({ id: z.string().min(2) })) }),
    });
    const [sut] = problems(schema, { settings: { thresholds: [{ id: 'a' }] } }, 'en');
    expect(sut.field).toBe('settings.thresholds[0].id');
  });
});

describe(summary.name, () => {
  it('counts the fields with the right plural and French spacing', () => {
    expect(summary(1, 'fr')).toBe('La requête est invalide\u202f: 1 champ est à corriger.');
    expect(summary(2, 'fr')).toBe('La requête est invalide\u202f: 2 champs sont à corriger.');
    expect(summary(1, 'en')).toBe('The request is invalid: 1 field needs fixing.');
    expect(summary(3, 'en')).toBe('The request is invalid: 3 fields need fixing.');
  });
});

describe('parseInput', () => {
  it('tells a missing field from a field of the wrong type', () => {
    const schema = z.object({ count: z.number(), choice: z.enum(['yes', 'no']) });
    let caught: unknown;
    try {
      parseInput(schema, { count: 'three', choice: 'maybe' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputValidationError);
    const [count, choice] = describeIssues((caught as InputValidationError).issues, 'en');
    expect(count).toMatchObject({
      field: 'count',
      code: 'validation.wrong_type',
      message: 'Must be a number.',
    });
    expect(choice).toMatchObject({ field: 'choice', code: 'validation.bad_choice' });
    expect(choice.message).toBe('Unrecognised choice, pick one of yes or no.');
  });
});

describe(withStatusWords.name, () => {
  it('puts status values into words, lists too, and leaves other params alone', () => {
    expect(withStatusWords({ status: 'closed', expected: 'draft', count: 2, title: 'open' }, 'fr')).toEqual({
      status: 'clos',
      expected: 'en préparation',
      count: 2,
      title: 'open',
    });
    expect(withStatusWords({ status: 'voting', expected: 'proposed, contest' }, 'en')).toEqual({
      status: 'being voted on',
      expected: 'tabled or being ranked',
    });
    expect(withStatusWords({ status: 'unheard-of' }, 'en')).toEqual({ status: 'unheard-of' });
  });
});
