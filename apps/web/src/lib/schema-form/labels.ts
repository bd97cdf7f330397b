import { i18n, t, type Locale, type MessageKey } from '../i18n/i18n.svelte';
import { fr } from '../i18n/fr';
import type { JsonSchema } from './json-schema';
import { regionName } from './regions';

/** Records whose keys are regions (the petitions plugin's per-region minimums). */
const REGION_RECORDS = new Set(['minimums']);

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
    id: 'Nom court (lettres, chiffres, tirets)',
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
    adoption: 'Règle d’adoption des amendements',
    amendment: 'Dépôt des amendements',
    maxPerMember: 'Amendements en cours par membre et par texte',
    minRationale: 'Longueur minimale de l’exposé des motifs (caractères)',
    allowDeletion: 'Amendements de suppression permis',
    vote: 'Vote',
    ballotHours: 'Durée du scrutin d’un amendement (heures)',
    rankedContests: 'Classements entre amendements concurrents',
    maxContributionLength: 'Longueur maximale d’une contribution (caractères)',
    presentation: 'Présentation',
    consultation: 'Consultation',
    synthesis: 'Synthèse',
    bill: 'Projet de loi',
    mobilisation: 'Mobilisation',
    comment: 'Commenter',
    argue: 'Argumenter pour ou contre',
    propose: 'Proposer une rédaction',
    support: 'Soutenir',
    synthesise: 'Rédiger des synthèses',
    publish: 'Publier une version',
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
    id: 'Short name (letters, digits, dashes)',
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
    adoption: 'Amendment adoption rule',
    amendment: 'Tabling amendments',
    maxPerMember: 'Pending amendments per member and text',
    minRationale: 'Shortest rationale (characters)',
    allowDeletion: 'Deletion amendments allowed',
    vote: 'Vote',
    ballotHours: 'Length of an amendment’s ballot (hours)',
    rankedContests: 'Rankings between competing amendments',
    maxContributionLength: 'Longest contribution (characters)',
    presentation: 'Presentation',
    consultation: 'Consultation',
    synthesis: 'Synthesis',
    bill: 'Bill',
    mobilisation: 'Mobilisation',
    comment: 'Comment',
    argue: 'Argue for or against',
    propose: 'Propose a wording',
    support: 'Support',
    synthesise: 'Write syntheses',
    publish: 'Publish a version',
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

/** Whether a record's keys are regions. */
export function isRegionRecord(recordName: string): boolean {
  return REGION_RECORDS.has(recordName);
}

/** How a record's key reads: a region's name for region records, else the key as given. */
export function keyLabel(recordName: string, key: string): string {
  return REGION_RECORDS.has(recordName) ? regionName(key, i18n.locale) : key;
}

/**
 * The label of an enum value or a variant's name: the i18n layer's `schema.value.<value>` (e.g. amendments'
 * `majority-of-cast`), then the names above, then the value made readable — never the raw token.
 */
export function valueLabel(value: unknown): string {
  const text = String(value);
  const key = `schema.value.${text}`;
  if (key in fr) {
    return t(key as MessageKey);
  }
  return LABELS[i18n.locale][text] ?? (/^[a-z][a-zA-Z0-9-]*$/.test(text) ? readable(text) : text);
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
      parts.push(REGION_RECORDS.has(previous) ? regionName(name, i18n.locale) : fieldLabel(name));
      previous = name;
    }
  }
  return parts.join(' › ') || field;
}
