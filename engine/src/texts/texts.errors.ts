import { defineErrors } from '../errors/error-catalog';

/** Refusals of the versioned texts, each naming the rule in French and English. */
export enum TextErrorCode {
  VersionNotFound = 'text.version_not_found',
  ArticleNotFound = 'text.article_not_found',
  EmptyText = 'text.empty',
  InvalidText = 'text.invalid',
  StaleVersion = 'text.stale_version',
  BadFormat = 'text.bad_format',
  ArticleIdTaken = 'text.article_id_taken',
}

export const TEXT_ERRORS = defineErrors({
  [TextErrorCode.VersionNotFound]: {
    status: 404,
    fr: 'Version {number} introuvable pour ce projet de loi',
    en: 'Version {number} of this bill not found',
  },
  [TextErrorCode.ArticleNotFound]: {
    status: 409,
    fr: 'L’article {articleId} n’existe pas dans la dernière version du texte',
    en: 'Article {articleId} is not in the latest version of the text',
  },
  [TextErrorCode.EmptyText]: {
    status: 409,
    fr: 'Un texte garde au moins un article',
    en: 'A text keeps at least one article',
  },
  [TextErrorCode.InvalidText]: {
    status: 400,
    fr: 'Texte invalide : {problems}',
    en: 'Invalid text: {problems}',
  },
  [TextErrorCode.StaleVersion]: {
    status: 409,
    fr: 'Le texte a changé : la dernière version est la {latest}, pas la {base}',
    en: 'The text changed: the latest version is {latest}, not {base}',
  },
  [TextErrorCode.BadFormat]: {
    status: 400,
    fr: 'Format « {format} » inconnu ; possibles : json, md, akn',
    en: 'Unknown format "{format}"; known: json, md, akn',
  },
  [TextErrorCode.ArticleIdTaken]: {
    status: 409,
    fr: 'L’identifiant d’article {articleId} appartient à un autre projet de loi',
    en: 'Article id {articleId} belongs to another bill',
  },
});
