import type { Language } from './error-catalog';

/**
 * Status values (ballots, bills, sortitions, seats, petitions, amendments, contests) as people say them,
 * so that an error never shows "état : closed". Values missing here are shown as given.
 */
const WORDS: Readonly<Record<string, Readonly<Record<Language, string>>>> = {
  draft: { fr: 'en préparation', en: 'draft' },
  published: { fr: 'publié', en: 'published' },
  archived: { fr: 'archivé', en: 'archived' },
  open: { fr: 'ouvert', en: 'open' },
  closed: { fr: 'clos', en: 'closed' },
  due: { fr: 'à échéance', en: 'due' },
  frozen: { fr: 'vivier gelé', en: 'pool frozen' },
  committed: { fr: 'graine engagée', en: 'seed committed' },
  drawn: { fr: 'tiré', en: 'drawn' },
  seated: { fr: 'en fonction', en: 'seated' },
  resigned: { fr: 'démissionnaire', en: 'resigned' },
  ended: { fr: 'terminé', en: 'ended' },
  sponsored: { fr: 'parrainée', en: 'sponsored' },
  pending: { fr: 'en modération', en: 'awaiting moderation' },
  deliberation: { fr: 'en délibération', en: 'in deliberation' },
  rejected: { fr: 'refusé', en: 'rejected' },
  answered: { fr: 'répondue', en: 'answered' },
  proposed: { fr: 'déposé', en: 'tabled' },
  voting: { fr: 'au vote', en: 'being voted on' },
  contest: { fr: 'en classement', en: 'being ranked' },
  adopted: { fr: 'adopté', en: 'adopted' },
  withdrawn: { fr: 'retiré', en: 'withdrawn' },
  lapsed: { fr: 'caduc', en: 'lapsed' },
};

/** Params that hold status values: translated before they are put into a message. */
const STATUS_PARAMS = new Set(['status', 'expected']);

/** One status value (or a comma-separated list of them) in `language`. */
export function statusWords(value: string, language: Language): string {
  return value
    .split(/\s*,\s*/)
    .map((one) => WORDS[one]?.[language] ?? one)
    .join(language === 'fr' ? ' ou ' : ' or ');
}

/** An error's params with their status values put into words. */
export function withStatusWords(
  params: Readonly<Record<string, string | number>>,
  language: Language,
): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      STATUS_PARAMS.has(name) && typeof value === 'string' ? statusWords(value, language) : value,
    ]),
  );
}
