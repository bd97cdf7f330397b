import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';
import { parseInput } from './validation';

interface ZodDtoClass {
  readonly schema?: ZodType;
}

/** Validates every body, query and param whose DTO was made with `createZodDto`. */
@Injectable()
export class ZodValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const schema = (metadata.metatype as ZodDtoClass | undefined)?.schema;
    if (!schema || metadata.type === 'custom') {
      return value;
    }
    return parseInput(schema, value, metadata.type);
  }
}
