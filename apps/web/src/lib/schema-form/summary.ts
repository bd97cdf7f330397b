import { formatNumber, plural, t } from '../i18n/i18n.svelte';
import { kindOf, resolve, unwrap, variantIndex, variants, type JsonSchema } from './json-schema';
import { fieldLabel, valueLabel } from './labels';

/** One line of a settings summary: a section's name and what it is set to, in words. */
export interface SummaryLine {
  readonly label: string;
  readonly text: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A leaf value as people read it: "oui", "30", "Réponse officielle exigée". */
function leaf(schema: JsonSchema, value: unknown): string {
  switch (kindOf(schema)) {
    case 'boolean':
      return value === true ? t('summary.yes') : t('summary.no');
    case 'integer':
    case 'number':
      return typeof value === 'number' ? formatNumber(value, 2) : '—';
    case 'enum':
      return valueLabel(value);
    default:
      return typeof value === 'string' ? value : '—';
  }
}

/** The parts of an object's value: "Parrains nécessaires 5", each nested group in brackets. */
function parts(schema: JsonSchema, value: unknown, root: JsonSchema, skipLists = false): string[] {
  const here = unwrap(resolve(schema, root));
  const kind = kindOf(here);
  if (kind === 'variant') {
    const index = variantIndex(here, value);
    return index < 0 ? [] : parts(variants(here)[index], value, root);
  }
  if (kind === 'record') {
    const count = isObject(value) ? Object.keys(value).length : 0;
    return [plural('summary.entries', count)];
  }
  if (kind === 'array') {
    return [plural('summary.items', Array.isArray(value) ? value.length : 0)];
  }
  if (kind !== 'object' || !isObject(value)) {
    return [leaf(here, value)];
  }
  const out: string[] = [];
  for (const [name, property] of Object.entries(here.properties ?? {})) {
    if (value[name] === undefined) {
      continue;
    }
    const child = unwrap(resolve(property, root));
    const label = fieldLabel(name, child);
    if (child.const !== undefined) {
      out.push(`${label} ${valueLabel(child.const)}`);
      continue;
    }
    if (skipLists && isObjectList(child, root)) {
      continue;
    }
    const inner = parts(property, value[name], root);
    if (inner.length === 1) {
      out.push(`${label} ${inner[0]}`);
    } else if (inner.length > 1) {
      out.push(`${label} (${inner.join(', ')})`);
    }
  }
  return out;
}

/**
 * A compact summary of settings, one line per section: the top-level groups (and, one level down, the
 * groups of a group such as "Phases"), each array item on its own line ("Seuil 1 : …").
 */
export function summarise(schema: JsonSchema, value: unknown, depth = 2): SummaryLine[] {
  const root = schema;
  const lines: SummaryLine[] = [];
  const items = (name: string, list: JsonSchema, data: unknown): void => {
    if (!Array.isArray(data) || !list.items) {
      return;
    }
    data.forEach((entry, i) => {
      const label = t('schema.item', { label: fieldLabel(`${name}[]`), n: i + 1 });
      lines.push({ label, text: parts(list.items as JsonSchema, entry, root).join(' · ') });
    });
  };
  const walk = (node: JsonSchema, data: unknown, level: number): void => {
    const here = unwrap(resolve(node, root));
    if (kindOf(here) !== 'object' || !isObject(data)) {
      return;
    }
    for (const [name, property] of Object.entries(here.properties ?? {})) {
      const child = unwrap(resolve(property, root));
      const item = data[name];
      if (item === undefined) {
        continue;
      }
      const kind = kindOf(child);
      if (kind === 'object' && level < depth && Object.values(child.properties ?? {}).some(isGroup(root))) {
        walk(child, item, level + 1);
      } else if (kind === 'object' && isObject(item)) {
        lines.push({ label: fieldLabel(name, child), text: parts(child, item, root, true).join(' · ') });
        // lists of groups (thresholds) get a line per item
        for (const [listName, list] of Object.entries(child.properties ?? {})) {
          if (isObjectList(unwrap(resolve(list, root)), root)) {
            items(listName, unwrap(resolve(list, root)), item[listName]);
          }
        }
      } else if (isObjectList(child, root)) {
        items(name, child, item);
      } else {
        lines.push({ label: fieldLabel(name, child), text: parts(child, item, root).join(' · ') });
      }
    }
  };
  walk(schema, value, 1);
  return lines;
}

function isObjectList(schema: JsonSchema, root: JsonSchema): boolean {
  if (kindOf(schema) !== 'array' || !schema.items) {
    return false;
  }
  const kind = kindOf(unwrap(resolve(schema.items, root)));
  return kind === 'object' || kind === 'variant';
}

function isGroup(root: JsonSchema) {
  return (property: JsonSchema) => kindOf(unwrap(resolve(property, root))) === 'object';
}
