import type { z, ZodType } from 'zod';
import type { Language } from './error-catalog';
import { issueText, type IssueCode } from './issue-messages';

/**
 * One broken rule, named by its field: `rule` is zod's (`too_small`), `code` says what the person has to
 * do (`validation.required`, `validation.too_long`…) and `message` says it in their language.
 */
export interface FieldProblem {
  readonly field: string;
  readonly rule: string;
  readonly code: IssueCode | 'validation.rule';
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

function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, key) => {
    if (typeof key === 'number') {
      return `${name}[${key}]`;
    }
    return name ? `${name}.${String(key)}` : String(key);
  }, '');
}

/**
 * Renders zod issues as field / rule / code / message in one language. A message the schema wrote itself
 * (`'!français — English'`, or any message on a custom rule) wins over the generic one.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], language: Language): FieldProblem[] {
  return issues.map((issue) => {
    const field = fieldName(issue.path) || '(body)';
    const written =
      issue.message.startsWith('!') ||
      (issue.code === 'custom' && issue.message !== '' && issue.message !== 'Invalid input');
    if (written) {
      const generic = issueText(issue, language);
      const code = issue.code === 'custom' ? 'validation.rule' : generic.code;
      return { field, rule: issue.code, code, message: sentence(pickSide(issue.message, language)) };
    }
    return { field, rule: issue.code, ...issueText(issue, language) };
  });
}

/** A schema's own message as a sentence: capital first letter. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
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
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) {
    throw new InputValidationError(result.error.issues, where);
  }
  return result.data;
}
