import { defineErrors } from '../errors/error-catalog';

/** Refusals of delegation writes, each naming the rule in French and English. */
export enum DelegationErrorCode {
  SelfDelegation = 'delegation.self',
  TrusteeNotMember = 'delegation.trustee_not_member',
  DuplicateTrustee = 'delegation.duplicate_trustee',
  DelegationExpiryPast = 'delegation.expiry_in_past',
  DelegationNotFound = 'delegation.not_found',
  RequestIdReused = 'delegation.request_id_reused',
}

export const DELEGATION_ERRORS = defineErrors({
  [DelegationErrorCode.SelfDelegation]: {
    status: 400,
    fr: 'On ne peut pas se déléguer sa propre voix',
    en: 'You cannot delegate to yourself',
  },
  [DelegationErrorCode.TrusteeNotMember]: {
    status: 400,
    fr: 'Le mandataire {trustee} n’est pas membre actif de ce collectif',
    en: 'Trustee {trustee} is not an active member of this collective',
  },
  [DelegationErrorCode.DuplicateTrustee]: {
    status: 400,
    fr: 'Le mandataire {trustee} apparaît deux fois',
    en: 'Trustee {trustee} appears twice',
  },
  [DelegationErrorCode.DelegationExpiryPast]: {
    status: 400,
    fr: 'La date d’expiration doit être dans le futur',
    en: 'The expiry date must be in the future',
  },
  [DelegationErrorCode.DelegationNotFound]: {
    status: 404,
    fr: 'Aucune délégation à ce niveau',
    en: 'No delegation at this scope',
  },
  [DelegationErrorCode.RequestIdReused]: {
    status: 409,
    fr: 'Cet identifiant de requête a déjà servi pour une autre demande de délégation',
    en: 'This request id was already used for another delegation request',
  },
});
