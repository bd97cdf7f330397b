import { child, childrenNamed, parseXml } from './testing/xml-tree';
import { AKN_NAMESPACE, toAkomaNtoso, toMarkdown, xmlEscape } from './text-export';
import type { TextVersionView } from './text.types';

const version: TextVersionView = {
  billId: '6f1c2d3e-0000-4000-8000-000000000001',
  title: 'Loi « Vélo & Ville » <2026>',
  number: 3,
  authorId: null,
  reason: { kind: 'amendment', ref: 'a1' },
  createdAt: '2026-11-28T10:00:00.000Z',
  sections: [
    { id: 's1', heading: 'Titre I — Principes' },
    { id: 's2', heading: 'Titre II — Moyens' },
  ],
  articles: [
    {
      id: 'a1',
      heading: 'Objet',
      text: 'Les pistes sont "sûres" & continues.\n\nElles relient <les> quartiers.',
      sectionId: 's1',
    },
    { id: 'a2', heading: '', text: "L'État finance 50 % des travaux.", sectionId: 's2' },
    { id: 'a3', heading: 'Entrée en vigueur', text: 'Au 1er janvier.', sectionId: null },
  ],
};

describe('toAkomaNtoso', () => {
  const sut = () => parseXml(toAkomaNtoso(version));

  it('is well-formed XML with an akomaNtoso root in the AKN 3.0 namespace', () => {
    const root = sut();
    expect(root.name).toBe('akomaNtoso');
    expect(root.attributes.xmlns).toBe(AKN_NAMESPACE);
    expect(root.children.map((c) => c.name)).toEqual(['bill']);
  });

  it('has meta with FRBR work, expression and manifestation, then preface and body', () => {
    const bill = child(sut(), 'bill');
    expect(bill.children.map((c) => c.name)).toEqual(['meta', 'preface', 'body']);
    const identification = child(child(bill, 'meta'), 'identification');
    expect(identification.children.map((c) => c.name)).toEqual([
      'FRBRWork',
      'FRBRExpression',
      'FRBRManifestation',
    ]);
    const expression = child(identification, 'FRBRExpression');
    expect(child(expression, 'FRBRuri').attributes.value).toBe(
      `/akn/fr/bill/2026-11-28/${version.billId}/fra@v3`,
    );
    expect(child(child(bill, 'preface'), 'longTitle').children[0].text).toBe(version.title);
  });

  it('puts sections in chapters and numbers articles through the text, escaping their content', () => {
    const body = child(child(sut(), 'bill'), 'body');
    expect(body.children.map((c) => `${c.name}#${c.attributes.eId}`)).toEqual([
      'chapter#chp_1',
      'chapter#chp_2',
      'article#art_3',
    ]);
    const first = child(body.children[0], 'article');
    expect(first.attributes).toEqual({ eId: 'art_1', GUID: 'a1' });
    expect(child(first, 'num').text).toBe('Article 1');
    expect(child(first, 'heading').text).toBe('Objet');
    expect(childrenNamed(child(first, 'content'), 'p').map((p) => p.text)).toEqual([
      'Les pistes sont "sûres" & continues.',
      'Elles relient <les> quartiers.',
    ]);
    const second = child(body.children[1], 'article');
    expect(childrenNamed(second, 'heading')).toHaveLength(0);
    expect(child(child(second, 'content'), 'p').text).toBe("L'État finance 50 % des travaux.");
  });
});

describe('xmlEscape', () => {
  it('escapes the five markup characters and drops control characters', () => {
    expect(xmlEscape(`<a href="x">'&'</a>\u0001`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
  });
});

describe('parseXml (the checker itself)', () => {
  it.each([
    ['<a><b></a></b>'],
    ['<a>x & y</a>'],
    ['<a b="1" b="2"/>'],
    ['<a/><b/>'],
    ['<a>'],
    ['text<a/>'],
    ['<a b=1/>'],
  ])('refuses %s', (xml) => {
    expect(() => parseXml(xml)).toThrow();
  });
});

describe('toMarkdown', () => {
  it('writes the title, sections as ## and articles as ### with their paragraphs', () => {
    expect(toMarkdown(version)).toBe(
      [
        '# Loi « Vélo & Ville » <2026>',
        '',
        '_Version 3 — 2026-11-28T10:00:00.000Z — amendment_',
        '',
        '## Titre I — Principes',
        '',
        '### Article 1 — Objet',
        '',
        'Les pistes sont "sûres" & continues.',
        '',
        'Elles relient <les> quartiers.',
        '',
        '## Titre II — Moyens',
        '',
        '### Article 2',
        '',
        "L'État finance 50 % des travaux.",
        '',
        '### Article 3 — Entrée en vigueur',
        '',
        'Au 1er janvier.',
        '',
      ].join('\n'),
    );
  });
});
