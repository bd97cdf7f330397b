import type { z } from 'zod';
import type { Language } from './error-catalog';

/**
 * Human messages for zod's rules, in French and English, written for the person who filled the form:
 * "Au moins 3 caractères", not "Trop petit : chaîne de caractères doit avoir >=3 caractères". Each
 * broken rule also gets a stable code (`validation.too_short`) the client may key on.
 */
export type IssueCode =
  | 'validation.required'
  | 'validation.too_short'
  | 'validation.too_long'
  | 'validation.too_few'
  | 'validation.too_many'
  | 'validation.too_small'
  | 'validation.too_big'
  | 'validation.wrong_type'
  | 'validation.bad_format'
  | 'validation.bad_choice'
  | 'validation.not_multiple'
  | 'validation.unknown_fields'
  | 'validation.duplicate'
  | 'validation.invalid';

export interface IssueText {
  readonly code: IssueCode;
  readonly message: string;
}

/** Narrow no-break space: French puts one before `:` `;` `!` `?`. */
const NNBSP = '\u202f';

type Words = Readonly<Record<'one' | 'other', string>>;

const UNITS: Readonly<Record<Language, Readonly<Record<'characters' | 'items' | 'keys', Words>>>> = {
  fr: {
    characters: { one: 'caractère', other: 'caractères' },
    items: { one: 'élément', other: 'éléments' },
    keys: { one: 'entrée', other: 'entrées' },
  },
  en: {
    characters: { one: 'character', other: 'characters' },
    items: { one: 'item', other: 'items' },
    keys: { one: 'entry', other: 'entries' },
  },
};

const TYPES: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  fr: {
    string: 'un texte',
    number: 'un nombre',
    int: 'un nombre entier',
    boolean: 'oui ou non',
    array: 'une liste',
    object: 'un groupe de champs',
    date: 'une date',
  },
  en: {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'yes or no',
    array: 'a list',
    object: 'a group of fields',
    date: 'a date',
  },
};

const FORMATS: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  fr: {
    email: 'Adresse e-mail invalide.',
    url: 'Adresse web invalide.',
    uuid: 'Identifiant invalide.',
    datetime: 'Date et heure invalides.',
    date: 'Date invalide.',
    time: 'Heure invalide.',
    regex: 'Format invalide.',
  },
  en: {
    email: 'Invalid e-mail address.',
    url: 'Invalid web address.',
    uuid: 'Invalid identifier.',
    datetime: 'Invalid date and time.',
    date: 'Invalid date.',
    time: 'Invalid time.',
    regex: 'Invalid format.',
  },
};

/** A number in the language's own way ("1 000" / "1,000"). */
export function formatCount(value: number | bigint, language: Language): string {
  return new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB').format(value);
}

/** "1 caractère", "2 caractères", "0 caractère" (French: 0 and 1 take the singular). */
export function countOf(value: number | bigint, words: Words, language: Language): string {
  const category = new Intl.PluralRules(language).select(Number(value)) === 'one' ? 'one' : 'other';
  return `${formatCount(value, language)} ${words[category]}`;
}

function unitOf(origin: string): 'characters' | 'items' | 'keys' | null {
  if (origin === 'string') {
    return 'characters';
  }
  if (origin === 'array' || origin === 'set') {
    return 'items';
  }
  return origin === 'record' || origin === 'object' ? 'keys' : null;
}

function tooSmall(issue: z.core.$ZodIssueTooSmall, language: Language): IssueText {
  const fr = language === 'fr';
  const unit = unitOf(issue.origin);
  if (unit === 'characters' && Number(issue.minimum) === 1) {
    return required(language);
  }
  if (unit) {
    const amount = countOf(issue.minimum, UNITS[language][unit], language);
    return {
      code: unit === 'characters' ? 'validation.too_short' : 'validation.too_few',
      message: fr ? `Au moins ${amount}.` : `At least ${amount}.`,
    };
  }
  const bound = formatCount(issue.minimum, language);
  const message =
    issue.inclusive === false
      ? fr
        ? `Doit être supérieur à ${bound}.`
        : `Must be more than ${bound}.`
      : fr
        ? `Doit valoir au moins ${bound}.`
        : `Must be at least ${bound}.`;
  return { code: 'validation.too_small', message };
}

function tooBig(issue: z.core.$ZodIssueTooBig, language: Language): IssueText {
  const fr = language === 'fr';
  const unit = unitOf(issue.origin);
  if (unit) {
    const amount = countOf(issue.maximum, UNITS[language][unit], language);
    return {
      code: unit === 'characters' ? 'validation.too_long' : 'validation.too_many',
      message: fr ? `Au plus ${amount}.` : `At most ${amount}.`,
    };
  }
  const bound = formatCount(issue.maximum, language);
  const message =
    issue.inclusive === false
      ? fr
        ? `Doit être inférieur à ${bound}.`
        : `Must be less than ${bound}.`
      : fr
        ? `Doit valoir au plus ${bound}.`
        : `Must be at most ${bound}.`;
  return { code: 'validation.too_big', message };
}

function required(language: Language): IssueText {
  return {
    code: 'validation.required',
    message: language === 'fr' ? 'Ce champ est obligatoire.' : 'This field is required.',
  };
}

function list(values: readonly unknown[], language: Language): string {
  const shown = values.slice(0, 8).map((value) => String(value));
  return new Intl.ListFormat(language, { type: 'disjunction' }).format(shown);
}

/**
 * Whether nothing was given: issues carry their input when parsed with `reportInput` (as `parseInput`
 * does); otherwise zod's default message says "received undefined".
 */
function missing(issue: z.core.$ZodIssue): boolean {
  if ('input' in issue) {
    return issue.input === undefined || issue.input === null;
  }
  return /received (undefined|null)\b/.test(issue.message);
}

/** The code and message for one zod issue (without a schema-written message). */
export function issueText(issue: z.core.$ZodIssue, language: Language): IssueText {
  const fr = language === 'fr';
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && missing(issue)) {
    return required(language);
  }
  switch (issue.code) {
    case 'too_small':
      return tooSmall(issue, language);
    case 'too_big':
      return tooBig(issue, language);
    case 'invalid_type': {
      const expected = TYPES[language][issue.expected] ?? issue.expected;
      return {
        code: 'validation.wrong_type',
        message: fr ? `Doit être ${expected}.` : `Must be ${expected}.`,
      };
    }
    case 'invalid_format': {
      const message = FORMATS[language][issue.format] ?? FORMATS[language].regex;
      return { code: 'validation.bad_format', message };
    }
    case 'invalid_value':
      return {
        code: 'validation.bad_choice',
        message: fr
          ? `Choix non reconnu, à prendre parmi ${list(issue.values, language)}.`
          : `Unrecognised choice, pick one of ${list(issue.values, language)}.`,
      };
    case 'not_multiple_of':
      return {
        code: 'validation.not_multiple',
        message: fr
          ? `Doit être un multiple de ${String(issue.divisor)}.`
          : `Must be a multiple of ${String(issue.divisor)}.`,
      };
    case 'unrecognized_keys':
      return {
        code: 'validation.unknown_fields',
        message: fr
          ? `Champs inconnus${NNBSP}: ${issue.keys.join(', ')}.`
          : `Unknown fields: ${issue.keys.join(', ')}.`,
      };
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return { code: 'validation.invalid', message: fr ? 'Valeur invalide.' : 'Invalid value.' };
  }
}

/** "1 champ est à corriger" / "2 fields need fixing": the summary above a form's field errors. */
export function summary(count: number, language: Language): string {
  const one = new Intl.PluralRules(language).select(count) === 'one';
  if (language === 'fr') {
    return one
      ? `La requête est invalide${NNBSP}: ${formatCount(count, language)} champ est à corriger.`
      : `La requête est invalide${NNBSP}: ${formatCount(count, language)} champs sont à corriger.`;
  }
  return one
    ? `The request is invalid: ${formatCount(count, language)} field needs fixing.`
    : `The request is invalid: ${formatCount(count, language)} fields need fixing.`;
}
