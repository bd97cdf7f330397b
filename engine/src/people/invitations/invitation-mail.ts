import type { MailLocale, OutgoingMail } from '../../mail/mail.contract';
import { composeMail, readableDate } from '../people-mail';

export interface InvitationMailInput {
  readonly invitationId: string;
  /** Counts sends, so that a resend is a new message (the outbox keeps one per key). */
  readonly sendCount: number;
  readonly to: string;
  readonly locale: MailLocale;
  readonly displayName: string;
  readonly collectiveName: string;
  readonly link: string;
  readonly expiresAt: Date;
}

/** The invitation e-mail, French or English, plain text and HTML. */
export function invitationMail(input: InvitationMailInput): OutgoingMail {
  const expires = readableDate(input.expiresAt, input.locale);
  const fr = input.locale === 'fr';
  return composeMail({
    to: input.to,
    locale: input.locale,
    dedupeKey: `invitation:${input.invitationId}:${input.sendCount}`,
    subject: fr
      ? `Invitation à rejoindre « ${input.collectiveName} » sur Liquide`
      : `You are invited to join "${input.collectiveName}" on Liquide`,
    paragraphs: fr
      ? [
          `Bonjour ${input.displayName},`,
          `Les organisateurs de « ${input.collectiveName} » vous invitent à y voter sur Liquide, avec l’adresse ${input.to}.`,
          `Suivez le lien ci-dessous pour créer votre compte (ou vous connecter) et rejoindre le collectif. Il ne sert qu’une fois et expire le ${expires}.`,
        ]
      : [
          `Hello ${input.displayName},`,
          `The organisers of "${input.collectiveName}" invite you to vote there on Liquide, with the address ${input.to}.`,
          `Follow the link below to create your account (or sign in) and join the collective. It works once and expires on ${expires}.`,
        ],
    action: { label: fr ? 'Rejoindre le collectif' : 'Join the collective', href: input.link },
    footer: fr
      ? 'Vous n’attendiez pas cette invitation ? Ignorez ce message : rien ne sera fait sans vous.'
      : 'Not expecting this invitation? Ignore this message: nothing happens without you.',
  });
}
