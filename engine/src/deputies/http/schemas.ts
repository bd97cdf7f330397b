import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { QuotaSchema } from '../sortition/types';

export const VolunteerInput = z.strictObject({ statement: z.string().trim().max(2000).default('') });
export class VolunteerDto extends createZodDto(VolunteerInput) {}

export const CertifyInput = z.strictObject({
  certifiedOn: z.iso.date(),
  training: z.string().trim().min(1).max(500),
});
export class CertifyDto extends createZodDto(CertifyInput) {}

export const FreezePoolInput = z.strictObject({
  seats: z.number().int().min(1).max(10_000),
  substitutes: z.number().int().min(0).max(10_000).optional(),
  quotas: z.array(QuotaSchema).max(200).default([]),
  /** The member attribute holding a household key (e.g. an address): at most one panel member per key. */
  household: z.string().trim().min(1).max(64).optional(),
});
export class FreezePoolDto extends createZodDto(FreezePoolInput) {}

export const CommitSeedInput = z.strictObject({
  /** SHA-256 (hex) of a seed the organiser keeps; omitted: the server draws and keeps the seed. */
  seedCommitment: z
    .string()
    .length(64)
    .regex(/^[0-9a-f]{64}$/, '!64 chiffres hexadécimaux minuscules — 64 lowercase hexadecimal digits')
    .optional(),
  /** Where the public value will come from, e.g. "EuroMillions draw of Friday 4 December 2026". */
  publicValueSource: z.string().trim().min(1).max(1000),
});
export class CommitSeedDto extends createZodDto(CommitSeedInput) {}

export const DrawInput = z.strictObject({
  seed: z.string().min(1).max(256).optional(),
  publicValue: z.string().trim().min(1).max(1000),
});
export class DrawDto extends createZodDto(DrawInput) {}

export const ResignInput = z.strictObject({ reason: z.string().trim().max(1000).optional() });
export class ResignDto extends createZodDto(ResignInput) {}

export const SortitionParam = z.strictObject({ sortitionId: z.uuid() });
export class SortitionParamDto extends createZodDto(SortitionParam) {}

export const DrawJobParam = z.strictObject({ sortitionId: z.uuid(), jobId: z.uuid() });
export class DrawJobParamDto extends createZodDto(DrawJobParam) {}
