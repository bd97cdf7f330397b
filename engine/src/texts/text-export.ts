import type { TextArticle, TextSection, TextVersionView } from './text.types';

/** The Akoma Ntoso 3.0 namespace (OASIS LegalDocML). */
export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

/** Escapes text for XML content and attribute values (`& < > " '`), dropping characters XML 1.0 forbids. */
export function xmlEscape(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- the allowed XML 1.0 characters include tab, LF and CR
      .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** Paragraphs of an article's text: separated by blank lines, inner line breaks kept as spaces. */
function paragraphs(text: string): string[] {
  const parts = text
    .split(/\n\s*\n/)
    .map((part) => part.replace(/\s*\n\s*/g, ' ').trim())
    .filter((part) => part.length > 0);
  return parts.length > 0 ? parts : [''];
}

/** Articles grouped by section, in text order; articles outside any section form groups of their own. */
function groups(version: TextVersionView): { section: TextSection | null; articles: TextArticle[] }[] {
  const sections = new Map(version.sections.map((section) => [section.id, section]));
  const result: { section: TextSection | null; articles: TextArticle[] }[] = [];
  for (const article of version.articles) {
    const section = article.sectionId ? (sections.get(article.sectionId) ?? null) : null;
    const last = result[result.length - 1];
    if (last && last.section?.id === section?.id) {
      last.articles.push(article);
    } else {
      result.push({ section, articles: [article] });
    }
  }
  return result;
}

/** The version as Markdown: `# title`, `## section`, `### Article n — heading`, then the text. */
export function toMarkdown(version: TextVersionView): string {
  const lines = [
    `# ${version.title}`,
    '',
    `_Version ${version.number} — ${version.createdAt} — ${version.reason.kind}_`,
    '',
  ];
  let number = 0;
  for (const group of groups(version)) {
    if (group.section) {
      lines.push(`## ${group.section.heading}`, '');
    }
    for (const article of group.articles) {
      number += 1;
      lines.push(`### Article ${number}${article.heading ? ` — ${article.heading}` : ''}`, '');
      lines.push(...paragraphs(article.text).flatMap((p) => [p, '']));
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Options of the Akoma Ntoso export: the FRBR country (jurisdiction) and the expression's language. */
export interface AknOptions {
  /** ISO 3166-1 alpha-2 code, or another jurisdiction code; `fr` unless told. */
  readonly country?: string;
  /** ISO 639-2 code of the text's language; `fra` unless told. */
  readonly language?: string;
}

/**
 * The version as an Akoma Ntoso 3.0 `bill`: `<meta>` with the FRBR identification (work = the bill,
 * expression = this version), `<preface>` with the title, and `<body>` whose sections become
 * `<chapter eId="chp_N">` and articles `<article eId="art_N" GUID="…">` with `<num>`, `<heading>` and
 * `<content><p>…</p></content>`. Article numbers run through the whole text.
 */
export function toAkomaNtoso(version: TextVersionView, options: AknOptions = {}): string {
  const country = options.country ?? 'fr';
  const language = options.language ?? 'fra';
  const date = version.createdAt.slice(0, 10);
  const work = `/akn/${country}/bill/${date}/${version.billId}`;
  const expression = `${work}/${language}@v${version.number}`;
  const e = xmlEscape;
  const frbr = (tag: string, uri: string, extra: string[]) =>
    [
      `        <${tag}>`,
      `          <FRBRthis value="${e(`${uri}/main`)}"/>`,
      `          <FRBRuri value="${e(uri)}"/>`,
      ...extra.map((line) => `          ${line}`),
      `        </${tag}>`,
    ].join('\n');
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<akomaNtoso xmlns="${AKN_NAMESPACE}">`,
    `  <bill name="bill">`,
    '    <meta>',
    '      <identification source="#liquide">',
    frbr('FRBRWork', work, [
      `<FRBRdate date="${e(date)}" name="creation"/>`,
      '<FRBRauthor href="#liquide"/>',
      `<FRBRcountry value="${e(country)}"/>`,
    ]),
    frbr('FRBRExpression', expression, [
      `<FRBRdate date="${e(date)}" name="version"/>`,
      '<FRBRauthor href="#liquide"/>',
      `<FRBRlanguage language="${e(language)}"/>`,
    ]),
    frbr('FRBRManifestation', `${expression}.akn`, [
      `<FRBRdate date="${e(date)}" name="export"/>`,
      '<FRBRauthor href="#liquide"/>',
    ]),
    '      </identification>',
    '      <lifecycle source="#liquide">',
    `        <eventRef eId="evt_${version.number}" date="${e(date)}" source="#liquide" refersTo="#${e(
      version.reason.kind,
    )}"/>`,
    '      </lifecycle>',
    '      <references source="#liquide">',
    '        <TLCOrganization eId="liquide" href="/ontology/organization/liquide" showAs="Liquide"/>',
    `        <TLCConcept eId="${e(version.reason.kind)}" href="/ontology/concept/${e(
      version.reason.kind,
    )}" showAs="${e(version.reason.kind)}"/>`,
    '      </references>',
    '    </meta>',
    '    <preface>',
    `      <longTitle><p>${e(version.title)}</p></longTitle>`,
    '    </preface>',
    '    <body>',
  ];
  let articleNumber = 0;
  let chapterNumber = 0;
  for (const group of groups(version)) {
    const indent = group.section ? '        ' : '      ';
    if (group.section) {
      chapterNumber += 1;
      out.push(`      <chapter eId="chp_${chapterNumber}" GUID="${e(group.section.id)}">`);
      out.push(`        <num>${chapterNumber}</num>`);
      out.push(`        <heading>${e(group.section.heading)}</heading>`);
    }
    for (const article of group.articles) {
      articleNumber += 1;
      out.push(`${indent}<article eId="art_${articleNumber}" GUID="${e(article.id)}">`);
      out.push(`${indent}  <num>Article ${articleNumber}</num>`);
      if (article.heading) {
        out.push(`${indent}  <heading>${e(article.heading)}</heading>`);
      }
      out.push(`${indent}  <content>`);
      out.push(...paragraphs(article.text).map((p) => `${indent}    <p>${e(p)}</p>`));
      out.push(`${indent}  </content>`);
      out.push(`${indent}</article>`);
    }
    if (group.section) {
      out.push('      </chapter>');
    }
  }
  out.push('    </body>', '  </bill>', '</akomaNtoso>', '');
  return out.join('\n');
}
