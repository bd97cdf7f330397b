import { defineErrors } from '../errors/error-catalog';

/** Error codes of e-mail verification, address change and password reset. */
export enum IdentityErrorCode {
  LinkInvalid = 'identity.link_invalid',
  LinkUsed = 'identity.link_used',
  LinkExpired = 'identity.link_expired',
  AlreadyVerified = 'identity.already_verified',
  EmailUnchanged = 'identity.email_unchanged',
  EmailUnavailable = 'identity.email_unavailable',
  WrongPassword = 'identity.wrong_password',
}

export const IDENTITY_ERRORS = defineErrors({
  [IdentityErrorCode.LinkInvalid]: {
    status: 400,
    fr: 'Ce lien n’est pas valide : copiez-le en entier depuis le message reçu, ou demandez-en un nouveau',
    en: 'This link is not valid: copy it whole from the message you received, or ask for a new one',
  },
  [IdentityErrorCode.LinkUsed]: {
    status: 410,
    fr: 'Ce lien a déjà servi : un lien ne sert qu’une fois ; demandez-en un nouveau si besoin',
    en: 'This link was already used: a link works once; ask for a new one if needed',
  },
  [IdentityErrorCode.LinkExpired]: {
    status: 410,
    fr: 'Ce lien a expiré ou a été remplacé par un plus récent : demandez-en un nouveau',
    en: 'This link has expired or was replaced by a newer one: ask for a new one',
  },
  [IdentityErrorCode.AlreadyVerified]: {
    status: 409,
    fr: 'Votre adresse e-mail est déjà vérifiée',
    en: 'Your e-mail address is already verified',
  },
  [IdentityErrorCode.EmailUnchanged]: {
    status: 400,
    fr: 'La nouvelle adresse est celle de votre compte',
    en: 'The new address is already your account’s',
  },
  [IdentityErrorCode.EmailUnavailable]: {
    status: 409,
    fr: 'Un autre compte a vérifié cette adresse entre-temps : elle ne peut pas devenir la vôtre',
    en: 'Another account verified this address in the meantime: it cannot become yours',
  },
  [IdentityErrorCode.WrongPassword]: {
    status: 403,
    fr: 'Mot de passe incorrect : confirmez avec votre mot de passe actuel',
    en: 'Wrong password: confirm with your current password',
  },
});
