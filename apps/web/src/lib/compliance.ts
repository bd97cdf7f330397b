import { i18n } from './i18n/i18n.svelte';

/** A calendar day (`YYYY-MM-DD` or an ISO instant) in the reader's language, e.g. "1 déc. 2026". */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(day.length === 10 ? `${day}T00:00:00Z` : day),
  );
}

/** Today as `YYYY-MM-DD` (the default date of a declaration). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
