import type { commonUi as fr } from '../fr/common-ui';

/** English messages: shared interface pieces (settings summaries, compact header, counts). */
export const commonUi: Record<keyof typeof fr, string> = {
  'summary.title': 'Current settings',
  'summary.yes': 'yes',
  'summary.no': 'no',
  'summary.entries.one': '{n} entry',
  'summary.entries.other': '{n} entries',
  'summary.items.one': '{n} item',
  'summary.items.other': '{n} items',
  'schema.showEntries': '{label}: {count}',
  'petitions.signatureWord.one': 'signature',
  'petitions.signatureWord.other': 'signatures',
  'summary.regions.one': '{n} region',
  'summary.regions.other': '{n} regions',
  'form.fieldsToFix.one': '{n} field to fix',
  'form.fieldsToFix.other': '{n} fields to fix',
  'import.created.one': '{n} created',
  'import.created.other': '{n} created',
  'import.updated.one': '{n} updated',
  'import.updated.other': '{n} updated',
  'import.refused.one': '{n} refused',
  'import.refused.other': '{n} refused',
};
