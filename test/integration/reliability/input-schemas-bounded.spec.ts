import { z } from 'zod';
import { WatchInput } from '@liquide/engine';
import { PetitionWatchInput } from '@liquide/plugin-petitions';
import { APP_PLUGINS } from '@liquide/server/app.module';
import { startTestApp, type TestApp } from '../../support/test-app';

type Schema = Record<string, unknown>;

/** Formats whose values are bounded by their own grammar. */
const BOUNDED_FORMATS = new Set(['uuid', 'date-time', 'date', 'time', 'duration']);

/**
 * Every place in a JSON schema where input is not bounded: a string without `maxLength` (unless an
 * enum, a constant or a bounded format), an array without `maxItems`, a map without `maxProperties`.
 */
export function unboundedParts(
  schema: unknown,
  doc: Schema,
  at: string,
  seen = new Set<unknown>(),
): string[] {
  if (schema === null || typeof schema !== 'object' || seen.has(schema)) {
    return [];
  }
  seen.add(schema);
  const node = schema as Schema;
  if (typeof node.$ref === 'string') {
    const target = node.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((part, key) => (part as Schema | undefined)?.[key], doc);
    return unboundedParts(target, doc, at, seen);
  }
  const found: string[] = [];
  const types = Array.isArray(node.type) ? (node.type as string[]) : [node.type];
  if (types.includes('string') && node.enum === undefined && node.const === undefined) {
    const bounded =
      typeof node.maxLength === 'number' ||
      (typeof node.format === 'string' && BOUNDED_FORMATS.has(node.format));
    if (!bounded) {
      found.push(`${at}: string without maxLength`);
    }
  }
  if (types.includes('array') && typeof node.maxItems !== 'number') {
    found.push(`${at}: array without maxItems`);
  }
  const keysBounded = Array.isArray((node.propertyNames as Schema | undefined)?.enum);
  if (
    node.additionalProperties !== undefined &&
    node.additionalProperties !== false &&
    typeof node.maxProperties !== 'number' &&
    !keysBounded
  ) {
    found.push(`${at}: map without maxProperties`);
  }
  for (const [key, value] of Object.entries((node.properties as Schema | undefined) ?? {})) {
    found.push(...unboundedParts(value, doc, `${at}.${key}`, seen));
  }
  for (const key of ['items', 'additionalProperties', 'propertyNames']) {
    found.push(...unboundedParts(node[key], doc, `${at}[${key}]`, seen));
  }
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    for (const [index, part] of ((node[key] as unknown[] | undefined) ?? []).entries()) {
      found.push(...unboundedParts(part, doc, `${at}(${key} ${index})`, seen));
    }
  }
  return found;
}

describe('Every input the API takes is bounded (length of strings, items of arrays, keys of maps)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('walks the request schemas of every route in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${sut.baseUrl}/api/docs-json`)).json()) as Schema & {
      paths: Record<string, Record<string, Schema>>;
    };
    const found: string[] = [];
    let walked = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${path}`;
        for (const parameter of (operation.parameters as Schema[] | undefined) ?? []) {
          walked += 1;
          found.push(
            ...unboundedParts(
              parameter.schema,
              doc,
              `${where} ${String(parameter.in)} ${String(parameter.name)}`,
            ),
          );
        }
        const content = (
          operation.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined
        )?.content;
        for (const [type, media] of Object.entries(content ?? {})) {
          walked += 1;
          found.push(...unboundedParts(media.schema, doc, `${where} body (${type})`));
        }
      }
    }
    expect(walked).toBeGreaterThan(50);
    expect(found).toEqual([]);
  });

  it('walks every plugin’s settings schema and every socket payload schema', () => {
    const schemas: [string, z.ZodType][] = [
      ['socket ballot:watch', WatchInput],
      ['socket petition:watch', PetitionWatchInput],
    ];
    for (const plugin of APP_PLUGINS) {
      if (plugin.settings) {
        schemas.push([`${plugin.id} settings global`, plugin.settings.global]);
        for (const [phase, schema] of Object.entries(plugin.settings.phases ?? {})) {
          schemas.push([`${plugin.id} settings phase ${phase}`, schema]);
        }
      }
    }
    expect(schemas.length).toBeGreaterThan(5);
    const found = schemas.flatMap(([where, schema]) => {
      const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema;
      return unboundedParts(json, json, where);
    });
    expect(found).toEqual([]);
  });
});
