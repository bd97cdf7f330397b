import { defineErrors } from '../errors/error-catalog';

/** Refusals of the deputies feature (volunteers, sortition, mandates), in French and English. */
export enum DeputiesErrorCode {
  NotVolunteer = 'deputies.not_volunteer',
  AlreadyVolunteer = 'deputies.already_volunteer',
  SortitionNotFound = 'sortition.not_found',
  SortitionWrongStatus = 'sortition.wrong_status',
  SortitionAlreadyOpen = 'sortition.already_open',
  PoolTooSmall = 'sortition.pool_too_small',
  QuotaInfeasible = 'sortition.quota_infeasible',
  DuplicateQuota = 'sortition.duplicate_quota',
  SeedRequired = 'sortition.seed_required',
  SeedMismatch = 'sortition.seed_mismatch',
  NotSeated = 'deputies.not_seated',
  NotYourSeat = 'deputies.not_your_seat',
}

export const DEPUTIES_ERRORS = defineErrors({
  [DeputiesErrorCode.NotVolunteer]: {
    status: 404,
    fr: 'Ce membre ne s’est pas porté volontaire',
    en: 'This member has not volunteered',
  },
  [DeputiesErrorCode.AlreadyVolunteer]: {
    status: 409,
    fr: 'Vous êtes déjà volontaire',
    en: 'You have already volunteered',
  },
  [DeputiesErrorCode.SortitionNotFound]: {
    status: 404,
    fr: 'Tirage au sort introuvable',
    en: 'Sortition not found',
  },
  [DeputiesErrorCode.SortitionWrongStatus]: {
    status: 409,
    fr: 'Impossible : le tirage est à l’étape « {status} », il doit être à « {expected} »',
    en: 'Not possible: the sortition is "{status}", it must be "{expected}"',
  },
  [DeputiesErrorCode.SortitionAlreadyOpen]: {
    status: 409,
    fr: 'Un tirage est déjà en cours (étape « {status} ») : terminez-le avant de geler un nouveau vivier',
    en: 'A sortition is already under way (step "{status}"): finish it before freezing a new pool',
  },
  [DeputiesErrorCode.PoolTooSmall]: {
    status: 422,
    fr: '{seats} sièges à pourvoir mais seulement {volunteers} volontaire(s) certifié(s)',
    en: '{seats} seats to fill but only {volunteers} certified volunteer(s)',
  },
  [DeputiesErrorCode.QuotaInfeasible]: {
    status: 422,
    fr: 'Le quota {quota} ne peut pas être respecté : {reason}',
    en: 'The quota {quota} cannot be met: {reason}',
  },
  [DeputiesErrorCode.DuplicateQuota]: {
    status: 400,
    fr: 'Le quota {quota} apparaît deux fois',
    en: 'The quota {quota} appears twice',
  },
  [DeputiesErrorCode.SeedRequired]: {
    status: 400,
    fr: 'Révélez la graine engagée (champ seed) : le serveur ne la connaît pas',
    en: 'Reveal the committed seed (field seed): the server does not know it',
  },
  [DeputiesErrorCode.SeedMismatch]: {
    status: 400,
    fr: 'La graine révélée ne correspond pas à l’engagement publié {commitment}',
    en: 'The revealed seed does not match the published commitment {commitment}',
  },
  [DeputiesErrorCode.NotSeated]: {
    status: 404,
    fr: 'Ce membre n’est pas député en exercice',
    en: 'This member is not a sitting deputy',
  },
  [DeputiesErrorCode.NotYourSeat]: {
    status: 403,
    fr: 'Seuls le député ou un organisateur peuvent enregistrer une démission',
    en: 'Only the deputy or an organiser may record a resignation',
  },
});
