/** Messages en français : vérification de l’adresse, mot de passe oublié, changement d’adresse. */
export const identity = {
  'identity.banner':
    'Votre adresse e-mail n’est pas encore vérifiée : vos adhésions, votes et délégations ne vous sont pas rattachés tant que vous n’avez pas suivi le lien envoyé à {email}.',
  'identity.resend': 'Renvoyer le lien',
  'identity.resent': 'Un nouveau lien vient d’être envoyé ; les précédents ne fonctionnent plus.',
  'identity.checkTitle': 'Vérifiez vos e-mails',
  'identity.checkText':
    'Si l’adresse {email} peut être utilisée, un message vient d’y être envoyé. Suivez son lien pour confirmer qu’elle est à vous : vos adhésions vous seront alors rattachées.',
  'identity.checkContinue': 'Continuer',
  'identity.verifyTitle': 'Vérification de votre adresse',
  'identity.verifying': 'Vérification en cours…',
  'identity.verified': 'Adresse {email} vérifiée.',
  'identity.verifiedBound': '{count} adhésion(s) vous sont désormais rattachées.',
  'identity.toHome': 'Aller à l’accueil',
  'identity.forgotLink': 'Mot de passe oublié ?',
  'identity.forgotTitle': 'Mot de passe oublié',
  'identity.forgotText':
    'Indiquez votre adresse : si elle a un compte, vous recevrez un lien pour choisir un nouveau mot de passe.',
  'identity.forgotSubmit': 'Envoyer le lien',
  'identity.forgotSent':
    'Si cette adresse a un compte, un lien vient d’y être envoyé. Il expire dans une heure.',
  'identity.resetTitle': 'Nouveau mot de passe',
  'identity.resetPassword': 'Nouveau mot de passe (10 caractères au moins)',
  'identity.resetSubmit': 'Enregistrer le mot de passe',
  'identity.resetDone':
    'Mot de passe changé ; toutes vos sessions ont été fermées. Connectez-vous avec le nouveau.',
  'identity.toLogin': 'Se connecter',
  'identity.accountTitle': 'Mon compte',
  'identity.accountEmail': 'Adresse actuelle : {email}',
  'identity.changeTitle': 'Changer d’adresse e-mail',
  'identity.changeText':
    'La nouvelle adresse ne remplacera l’actuelle qu’une fois confirmée par le lien que nous y enverrons.',
  'identity.newEmail': 'Nouvelle adresse',
  'identity.currentPassword': 'Mot de passe actuel',
  'identity.changeSubmit': 'Envoyer le lien de confirmation',
  'identity.changeSent':
    'Si cette adresse peut être utilisée, un lien de confirmation vient d’y être envoyé.',
  'identity.accountLink': 'Mon compte',
} as const;
