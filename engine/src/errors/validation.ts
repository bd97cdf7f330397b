import { z, type ZodType } from 'zod';
import type { Language } from './error-catalog';

/** One broken rule, named by its field. */
export interface FieldProblem {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/** Raised by `parseInput` and the validation pipe; the filter renders it in the caller's language. */
export class InputValidationError extends Error {
  constructor(
    readonly issues: readonly z.core.$ZodIssue[],
    readonly where: 'body' | 'query' | 'param' | 'socket' = 'body',
  ) {
    super('validation failed');
    this.name = 'InputValidationError';
  }
}

const locales = { fr: z.locales.fr(), en: z.locales.en() } as const;

function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, key) => {
    if (typeof key === 'number') {
      return `${name}[${key}]`;
    }
    return name ? `${name}.${String(key)}` : String(key);
  }, '');
}

/** Renders zod issues as field / rule / message in one language. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], language: Language): FieldProblem[] {
  return issues.map((issue) => {
    const custom = issue.code === 'custom' || issue.message.startsWith('!');
    const localized = custom ? undefined : locales[language].localeError(issue as never);
    const text = typeof localized === 'string' ? localized : (localized?.message ?? issue.message);
    return { field: fieldName(issue.path) || '(body)', rule: issue.code, message: pickSide(text, language) };
  });
}

/**
 * Schemas write their own messages as `'!français — English'`: the caller gets its language's side.
 * A message without the two sides is returned as it is (without the leading `!`).
 */
export function pickSide(message: string, language: Language): string {
  const text = message.replace(/^!/, '');
  const sides = text.split(' — ');
  if (!message.startsWith('!') || sides.length !== 2) {
    return text;
  }
  return (language === 'fr' ? sides[0] : sides[1]).trim();
}

/** Parses untrusted input with a schema, raising InputValidationError on failure. */
export function parseInput<T extends ZodType>(
  schema: T,
  input: unknown,
  where: InputValidationError['where'] = 'body',
): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new InputValidationError(result.error.issues, where);
  }
  return result.data;
}
