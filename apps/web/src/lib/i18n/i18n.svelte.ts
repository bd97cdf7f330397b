import { en } from './en';
import { fr, type MessageKey } from './fr';
import { labelled, pickLocale, pluralCategory, typeset, type Locale } from './typography';

export type { Locale, MessageKey };

const dictionaries: Record<Locale, Record<MessageKey, string>> = { fr, en };
const STORAGE_KEY = 'liquide.locale';

function initialLocale(): Locale {
  const preferred = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  return pickLocale(localStorage.getItem(STORAGE_KEY), preferred);
}

/**
 * The one i18n layer: the browser's language at first (French for fr*, English otherwise), the person's
 * saved choice afterwards; every visible string goes through `t`.
 */
class I18n {
  locale = $state<Locale>(initialLocale());

  set(locale: Locale): void {
    this.locale = locale;
    localStorage.setItem(STORAGE_KEY, locale);
    document.documentElement.lang = locale;
  }
}

export const i18n = new I18n();
document.documentElement.lang = i18n.locale;

/** The message for `key` in the current language, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = dictionaries[i18n.locale][key] ?? dictionaries.fr[key] ?? key;
  const text = template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? formatValue(params[name]) : whole,
  );
  return typeset(text, i18n.locale);
}

/** "Sièges : 3" in French (narrow no-break space), "Seats: 3" in English. */
export function withLabel(label: string, value: string | number): string {
  return labelled(label, formatValue(value), i18n.locale);
}

function formatValue(value: string | number): string {
  return typeof value === 'number' ? formatNumber(value) : value;
}

export function formatNumber(value: number, digits = 0): string {
  return new Intl.NumberFormat(i18n.locale, { maximumFractionDigits: digits }).format(value);
}

export function formatPercent(ratio: number): string {
  return new Intl.NumberFormat(i18n.locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** The `Accept-Language` the API gets, so its error messages come back in the reader's language. */
export function acceptLanguage(): string {
  return i18n.locale === 'en' ? 'en' : 'fr';
}

/** Plural keys: `<base>.one` and `<base>.other` (filled with `{n}`). */
type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

/** "1 région", "2 régions": the form of `base` for `count` under the language's plural rules. */
export function plural(
  base: PluralBase,
  count: number,
  params: Record<string, string | number> = {},
): string {
  const category = pluralCategory(i18n.locale, count);
  return t(`${base}.${category}` as MessageKey, { n: count, ...params });
}
