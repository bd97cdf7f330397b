import { i18n } from './i18n/i18n.svelte';

/** A calendar day ("2026-12-04") or an instant, as a date in the reader's language. */
export function formatDay(value: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** Today as YYYY-MM-DD (the default certification day). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The shell command that verifies a downloaded instruction offline against the collective's key set. */
export function verifyCommand(fileName: string, collectiveId: string, origin: string): string {
  return `npx liquide verify-mandate ${fileName} --jwks ${origin}/api/collectives/${collectiveId}/jwks.json`;
}
