import type { MailLocale, OutgoingMail } from '../../mail/mail.contract';
import { composeMail } from '../people-mail';

/** Tells the requester the organisers' decision, French or English, plain text and HTML. */
export function joinDecisionMail(input: {
  readonly requestId: string;
  readonly to: string;
  readonly locale: MailLocale;
  readonly displayName: string;
  readonly collectiveName: string;
  readonly approved: boolean;
  readonly link: string;
}): OutgoingMail {
  const fr = input.locale === 'fr';
  const name = input.collectiveName;
  const subject = input.approved
    ? fr
      ? `Bienvenue dans « ${name} »`
      : `Welcome to "${name}"`
    : fr
      ? `Votre demande pour « ${name} »`
      : `Your request to join "${name}"`;
  const verdict = input.approved
    ? fr
      ? `Les organisateurs de « ${name} » ont accepté votre demande d’adhésion : vous pouvez y voter dès maintenant.`
      : `The organisers of "${name}" approved your request to join: you can vote there from now on.`
    : fr
      ? `Les organisateurs de « ${name} » n’ont pas accepté votre demande d’adhésion.`
      : `The organisers of "${name}" did not approve your request to join.`;
  return composeMail({
    to: input.to,
    locale: input.locale,
    dedupeKey: `join-request:${input.requestId}`,
    subject,
    paragraphs: [fr ? `Bonjour ${input.displayName},` : `Hello ${input.displayName},`, verdict],
    ...(input.approved
      ? { action: { label: fr ? 'Ouvrir le collectif' : 'Open the collective', href: input.link } }
      : {}),
  });
}
