import type { MailLocale, OutgoingMail } from '../mail/mail.contract';

/** The web client's pages that links open (hash routes: the token never reaches a server log). */
export const LINK_PATHS = {
  verify: '/#/verify-email/',
  reset: '/#/reset-password/',
  signIn: '/#/login',
  forgot: '/#/forgot-password',
} as const;

interface Content {
  readonly subject: string;
  readonly greeting: string;
  readonly paragraphs: readonly string[];
  readonly action?: { readonly label: string; readonly url: string };
  readonly footer: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Plain text and HTML from the same content. */
function render(to: string, locale: MailLocale, dedupeKey: string, content: Content): OutgoingMail {
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.action
      ? [`${content.action.label}${locale === 'fr' ? ' :' : ':'} ${content.action.url}`, '']
      : []),
    '-- ',
    content.footer,
  ].join('\n');
  const html = [
    `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif;line-height:1.5">`,
    `<p>${escapeHtml(content.greeting)}</p>`,
    ...content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(content.action
      ? [
          `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:.6em 1.2em;background:#1d4ed8;color:#fff;border-radius:4px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>`,
          `<p style="font-size:.9em">${escapeHtml(content.action.url)}</p>`,
        ]
      : []),
    `<hr><p style="font-size:.85em;color:#555">${escapeHtml(content.footer)}</p></body></html>`,
  ].join('\n');
  return { to, locale, subject: content.subject, text, html, dedupeKey };
}

const FOOTER: Record<MailLocale, string> = {
  fr: 'Liquide — message automatique, ne répondez pas. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
  en: 'Liquide — automatic message, do not reply. If you did not ask for this, ignore this message.',
};

/** The link that proves the address of a new account. */
export function verifyAddressMail(
  to: string,
  locale: MailLocale,
  name: string,
  url: string,
  tokenId: string,
): OutgoingMail {
  return render(
    to,
    locale,
    `verify:${tokenId}`,
    locale === 'fr'
      ? {
          subject: 'Confirmez votre adresse e-mail',
          greeting: `Bonjour ${name},`,
          paragraphs: [
            'Confirmez que cette adresse est la vôtre : vos adhésions, vos votes et vos délégations vous seront alors rattachés.',
            'Ce lien sert une seule fois et expire dans 48 heures.',
          ],
          action: { label: 'Confirmer mon adresse', url },
          footer: FOOTER.fr,
        }
      : {
          subject: 'Confirm your e-mail address',
          greeting: `Hello ${name},`,
          paragraphs: [
            'Confirm that this address is yours: your memberships, votes and delegations will then be bound to you.',
            'This link works once and expires in 48 hours.',
          ],
          action: { label: 'Confirm my address', url },
          footer: FOOTER.en,
        },
  );
}

/** The link that proves a new address before it replaces the account's current one. */
export function changeAddressMail(
  to: string,
  locale: MailLocale,
  name: string,
  url: string,
  tokenId: string,
): OutgoingMail {
  return render(
    to,
    locale,
    `change-email:${tokenId}`,
    locale === 'fr'
      ? {
          subject: 'Confirmez votre nouvelle adresse e-mail',
          greeting: `Bonjour ${name},`,
          paragraphs: [
            'Vous avez demandé à utiliser cette adresse pour votre compte Liquide. Votre ancienne adresse reste celle du compte tant que vous n’avez pas confirmé celle-ci.',
            'Ce lien sert une seule fois et expire dans 24 heures.',
          ],
          action: { label: 'Confirmer ma nouvelle adresse', url },
          footer: FOOTER.fr,
        }
      : {
          subject: 'Confirm your new e-mail address',
          greeting: `Hello ${name},`,
          paragraphs: [
            'You asked to use this address for your Liquide account. Your former address stays the account’s until you confirm this one.',
            'This link works once and expires in 24 hours.',
          ],
          action: { label: 'Confirm my new address', url },
          footer: FOOTER.en,
        },
  );
}

/** The link that sets a new password (and ends every session). */
export function resetPasswordMail(
  to: string,
  locale: MailLocale,
  name: string,
  url: string,
  tokenId: string,
): OutgoingMail {
  return render(
    to,
    locale,
    `reset:${tokenId}`,
    locale === 'fr'
      ? {
          subject: 'Choisir un nouveau mot de passe',
          greeting: `Bonjour ${name},`,
          paragraphs: [
            'Quelqu’un (vous, sans doute) a demandé à changer le mot de passe de votre compte Liquide.',
            'Ce lien sert une seule fois et expire dans une heure. Une fois le mot de passe changé, toutes vos sessions ouvertes sont fermées.',
          ],
          action: { label: 'Choisir un nouveau mot de passe', url },
          footer: FOOTER.fr,
        }
      : {
          subject: 'Choose a new password',
          greeting: `Hello ${name},`,
          paragraphs: [
            'Someone (probably you) asked to change the password of your Liquide account.',
            'This link works once and expires in one hour. Once the password is changed, every open session is signed out.',
          ],
          action: { label: 'Choose a new password', url },
          footer: FOOTER.en,
        },
  );
}

/**
 * To the owner of an address someone tried to register (or to move an account to): no link that
 * does anything, only what happened and where to sign in or reset. One per address and hour at most.
 */
export function addressInUseMail(
  to: string,
  locale: MailLocale,
  publicUrl: string,
  accountId: string,
  now = new Date(),
): OutgoingMail {
  const hour = now.toISOString().slice(0, 13);
  return render(
    to,
    locale,
    `address-in-use:${accountId}:${hour}`,
    locale === 'fr'
      ? {
          subject: 'Quelqu’un a essayé de créer un compte avec votre adresse',
          greeting: 'Bonjour,',
          paragraphs: [
            'Quelqu’un a essayé de créer un compte Liquide (ou d’y rattacher un compte) avec cette adresse, qui a déjà un compte. Rien n’a été changé.',
            `Si c’était vous, connectez-vous (${publicUrl}${LINK_PATHS.signIn}) ou choisissez un nouveau mot de passe (${publicUrl}${LINK_PATHS.forgot}).`,
          ],
          footer: FOOTER.fr,
        }
      : {
          subject: 'Someone tried to register with your address',
          greeting: 'Hello,',
          paragraphs: [
            'Someone tried to create a Liquide account (or to move an account) with this address, which already has an account. Nothing was changed.',
            `If it was you, sign in (${publicUrl}${LINK_PATHS.signIn}) or choose a new password (${publicUrl}${LINK_PATHS.forgot}).`,
          ],
          footer: FOOTER.en,
        },
  );
}
