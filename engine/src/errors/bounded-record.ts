import { z } from 'zod';

/**
 * A map (`{ [key]: value }`) with at most `maxKeys` keys: zod's records have no such rule, so this one
 * adds it (a `too_big` issue naming the field, like any length rule) and states it in the JSON schema
 * (`maxProperties`), so that OpenAPI shows the bound.
 */
export function boundedRecord<Key extends z.core.$ZodRecordKey, Value extends z.ZodType>(
  key: Key,
  value: Value,
  maxKeys: number,
) {
  return z
    .record(key, value)
    .superRefine((record, ctx) => {
      if (Object.keys(record).length > maxKeys) {
        ctx.addIssue({
          code: 'too_big',
          origin: 'array',
          maximum: maxKeys,
          inclusive: true,
          input: record,
          message: `!au plus ${maxKeys} clés — at most ${maxKeys} keys`,
        });
      }
    })
    .meta({ maxProperties: maxKeys });
}
