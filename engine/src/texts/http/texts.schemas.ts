import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const versionNumber = z.coerce.number().int().min(1).max(1_000_000);

export const VersionParams = z.strictObject({
  billId: z.uuid(),
  /** `3`, `3.json`, `3.md`, `3.akn.xml`, or `latest` with the same suffixes. */
  ref: z
    .string()
    .max(20)
    .regex(
      /^(\d{1,7}|latest)(\.(json|md|akn\.xml))?$/,
      '!un numéro de version, éventuellement suivi de .json, .md ou .akn.xml — a version number, optionally followed by .json, .md or .akn.xml',
    ),
});
export class VersionParamsDto extends createZodDto(VersionParams) {}

export const VersionFormatQuery = z.strictObject({
  format: z.enum(['json', 'md', 'markdown', 'akn', 'xml']).optional(),
});
export class VersionFormatQueryDto extends createZodDto(VersionFormatQuery) {}

export const DiffQuery = z.strictObject({ from: versionNumber, to: versionNumber });
export class DiffQueryDto extends createZodDto(DiffQuery) {}

/** A whole new text, as an organiser edits it. */
export const EditTextInput = z.strictObject({
  baseVersion: z.number().int().min(1).optional(),
  note: z.string().trim().max(500).optional(),
  sections: z
    .array(z.strictObject({ id: z.uuid().optional(), heading: z.string().trim().min(1).max(300) }))
    .max(500)
    .default([]),
  articles: z
    .array(
      z.strictObject({
        id: z.uuid().optional(),
        heading: z.string().trim().max(300).default(''),
        text: z.string().trim().min(1).max(50_000),
        section: z.number().int().min(0).nullable().optional(),
      }),
    )
    .min(1)
    .max(1000),
});
export class EditTextDto extends createZodDto(EditTextInput) {}
