import type { identity as fr } from '../fr/identity';

/** English messages: address verification, forgotten password, address change. */
export const identity: Record<keyof typeof fr, string> = {
  'identity.banner':
    'Your e-mail address is not verified yet: your memberships, votes and delegations are not bound to you until you follow the link sent to {email}.',
  'identity.resend': 'Send the link again',
  'identity.resent': 'A new link was just sent; the earlier ones no longer work.',
  'identity.checkTitle': 'Check your e-mail',
  'identity.checkText':
    'If the address {email} can be used, a message was just sent to it. Follow its link to confirm the address is yours: your memberships will then be bound to you.',
  'identity.checkContinue': 'Continue',
  'identity.verifyTitle': 'Verifying your address',
  'identity.verifying': 'Verifying…',
  'identity.verified': 'Address {email} verified.',
  'identity.verifiedBound': '{count} membership(s) are now bound to you.',
  'identity.toHome': 'Go to the home page',
  'identity.forgotLink': 'Forgot your password?',
  'identity.forgotTitle': 'Forgotten password',
  'identity.forgotText':
    'Give your address: if it has an account, you will receive a link to choose a new password.',
  'identity.forgotSubmit': 'Send the link',
  'identity.forgotSent':
    'If this address has an account, a link was just sent to it. It expires in one hour.',
  'identity.resetTitle': 'New password',
  'identity.resetPassword': 'New password (at least 10 characters)',
  'identity.resetSubmit': 'Save the password',
  'identity.resetDone': 'Password changed; every session was signed out. Sign in with the new one.',
  'identity.toLogin': 'Sign in',
  'identity.accountTitle': 'My account',
  'identity.accountEmail': 'Current address: {email}',
  'identity.changeTitle': 'Change e-mail address',
  'identity.changeText':
    'The new address replaces the current one only once confirmed by the link we send to it.',
  'identity.newEmail': 'New address',
  'identity.currentPassword': 'Current password',
  'identity.changeSubmit': 'Send the confirmation link',
  'identity.changeSent': 'If this address can be used, a confirmation link was just sent to it.',
  'identity.accountLink': 'My account',
};
