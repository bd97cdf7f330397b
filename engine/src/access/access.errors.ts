import { defineErrors } from '../errors/error-catalog';

export enum AccessErrorCode {
  CollectiveNotFound = 'access.collective_not_found',
  Forbidden = 'access.forbidden',
  LoginRequired = 'access.login_required',
  MembershipDeactivated = 'access.membership_deactivated',
}

export const ACCESS_ERRORS = defineErrors({
  [AccessErrorCode.CollectiveNotFound]: {
    status: 404,
    fr: 'Collectif introuvable',
    en: 'Collective not found',
  },
  [AccessErrorCode.Forbidden]: {
    status: 403,
    fr: 'Action « {action} » réservée aux rôles : {roles}',
    en: 'Action "{action}" is reserved to the roles: {roles}',
  },
  [AccessErrorCode.MembershipDeactivated]: {
    status: 403,
    fr: 'Votre adhésion à ce collectif a été désactivée par ses organisateurs : « {action} » ne vous est plus permis',
    en: 'Your membership of this collective was deactivated by its organisers: "{action}" is no longer allowed to you',
  },
  [AccessErrorCode.LoginRequired]: {
    status: 401,
    fr: 'Connectez-vous pour « {action} » : ce collectif est réservé à ses membres',
    en: 'Log in to "{action}": this collective is for its members only',
  },
});
