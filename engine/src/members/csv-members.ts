import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { describeIssues, parseInput, type FieldProblem } from '../errors/validation';
import type { Language } from '../errors/error-catalog';
import { MemberErrorCode } from './members.errors';
import { LiquideError } from '../errors/liquide-error';
import { ROLES, type Role } from './roles';

/** One member row as the organiser's CSV gives it. */
export interface MemberRow {
  readonly email: string;
  readonly displayName: string;
  readonly roles: Role[];
  readonly weight: number;
  readonly votingRights: boolean;
  readonly active: boolean;
  readonly attributes: Record<string, string>;
}

/** A row the import refused, with every broken rule. */
export interface RowError {
  /** Line number in the file (the header is line 1). */
  readonly line: number;
  readonly problems: readonly FieldProblem[];
}

/** Bounds of an import: every cell has a length rule, checked before anything else reads it. */
export const IMPORT_LIMITS = {
  /** RFC 5321: a path is at most 256 octets, so an address at most 254 characters. */
  email: 254,
  displayName: 100,
  roles: 200,
  number: 32,
  attributeName: 64,
  attributeValue: 200,
  attributeColumns: 20,
} as const;

const yesNo = z
  .string()
  .max(IMPORT_LIMITS.number)
  .trim()
  .toLowerCase()
  .refine((v) => ['', 'true', 'false', 'yes', 'no', 'oui', 'non', '1', '0'].includes(v), {
    message: '!doit valoir oui/non (true/false) — must be yes/no (true/false)',
  })
  .transform((v) => (v === '' ? undefined : ['true', 'yes', 'oui', '1'].includes(v)));

const RowSchema = z.object({
  email: z.string().max(IMPORT_LIMITS.email).trim().toLowerCase().pipe(z.email()),
  display_name: z.string().max(IMPORT_LIMITS.displayName).trim().optional().default(''),
  roles: z
    .string()
    .max(IMPORT_LIMITS.roles)
    .trim()
    .optional()
    .default('member')
    .transform((v) => (v === '' ? ['member'] : v.split(/[|;]/).map((r) => r.trim().toLowerCase())))
    .pipe(z.array(z.enum(ROLES))),
  weight: z
    .string()
    .max(IMPORT_LIMITS.number)
    .trim()
    .optional()
    .default('1')
    .transform((v) => (v === '' ? 1 : Number(v)))
    .pipe(z.number().positive().max(1_000_000)),
  voting_rights: yesNo.optional(),
  active: yesNo.optional(),
});

/** The header: at most 20 `attr:` columns, each name at most 64 characters. */
const HeaderSchema = z.strictObject({
  columns: z.array(z.string().max(IMPORT_LIMITS.attributeName + 5)),
  attributeColumns: z.array(z.string()).max(IMPORT_LIMITS.attributeColumns),
});

/** The `attr:<name>` cells of one row, keyed by their column. */
const AttributeCell = z.string().max(IMPORT_LIMITS.attributeValue);

/**
 * Reads a members CSV: header `email,display_name,roles,weight,voting_rights,active`, then any
 * `attr:<name>` columns (region…). Roles are separated by `|`. Bad rows are reported, not imported.
 */
export function parseMembersCsv(text: string, language: Language): { rows: MemberRow[]; errors: RowError[] } {
  let records: Record<string, string>[];
  try {
    records = parse<Record<string, string>>(text, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (error) {
    throw new LiquideError(MemberErrorCode.CsvMalformed, {
      field: 'csv',
      params: { reason: error instanceof Error ? error.message : String(error) },
    });
  }
  const columns = Object.keys(records[0] ?? {});
  parseInput(HeaderSchema, { columns, attributeColumns: columns.filter((key) => key.startsWith('attr:')) });
  const rows: MemberRow[] = [];
  const errors: RowError[] = [];
  const seen = new Set<string>();
  records.forEach((record, index) => {
    const line = index + 2;
    const parsed = RowSchema.safeParse(record);
    const attributeIssues = Object.entries(record).flatMap(([key, value]) =>
      key.startsWith('attr:')
        ? (AttributeCell.safeParse(value).error?.issues ?? []).map((issue) => ({ ...issue, path: [key] }))
        : [],
    );
    if (!parsed.success || attributeIssues.length > 0) {
      const issues = [...(parsed.error?.issues ?? []), ...attributeIssues];
      errors.push({ line, problems: describeIssues(issues, language) });
      return;
    }
    const row = parsed.data;
    if (seen.has(row.email)) {
      errors.push({
        line,
        problems: [
          {
            field: 'email',
            rule: 'duplicate',
            code: 'validation.duplicate',
            message: language === 'fr' ? 'Adresse déjà présente plus haut.' : 'Address already given above.',
          },
        ],
      });
      return;
    }
    seen.add(row.email);
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(record)) {
      if (key.startsWith('attr:') && value !== '') {
        attributes[key.slice(5)] = value;
      }
    }
    rows.push({
      email: row.email,
      displayName: row.display_name || row.email,
      roles: [...new Set(row.roles)],
      weight: row.weight,
      votingRights: row.voting_rights ?? true,
      active: row.active ?? true,
      attributes,
    });
  });
  return { rows, errors };
}
