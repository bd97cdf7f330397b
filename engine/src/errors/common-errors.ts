import { defineErrors } from './error-catalog';

export enum CommonErrorCode {
  ValidationFailed = 'common.validation_failed',
  NotFound = 'common.not_found',
  RouteNotFound = 'common.route_not_found',
  Unauthenticated = 'common.unauthenticated',
  Forbidden = 'common.forbidden',
  Conflict = 'common.conflict',
  PayloadTooLarge = 'common.payload_too_large',
  BadRequest = 'common.bad_request',
  InvalidCharacters = 'common.invalid_characters',
  Internal = 'common.internal',
  DatabaseUnavailable = 'common.database_unavailable',
}

export const COMMON_ERRORS = defineErrors({
  [CommonErrorCode.ValidationFailed]: {
    status: 400,
    fr: 'La requête est invalide : {count} champ(s) ne respectent pas les règles',
    en: 'The request is invalid: {count} field(s) break the rules',
  },
  [CommonErrorCode.NotFound]: { status: 404, fr: '{what} introuvable', en: '{what} not found' },
  [CommonErrorCode.RouteNotFound]: { status: 404, fr: 'Cette adresse n’existe pas', en: 'No such route' },
  [CommonErrorCode.Unauthenticated]: {
    status: 401,
    fr: 'Authentification requise : {reason}',
    en: 'Authentication required: {reason}',
  },
  [CommonErrorCode.Forbidden]: {
    status: 403,
    fr: 'Action « {action} » non autorisée pour votre rôle',
    en: 'Action "{action}" is not allowed for your role',
  },
  [CommonErrorCode.Conflict]: { status: 409, fr: 'Conflit : {reason}', en: 'Conflict: {reason}' },
  [CommonErrorCode.PayloadTooLarge]: {
    status: 413,
    fr: 'La requête est trop volumineuse',
    en: 'The request is too large',
  },
  [CommonErrorCode.BadRequest]: {
    status: 400,
    fr: 'Requête invalide : {reason}',
    en: 'Bad request: {reason}',
  },
  [CommonErrorCode.InvalidCharacters]: {
    status: 400,
    fr: 'Le champ « {field} » contient un caractère interdit (NUL ou moitié de paire de substitution UTF-16)',
    en: 'The field "{field}" contains a forbidden character (NUL or half of a UTF-16 surrogate pair)',
  },
  [CommonErrorCode.DatabaseUnavailable]: {
    status: 503,
    fr: 'La base de données ne répond pas ; rien n’a été enregistré, réessayez dans quelques secondes',
    en: 'The database is not answering; nothing was saved, try again in a few seconds',
  },
  [CommonErrorCode.Internal]: {
    status: 500,
    fr: 'Erreur interne ; elle a été consignée',
    en: 'Internal error; it has been logged',
  },
});
