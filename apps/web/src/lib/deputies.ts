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

/**
 * The shell commands that verify a downloaded instruction offline (docs/mandates.md): fetch the collective's
 * published key set once, then check the file against it with the `liquide` command line, no network.
 */
export function verifyCommand(fileName: string, collectiveId: string, origin: string): string {
  return [
    `curl -s ${origin}/api/collectives/${collectiveId}/jwks.json > jwks.json`,
    `npx liquide verify-mandate ${fileName} --jwks jwks.json`,
  ].join('\n');
}
