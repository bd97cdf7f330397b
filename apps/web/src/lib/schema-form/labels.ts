import { i18n, type Locale } from '../i18n/i18n.svelte';
import type { JsonSchema } from './json-schema';

/**
 * Names of settings as people read them. JSON Schemas carry property names only; a plugin's fields are
 * named here in both languages, and anything unknown falls back to the schema's `title` or to its
 * property name made readable (`otherRegionsMinimum` → "Other regions minimum").
 */
const LABELS: Record<Locale, Record<string, string>> = {
  fr: {
    global: 'Général',
    phases: 'Phases',
    regionAttribute: 'Attribut donnant la région',
    sponsorship: 'Parrainage',
    sponsorsRequired: 'Parrains nécessaires',
    moderation: 'Modération',
    required: 'Modération obligatoire',
    deliberation: 'Délibération',
    enabled: 'Activée',
    durationDays: 'Durée (jours)',
    arguments: 'Arguments pour et contre',
    collection: 'Collecte des signatures',
    window: 'Fenêtre de collecte',
    months: 'Mois',
    days: 'Jours',
    thresholds: 'Seuils',
    'thresholds[]': 'Seuil',
    id: 'Identifiant',
    signatures: 'Signatures nécessaires',
    effect: 'Effet',
    'response-required': 'Réponse officielle exigée',
    debate: 'Débat',
    binding: 'Scrutin contraignant',
    responseDeadlineDays: 'Délai de réponse (jours)',
    ballotDurationDays: 'Durée du scrutin (jours)',
    spread: 'Répartition territoriale',
    minRegions: 'Régions minimales (k)',
    minimums: 'Minimum par région',
    otherRegionsMinimum: 'Minimum des autres régions',
  },
  en: {
    global: 'General',
    phases: 'Phases',
    regionAttribute: 'Attribute giving the region',
    sponsorship: 'Sponsorship',
    sponsorsRequired: 'Sponsors needed',
    moderation: 'Moderation',
    required: 'Moderation required',
    deliberation: 'Deliberation',
    enabled: 'Enabled',
    durationDays: 'Duration (days)',
    arguments: 'Arguments for and against',
    collection: 'Signature collection',
    window: 'Collection window',
    months: 'Months',
    days: 'Days',
    thresholds: 'Thresholds',
    'thresholds[]': 'Threshold',
    id: 'Id',
    signatures: 'Signatures needed',
    effect: 'Effect',
    'response-required': 'Official answer required',
    debate: 'Debate',
    binding: 'Binding ballot',
    responseDeadlineDays: 'Answer deadline (days)',
    ballotDurationDays: 'Ballot duration (days)',
    spread: 'Territorial spread',
    minRegions: 'Minimum regions (k)',
    minimums: 'Minimum per region',
    otherRegionsMinimum: 'Minimum for other regions',
  },
};

function readable(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label of a property (or of an array's items with `name[]`). */
export function fieldLabel(name: string, schema?: JsonSchema): string {
  return LABELS[i18n.locale][name] ?? schema?.title ?? readable(name.replace(/\[\]$/, ''));
}

/** The label of an enum value or a variant's name. */
export function valueLabel(value: unknown): string {
  const text = String(value);
  return LABELS[i18n.locale][text] ?? text;
}

/** An API field name read aloud: `settings.phases.collection.thresholds[0].id` → "Phases › … › Threshold 1 › Id". */
export function readableField(
  field: string,
  prefix: string,
  item: (label: string, n: number) => string,
): string {
  const rest = field.startsWith(prefix) ? field.slice(prefix.length) : field;
  const parts: string[] = [];
  let previous = '';
  for (const [, name, index] of rest.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)) {
    if (index !== undefined) {
      parts[parts.length - 1] = item(fieldLabel(`${previous}[]`), Number(index) + 1);
    } else {
      parts.push(fieldLabel(name));
      previous = name;
    }
  }
  return parts.join(' › ') || field;
}
