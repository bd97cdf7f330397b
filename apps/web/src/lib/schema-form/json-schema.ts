/**
 * The subset of JSON Schema (draft 2020-12) that zod's `toJSONSchema` produces for plugin settings, and
 * the pure helpers the generated settings form needs: which control a schema gets, a starting value,
 * which variant of an `anyOf`/`oneOf` a value is, and the field paths the API names in its errors.
 */
export interface JsonSchema {
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';
  readonly title?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly propertyNames?: JsonSchema;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
}

export type SchemaKind =
  'object' | 'record' | 'array' | 'variant' | 'enum' | 'boolean' | 'integer' | 'number' | 'string' | 'json';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: unknown };

/** Follows a local `$ref` (`#/$defs/Name`) against the root schema. */
export function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (!schema.$ref) {
    return schema;
  }
  const name = schema.$ref.replace(/^#\/(\$defs|definitions)\//, '');
  const target = root.$defs?.[name];
  return target ? { ...target, ...schema, $ref: undefined } : schema;
}

/** The options of an `anyOf`/`oneOf`, without a `null` option (a nullable field is treated as optional). */
export function variants(schema: JsonSchema): readonly JsonSchema[] {
  return (schema.oneOf ?? schema.anyOf ?? []).filter((option) => option.type !== 'null');
}

/** Which control renders this schema. */
export function kindOf(schema: JsonSchema): SchemaKind {
  const options = variants(schema);
  if (options.length > 1) {
    return 'variant';
  }
  if (options.length === 1) {
    return kindOf(options[0]);
  }
  if (schema.enum) {
    return 'enum';
  }
  switch (schema.type) {
    case 'object':
      return schema.properties || typeof schema.additionalProperties !== 'object' ? 'object' : 'record';
    case 'array':
      return 'array';
    case 'boolean':
    case 'integer':
    case 'number':
    case 'string':
      return schema.type;
    default:
      return 'json';
  }
}

/** A schema with a single `anyOf`/`oneOf` option (nullable) replaced by that option. */
export function unwrap(schema: JsonSchema): JsonSchema {
  const options = variants(schema);
  return options.length === 1 ? { ...options[0], default: schema.default ?? options[0].default } : schema;
}

/** A deep copy of JSON (works on Svelte state proxies, which `structuredClone` refuses). */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A fresh value for a schema: its default, its constant, or an empty value with its required parts. */
export function initialValue(schema: JsonSchema): unknown {
  if (schema.default !== undefined) {
    return clone(schema.default);
  }
  if (schema.const !== undefined) {
    return schema.const;
  }
  const options = variants(schema);
  if (options.length > 0) {
    return initialValue(options[0]);
  }
  if (schema.enum) {
    return schema.enum[0];
  }
  switch (schema.type) {
    case 'object': {
      const value: JsonObject = {};
      for (const name of schema.required ?? []) {
        const property = schema.properties?.[name];
        if (property) {
          value[name] = initialValue(property);
        }
      }
      return fill(schema, value);
    }
    case 'array':
      return [];
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'string':
      return '';
    default:
      return null;
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `value` with the properties that have a default filled in, recursively, so that the form shows every
 * setting the server would apply. Optional properties without a default stay absent.
 */
export function fill(schema: JsonSchema, value: unknown): unknown {
  const options = variants(schema);
  if (options.length > 0) {
    const index = variantIndex(schema, value);
    return index >= 0 ? fill(options[index], value) : value;
  }
  if (schema.type === 'object' && isObject(value) && schema.properties) {
    const filled: JsonObject = { ...value };
    for (const [name, property] of Object.entries(schema.properties)) {
      if (filled[name] === undefined && property.default !== undefined) {
        filled[name] = clone(property.default);
      }
      if (filled[name] !== undefined) {
        filled[name] = fill(property, filled[name]);
      }
    }
    return filled;
  }
  if (schema.type === 'array' && Array.isArray(value) && schema.items) {
    const items = schema.items;
    return value.map((item) => fill(items, item));
  }
  return value;
}

/** The property whose `const` tells the options of a discriminated union apart (`effect`), if any. */
export function discriminator(schema: JsonSchema): string | null {
  const options = variants(schema);
  const first = options[0]?.properties ?? {};
  const name = Object.keys(first).find((key) =>
    options.every((option) => option.properties?.[key]?.const !== undefined),
  );
  return name ?? null;
}

/** Which option of an `anyOf`/`oneOf` the value is (-1 when none fits). */
export function variantIndex(schema: JsonSchema, value: unknown): number {
  const options = variants(schema);
  const key = discriminator(schema);
  if (key) {
    return isObject(value)
      ? options.findIndex((option) => option.properties?.[key]?.const === value[key])
      : -1;
  }
  return options.findIndex((option) => fits(option, value));
}

function fits(schema: JsonSchema, value: unknown): boolean {
  switch (schema.type) {
    case 'object':
      return (
        isObject(value) &&
        (schema.required ?? []).every((name) => name in value) &&
        (schema.additionalProperties !== false ||
          Object.keys(value).every((name) => name in (schema.properties ?? {})))
      );
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true;
  }
}

/** Switches a value to another option, keeping the properties both options share (id, signatures…). */
export function switchVariant(schema: JsonSchema, value: unknown, index: number): unknown {
  const option = variants(schema)[index];
  const fresh = initialValue(option);
  if (!isObject(fresh) || !isObject(value)) {
    return fresh;
  }
  const key = discriminator(schema);
  const kept = Object.fromEntries(
    Object.entries(value).filter(([name]) => name !== key && name in (option.properties ?? {})),
  );
  return { ...fresh, ...kept };
}

/** The name a variant goes by: its discriminator's constant, or the names of its required properties. */
export function variantName(schema: JsonSchema, option: JsonSchema): string {
  const key = discriminator(schema);
  if (key) {
    return String(option.properties?.[key]?.const);
  }
  return option.title ?? (option.required ?? Object.keys(option.properties ?? {})).join(', ');
}

/** Field paths as the API names them in `errors[].field`: `settings.phases.collection.thresholds[0].id`. */
export function childPath(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`;
}

/** A DOM id for a field path. */
export function fieldId(scope: string, path: string): string {
  return `${scope}-${path.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

/** Whether a property must be present (listed in `required` and without a default to fall back on). */
export function isRequired(parent: JsonSchema, name: string): boolean {
  const property = parent.properties?.[name];
  return (parent.required ?? []).includes(name) || property?.default !== undefined;
}
