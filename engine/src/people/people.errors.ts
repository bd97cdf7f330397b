import { defineErrors } from '../errors/error-catalog';

/** Refusals about invitations, requests to join and memberships, in French and English. */
export enum PeopleErrorCode {
  InvitationInvalid = 'invitation.invalid',
  InvitationUsed = 'invitation.used',
  InvitationRevoked = 'invitation.revoked',
  InvitationExpired = 'invitation.expired',
  InvitationWrongAccount = 'invitation.wrong_account',
  InvitationSignIn = 'invitation.sign_in',
  InvitationAccountNeeded = 'invitation.account_needed',
  InvitationNotFound = 'invitation.not_found',
  InvitationJoined = 'invitation.already_joined',
  InvitationSendLimit = 'invitation.send_limit',
  MemberExists = 'member.exists',
  JoinNotPublic = 'join.not_public',
  JoinAlreadyMember = 'join.already_member',
  JoinPending = 'join.pending',
  JoinRequestNotFound = 'join.not_found',
}

export const PEOPLE_ERRORS = defineErrors({
  [PeopleErrorCode.InvitationInvalid]: {
    status: 404,
    fr: 'Ce lien d’invitation n’est pas valide (mal recopié, ou remplacé par un envoi plus récent)',
    en: 'This invitation link is not valid (mistyped, or replaced by a newer one)',
  },
  [PeopleErrorCode.InvitationUsed]: {
    status: 410,
    fr: 'Cette invitation a déjà servi : connectez-vous avec l’adresse invitée',
    en: 'This invitation was already used: sign in with the invited address',
  },
  [PeopleErrorCode.InvitationRevoked]: {
    status: 410,
    fr: 'Cette invitation a été annulée par les organisateurs',
    en: 'This invitation was revoked by the organisers',
  },
  [PeopleErrorCode.InvitationExpired]: {
    status: 410,
    fr: 'Cette invitation a expiré le {expiresAt} : demandez-en une nouvelle aux organisateurs',
    en: 'This invitation expired on {expiresAt}: ask the organisers for a new one',
  },
  [PeopleErrorCode.InvitationWrongAccount]: {
    status: 409,
    fr: 'Vous êtes connecté·e avec une autre adresse que celle invitée : déconnectez-vous, puis suivez le lien à nouveau',
    en: 'You are signed in with another address than the invited one: sign out, then follow the link again',
  },
  [PeopleErrorCode.InvitationSignIn]: {
    status: 409,
    fr: 'Un compte existe déjà pour l’adresse invitée : connectez-vous (ou réinitialisez le mot de passe), puis suivez le lien à nouveau',
    en: 'An account already exists for the invited address: sign in (or reset the password), then follow the link again',
  },
  [PeopleErrorCode.InvitationAccountNeeded]: {
    status: 400,
    fr: 'Pour créer votre compte, donnez un nom et un mot de passe',
    en: 'To create your account, give a name and a password',
  },
  [PeopleErrorCode.InvitationNotFound]: {
    status: 404,
    fr: 'Aucune invitation en attente pour ce membre',
    en: 'No pending invitation for this member',
  },
  [PeopleErrorCode.InvitationJoined]: {
    status: 409,
    fr: 'Ce membre a déjà rejoint le collectif',
    en: 'This member has already joined',
  },
  [PeopleErrorCode.InvitationSendLimit]: {
    status: 429,
    fr: 'Cette invitation a déjà été envoyée {count} fois',
    en: 'This invitation was already sent {count} times',
  },
  [PeopleErrorCode.MemberExists]: {
    status: 409,
    fr: 'Un membre a déjà cette adresse dans ce collectif',
    en: 'A member already has this address in this collective',
  },
  [PeopleErrorCode.JoinNotPublic]: {
    status: 403,
    fr: 'Ce collectif n’accepte pas de demandes d’adhésion : il faut y être invité',
    en: 'This collective takes no requests to join: members are invited',
  },
  [PeopleErrorCode.JoinAlreadyMember]: {
    status: 409,
    fr: 'Vous êtes déjà membre de ce collectif',
    en: 'You are already a member of this collective',
  },
  [PeopleErrorCode.JoinPending]: {
    status: 409,
    fr: 'Votre demande est déjà en attente d’un organisateur',
    en: 'Your request is already waiting for an organiser',
  },
  [PeopleErrorCode.JoinRequestNotFound]: {
    status: 404,
    fr: 'Demande d’adhésion introuvable ou déjà traitée',
    en: 'Request to join not found or already decided',
  },
});
