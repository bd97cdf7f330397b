import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';
import { CommonErrorCode } from './common-errors';
import { LiquideError } from './liquide-error';
import { parseInput } from './validation';

interface ZodDtoClass {
  readonly schema?: ZodType;
}

/** NUL, or a UTF-16 surrogate without its other half: PostgreSQL cannot store either in text. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (key or value) PostgreSQL would refuse, or undefined. */
export function findUnstorable(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') {
    return UNSTORABLE.test(value) ? path || '(body)' : undefined;
  }
  if (typeof value !== 'object' || value === null || depth > 64) {
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const here = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (UNSTORABLE.test(key)) {
      return here;
    }
    const found = findUnstorable(item, here, depth + 1);
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}

/**
 * Validates every body, query and param whose DTO was made with `createZodDto`; first refuses, on
 * every one of them, strings that PostgreSQL cannot store (they would otherwise end in a 500).
 */
@Injectable()
export class ZodValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') {
      return value;
    }
    const unstorable = findUnstorable(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    if (unstorable !== undefined) {
      throw new LiquideError(CommonErrorCode.InvalidCharacters, {
        field: unstorable,
        params: { field: unstorable },
      });
    }
    const schema = (metadata.metatype as ZodDtoClass | undefined)?.schema;
    if (!schema) {
      return value;
    }
    return parseInput(schema, value, metadata.type);
  }
}
