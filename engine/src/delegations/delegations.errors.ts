import { defineErrors } from '../errors/error-catalog';

/** Refusals proper to delegation writes (the others are in the domain's catalogue). */
export enum DelegationErrorCode {
  RequestIdReused = 'delegation.request_id_reused',
}

export const DELEGATION_ERRORS = defineErrors({
  [DelegationErrorCode.RequestIdReused]: {
    status: 409,
    fr: 'Cet identifiant de requête a déjà servi pour une autre demande de délégation',
    en: 'This request id was already used for another delegation request',
  },
});
