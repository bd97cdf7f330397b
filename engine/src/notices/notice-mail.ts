import type { MailLocale } from '../mail/mail.contract';
import type { NoticeView } from './notices.contract';

/** Links and wording a message needs besides its notices. */
export interface MailFrame {
  readonly publicUrl: string;
  readonly locale: MailLocale;
  /** The page of the one-click unsubscribe link. */
  readonly unsubscribeUrl: string;
}

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const CHOICE = {
  fr: { yes: 'pour', no: 'contre', abstain: 'abstention', absent: 'absent' },
  en: { yes: 'yes', no: 'no', abstain: 'abstain', absent: 'absent' },
} as const;

const SCOPE = {
  fr: { global: 'sur tous les sujets', topic: 'sur le thème', bill: 'sur le texte' },
  en: { global: 'on every subject', topic: 'on the topic', bill: 'on the bill' },
} as const;

const WORDS = {
  fr: {
    open: 'Ouvrir',
    footer: 'Vous recevez ce message parce que vous êtes membre d’un collectif sur Liquide.',
    preferences: 'Choisir la fréquence de ces messages',
    unsubscribe: 'Ne plus recevoir ces messages (un clic)',
    digest: (count: number) => `Liquide · ${count} ${count > 1 ? 'nouveaux' : 'nouvel'} avis`,
    intro: 'Voici ce qui vous concerne depuis le dernier récapitulatif :',
  },
  en: {
    open: 'Open',
    footer: 'You receive this message because you are a member of a collective on Liquide.',
    preferences: 'Choose how often you receive these messages',
    unsubscribe: 'Stop receiving these messages (one click)',
    digest: (count: number) => `Liquide · ${count} new notice${count > 1 ? 's' : ''}`,
    intro: 'Here is what concerns you since the last digest:',
  },
} as const;

/** One sentence telling the notice, naming its bill, ballot or petition. */
export function describeNotice(notice: NoticeView, locale: MailLocale): string {
  const title = notice.subject.title;
  const p = notice.params;
  const fr = locale === 'fr';
  switch (notice.kind) {
    case 'ballot.opened':
      return fr
        ? `Le vote est ouvert sur « ${title} » (${notice.collectiveName}).`
        : `Voting is open on “${title}” (${notice.collectiveName}).`;
    case 'delegate.voted':
      if (p.choice) {
        return fr
          ? `${p.name ?? ''}, qui porte votre voix, a voté ${CHOICE.fr[p.choice]} sur « ${title} ».`
          : `${p.name ?? ''}, who carries your vote, voted ${CHOICE.en[p.choice]} on “${title}”.`;
      }
      return fr
        ? `${p.name ?? ''}, qui porte votre voix, a voté sur « ${title} » ; son choix reste secret jusqu’à la clôture.`
        : `${p.name ?? ''}, who carries your vote, voted on “${title}”; the choice stays secret until the close.`;
    case 'delegation.received': {
      const scope = SCOPE[locale][p.scope ?? 'global'];
      const on = title ? ` ${fr ? `« ${title} »` : `“${title}”`}` : '';
      return fr
        ? `${p.name ?? ''} vous a délégué sa voix ${scope}${on} (${notice.collectiveName}).`
        : `${p.name ?? ''} delegated their vote to you ${scope}${on} (${notice.collectiveName}).`;
    }
    case 'ballot.closing-unrepresented': {
      const when = p.closesAt ? formatDate(p.closesAt, locale) : '';
      return fr
        ? `Le vote sur « ${title} » se termine le ${when} et personne ne porte votre voix : votez ou déléguez.`
        : `Voting on “${title}” ends on ${when} and nobody carries your vote: vote or delegate.`;
    }
    case 'instruction.issued':
      return fr
        ? `Votre instruction de vote signée pour « ${title} » est émise : ${CHOICE.fr[p.choice ?? 'absent']}.`
        : `Your signed voting instruction for “${title}” is issued: ${CHOICE.en[p.choice ?? 'absent']}.`;
    case 'petition.threshold':
      return fr
        ? `La pétition « ${title} », que vous avez signée, a atteint ${p.signatures ?? 0} signatures.`
        : `The petition “${title}”, which you signed, reached ${p.signatures ?? 0} signatures.`;
    case 'deputy.deviations':
      return fr
        ? `La ou le député·e ${p.name ?? ''} n’a pas suivi ${p.deviations ?? 0} consignes des membres (${notice.collectiveName}).`
        : `Deputy ${p.name ?? ''} did not follow ${p.deviations ?? 0} of the members’ instructions (${notice.collectiveName}).`;
    case 'question.answered':
      return fr
        ? `${p.name ?? ''} a répondu à votre question « ${title} ».`
        : `${p.name ?? ''} answered your question “${title}”.`;
    case 'question.removed':
      return fr
        ? `Votre question « ${title} » a été retirée par la modération (motif : ${p.reason ?? ''}).`
        : `Your question “${title}” was removed by moderation (reason: ${p.reason ?? ''}).`;
  }
}

/** The web page a notice links to. */
export function noticeUrl(notice: NoticeView, publicUrl: string): string {
  const base = `${publicUrl}/#/c/${notice.collectiveId}`;
  if (notice.kind === 'deputy.deviations' && notice.params.memberId) {
    return `${base}/deputies/${notice.params.memberId}`;
  }
  switch (notice.subject.type) {
    case 'petition':
      return `${base}/petitions/${notice.subject.id}`;
    case 'collective':
      return `${base}/delegations`;
    case 'bill':
    case 'ballot':
      return `${base}/bills/${notice.subject.billId ?? notice.subject.id}`;
  }
}

/** One message for one notice (`immediate`), or one for several (`digest`). */
export function renderNoticeMail(
  notices: readonly NoticeView[],
  frame: MailFrame,
  mode: 'immediate' | 'digest',
): RenderedMail {
  const words = WORDS[frame.locale];
  const lines = notices.map((notice) => ({
    sentence: describeNotice(notice, frame.locale),
    url: noticeUrl(notice, frame.publicUrl),
  }));
  const subject =
    mode === 'immediate' && notices.length === 1
      ? `Liquide · ${lines[0].sentence}`
      : words.digest(notices.length);
  const preferencesUrl = `${frame.publicUrl}/#/notifications`;
  const text = [
    ...(mode === 'digest' ? [words.intro, ''] : []),
    ...lines.flatMap((line) => [`- ${line.sentence}`, `  ${line.url}`, '']),
    '--',
    words.footer,
    `${words.preferences}: ${preferencesUrl}`,
    `${words.unsubscribe}: ${frame.unsubscribeUrl}`,
    '',
  ].join('\n');
  const items = lines
    .map(
      (line) =>
        `<li><p>${escape(line.sentence)}</p><p><a href="${escape(line.url)}">${words.open}</a></p></li>`,
    )
    .join('');
  const html = [
    `<!doctype html><html lang="${frame.locale}"><head><meta charset="utf-8"><title>${escape(subject)}</title></head><body>`,
    mode === 'digest' ? `<p>${escape(words.intro)}</p>` : '',
    `<ul>${items}</ul>`,
    `<hr><p>${escape(words.footer)}</p>`,
    `<p><a href="${escape(preferencesUrl)}">${escape(words.preferences)}</a> · `,
    `<a href="${escape(frame.unsubscribeUrl)}">${escape(words.unsubscribe)}</a></p>`,
    '</body></html>',
  ].join('');
  return { subject: oneLine(subject), text, html };
}

function formatDate(iso: string, locale: MailLocale): string {
  return (
    new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'UTC',
    }).format(new Date(iso)) + ' UTC'
  );
}

function oneLine(value: string): string {
  const flat = value.replace(/[\r\n]+/g, ' ');
  return flat.length > 180 ? `${flat.slice(0, 179)}…` : flat;
}

function escape(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
