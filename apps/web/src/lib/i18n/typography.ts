/**
 * Language-dependent rules that do not depend on Svelte, so that they can be tested on their own: which
 * language to start in, plural categories, and French spacing before high punctuation.
 */
export type Locale = 'fr' | 'en';

/** Narrow no-break space, which French puts before `:` `;` `!` `?` (and inside « »). */
export const NNBSP = '\u202f';

/**
 * The language to start in: the saved choice wins; otherwise the browser's first preference decides
 * (French for any `fr*`, English for anything else), French when the browser says nothing.
 */
export function pickLocale(saved: string | null, preferred: readonly string[]): Locale {
  if (saved === 'fr' || saved === 'en') {
    return saved;
  }
  const first = preferred.find((tag) => tag.trim() !== '');
  if (first === undefined) {
    return 'fr';
  }
  return first.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** `one` or `other` for `count` under the language's plural rules (French: 0 and 1 are singular). */
export function pluralCategory(locale: Locale, count: number): 'one' | 'other' {
  return new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
}

/**
 * French: a narrow no-break space before `:` `;` `!` `?` (whatever space was there before, or none after a
 * word). English: no space at all before them. Only punctuation followed by a space or the end is touched,
 * so that times ("10:30"), addresses ("https://") and "?x=1" stay as they are.
 */
export function typeset(text: string, locale: Locale): string {
  if (locale === 'fr') {
    return text.replace(/(\S)[ \u00a0\u202f]?([:;!?])(?=\s|$)/g, `$1${NNBSP}$2`);
  }
  return text.replace(/(\S)[ \u00a0\u202f]+([:;!?])(?=\s|$)/g, '$1$2');
}

/** "Label : value" in French, "Label: value" in English. */
export function labelled(label: string, value: string, locale: Locale): string {
  return locale === 'fr' ? `${label}${NNBSP}: ${value}` : `${label}: ${value}`;
}
