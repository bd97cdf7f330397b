import type { Locale } from '../i18n/typography';

/** The 18 French regions by their ISO 3166-2:FR code (the petitions plugin's #MaVoix preset uses them). */
const FRENCH_REGIONS: Readonly<Record<string, Readonly<Record<Locale, string>>>> = {
  ARA: { fr: 'Auvergne-Rhône-Alpes', en: 'Auvergne-Rhône-Alpes' },
  BFC: { fr: 'Bourgogne-Franche-Comté', en: 'Burgundy-Franche-Comté' },
  BRE: { fr: 'Bretagne', en: 'Brittany' },
  CVL: { fr: 'Centre-Val de Loire', en: 'Centre-Val de Loire' },
  COR: { fr: 'Corse', en: 'Corsica' },
  GES: { fr: 'Grand Est', en: 'Grand Est' },
  HDF: { fr: 'Hauts-de-France', en: 'Hauts-de-France' },
  IDF: { fr: 'Île-de-France', en: 'Île-de-France' },
  NOR: { fr: 'Normandie', en: 'Normandy' },
  NAQ: { fr: 'Nouvelle-Aquitaine', en: 'Nouvelle-Aquitaine' },
  OCC: { fr: 'Occitanie', en: 'Occitania' },
  PDL: { fr: 'Pays de la Loire', en: 'Pays de la Loire' },
  PAC: { fr: 'Provence-Alpes-Côte d’Azur', en: 'Provence-Alpes-Côte d’Azur' },
  GP: { fr: 'Guadeloupe', en: 'Guadeloupe' },
  MQ: { fr: 'Martinique', en: 'Martinique' },
  GF: { fr: 'Guyane', en: 'French Guiana' },
  RE: { fr: 'La Réunion', en: 'Réunion' },
  YT: { fr: 'Mayotte', en: 'Mayotte' },
};

/** EU usage that ISO 3166-1 spells otherwise. */
const ALIASES: Readonly<Record<string, string>> = { EL: 'GR', UK: 'GB' };

const displayNames = new Map<Locale, Intl.DisplayNames>();

function countryName(code: string, locale: Locale): string | undefined {
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    displayNames.set(locale, names);
  }
  try {
    return names.of(ALIASES[code] ?? code);
  } catch {
    return undefined;
  }
}

/**
 * A region's name as people say it: French regions by their ISO 3166-2:FR code, countries by their
 * ISO 3166-1 code (Intl, in the reader's language); anything else (a collective's own region names, such as
 * "Wales") is already a name and is shown as given.
 */
export function regionName(code: string, locale: Locale): string {
  const french = FRENCH_REGIONS[code];
  if (french) {
    return french[locale];
  }
  if (/^[A-Z]{2}$/.test(code)) {
    return countryName(code, locale) ?? code;
  }
  return code;
}
