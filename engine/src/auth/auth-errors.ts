import { defineErrors, LiquideError } from '../errors';

/** Error codes of authentication. */
export enum AuthErrorCode {
  InvalidCredentials = 'auth.invalid_credentials',
  EmailTaken = 'auth.email_taken',
  TokenMissing = 'auth.token_missing',
  TokenExpired = 'auth.token_expired',
  TokenInvalid = 'auth.token_invalid',
  RefreshInvalid = 'auth.refresh_invalid',
  RefreshReused = 'auth.refresh_reused',
  OidcEmailConflict = 'auth.oidc_email_conflict',
  OidcUnavailable = 'auth.oidc_unavailable',
  EmailUnverified = 'auth.email_unverified',
}

/** Status and French / English messages of each {@link AuthErrorCode}. */
export const AUTH_ERRORS = defineErrors({
  [AuthErrorCode.InvalidCredentials]: {
    status: 401,
    fr: 'Adresse e-mail ou mot de passe incorrect',
    en: 'Wrong email or password',
  },
  [AuthErrorCode.EmailTaken]: {
    status: 409,
    fr: 'Un compte utilise déjà cette adresse e-mail',
    en: 'An account already uses this email address',
  },
  [AuthErrorCode.TokenMissing]: {
    status: 401,
    fr: 'Authentification requise : envoyez « Authorization: Bearer <jeton d’accès> »',
    en: 'Authentication required: send "Authorization: Bearer <access token>"',
  },
  [AuthErrorCode.TokenExpired]: {
    status: 401,
    fr: 'Le jeton d’accès a expiré ; renouvelez-le avec votre jeton de rafraîchissement',
    en: 'The access token has expired; renew it with your refresh token',
  },
  [AuthErrorCode.TokenInvalid]: {
    status: 401,
    fr: 'Jeton d’accès refusé : {reasonFr}',
    en: 'Access token refused: {reasonEn}',
  },
  [AuthErrorCode.RefreshInvalid]: {
    status: 401,
    fr: 'Jeton de rafraîchissement inconnu, expiré ou révoqué ; reconnectez-vous',
    en: 'Unknown, expired or revoked refresh token; sign in again',
  },
  [AuthErrorCode.RefreshReused]: {
    status: 401,
    fr: 'Ce jeton de rafraîchissement a déjà servi : la session est révoquée par sécurité ; reconnectez-vous',
    en: 'This refresh token was already used: the session is revoked for safety; sign in again',
  },
  [AuthErrorCode.OidcEmailConflict]: {
    status: 409,
    fr: 'Un autre compte utilise déjà l’adresse e-mail donnée par le fournisseur d’identité, qui ne la garantit pas vérifiée',
    en: 'Another account already uses the email given by the identity provider, which does not vouch it verified',
  },
  [AuthErrorCode.EmailUnverified]: {
    status: 403,
    fr: 'Votre adresse e-mail n’est pas encore vérifiée : suivez le lien que nous vous avons envoyé (ou demandez-en un nouveau) pour que vos adhésions, votes et délégations vous soient rattachés',
    en: 'Your e-mail address is not verified yet: follow the link we sent you (or ask for a new one) so that your memberships, votes and delegations are bound to you',
  },
  [AuthErrorCode.OidcUnavailable]: {
    status: 503,
    fr: 'Les clés du fournisseur d’identité sont injoignables ; réessayez dans un instant',
    en: 'The identity provider’s keys cannot be reached; try again shortly',
  },
});

/** Why an access token was refused, in both languages (the message names it). */
export const TOKEN_REFUSAL_REASONS = {
  malformed: { fr: 'jeton mal formé', en: 'malformed token' },
  'not-yet-valid': { fr: 'pas encore valide (nbf)', en: 'not yet valid (nbf)' },
  'wrong-issuer': { fr: 'émetteur (iss) inattendu', en: 'wrong issuer (iss)' },
  'wrong-audience': { fr: 'audience (aud) inattendue', en: 'wrong audience (aud)' },
  'missing-claim': { fr: 'revendication obligatoire absente', en: 'a required claim is missing' },
  'bad-claim': { fr: 'revendication invalide', en: 'a claim is invalid' },
  'bad-signature': { fr: 'signature invalide', en: 'bad signature' },
  'unknown-key': { fr: 'clé de signature inconnue (kid)', en: 'unknown signing key (kid)' },
  'algorithm-not-allowed': { fr: 'algorithme non autorisé', en: 'algorithm not allowed' },
  'unknown-account': { fr: 'le compte n’existe plus', en: 'the account no longer exists' },
  'missing-email': {
    fr: 'le fournisseur d’identité ne donne pas d’adresse e-mail',
    en: 'the identity provider gives no email address',
  },
} as const;

/** A reason an access token is refused. */
export type TokenRefusalReason = keyof typeof TOKEN_REFUSAL_REASONS;

/** The error for a refused access token; `reason` is kept for logs and the socket gateway. */
export class TokenRefusedError extends LiquideError {
  constructor(readonly reason: TokenRefusalReason | 'expired') {
    super(
      reason === 'expired' ? AuthErrorCode.TokenExpired : AuthErrorCode.TokenInvalid,
      reason === 'expired'
        ? {}
        : {
            params: {
              reasonFr: TOKEN_REFUSAL_REASONS[reason].fr,
              reasonEn: TOKEN_REFUSAL_REASONS[reason].en,
            },
          },
    );
  }
}
