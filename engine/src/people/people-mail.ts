import type { MailLocale, OutgoingMail } from '../mail/mail.contract';

/** The parts of a message to a person: the same content gives the plain text and the HTML. */
export interface MailContent {
  readonly to: string;
  readonly locale: MailLocale;
  readonly subject: string;
  readonly paragraphs: readonly string[];
  /** A button (HTML) / a line of its own (text). */
  readonly action?: { readonly label: string; readonly href: string };
  /** Small print after the action. */
  readonly footer?: string;
  readonly dedupeKey: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Builds the plain-text and HTML bodies of a message; every value is escaped in the HTML. */
export function composeMail(content: MailContent): OutgoingMail {
  const text = [
    ...content.paragraphs,
    ...(content.action
      ? [`${content.action.label}${content.locale === 'fr' ? ' :' : ':'}\n${content.action.href}`]
      : []),
    ...(content.footer ? [`--\n${content.footer}`] : []),
  ].join('\n\n');
  const html = [
    `<!doctype html><html lang="${content.locale}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:36rem;margin:auto;padding:1rem">',
    ...content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(content.action
      ? [
          `<p><a href="${escapeHtml(content.action.href)}" style="display:inline-block;padding:.6rem 1rem;background:#1f4e8c;color:#fff;text-decoration:none;border-radius:.3rem">${escapeHtml(content.action.label)}</a></p>`,
          `<p style="font-size:.9em;color:#444">${escapeHtml(content.action.href)}</p>`,
        ]
      : []),
    ...(content.footer
      ? [`<hr><p style="font-size:.85em;color:#444">${escapeHtml(content.footer)}</p>`]
      : []),
    '</body></html>',
  ].join('\n');
  return {
    to: content.to,
    locale: content.locale,
    subject: content.subject,
    text,
    html,
    dedupeKey: content.dedupeKey,
  };
}

/** A date as people of the locale read it (UTC, day and time). */
export function readableDate(date: Date, locale: MailLocale): string {
  return (
    new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'UTC',
    }).format(date) + ' UTC'
  );
}
