import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** A collective's or a topic's short name, used in addresses. */
export const slug = z
  .string()
  .trim()
  .min(2)
  .max(60)
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    '!lettres minuscules, chiffres et tirets — lowercase letters, digits and dashes',
  );

export const CollectiveSettingsInput = z.strictObject({
  delegationCap: z.number().gt(0).lte(1).nullable().optional(),
  visibility: z.enum(['live', 'after-vote', 'after-close']).optional(),
  mandateMethod: z.enum(['largest-remainder', 'dhondt', 'sainte-lague']).optional(),
  mandateBase: z.enum(['cast', 'members']).optional(),
  deputies: z.number().int().min(1).max(100_000).optional(),
  timezone: z.string().min(1).max(64).optional(),
  public: z.boolean().optional(),
});
export class CollectiveSettingsDto extends createZodDto(CollectiveSettingsInput) {}

export const CreateCollectiveInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  slug,
  settings: CollectiveSettingsInput.optional(),
});
export class CreateCollectiveDto extends createZodDto(CreateCollectiveInput) {}

export const CreateTopicInput = z.strictObject({ slug, name: z.string().trim().min(1).max(200) });
export class CreateTopicDto extends createZodDto(CreateTopicInput) {}

export const CollectiveParam = z.strictObject({ collectiveId: z.uuid() });
export class CollectiveParamDto extends createZodDto(CollectiveParam) {}

/** A collective named by its id or by its slug. */
export const CollectiveRefParam = z.strictObject({
  collectiveId: z.union([z.uuid(), slug], {
    message: '!un identifiant (uuid) ou un nom court — an id (uuid) or a slug',
  }),
});
export class CollectiveRefParamDto extends createZodDto(CollectiveRefParam) {}
