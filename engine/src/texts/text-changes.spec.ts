import { applyChanges, TextChangeError } from './text-changes';
import { diffTexts, diffWords } from './text-diff';
import type { TextBody } from './text.types';

const body: TextBody = {
  sections: [{ id: 's1', heading: 'Titre I' }],
  articles: [
    { id: 'a1', heading: 'Un', text: 'Le vélo est encouragé.', sectionId: 's1' },
    { id: 'a2', heading: 'Deux', text: 'Les pistes sont continues.', sectionId: 's1' },
    { id: 'a3', heading: 'Trois', text: 'La loi entre en vigueur.', sectionId: null },
  ],
};

describe(applyChanges.name, () => {
  it('replaces, inserts after (in the same section) and deletes, keeping every other id', () => {
    const sut = applyChanges(body, [
      { op: 'replace', articleId: 'a2', text: 'Les pistes sont continues et sûres.' },
      { op: 'insert-after', articleId: 'a1', heading: 'Un bis', text: 'Nouveau.', newArticleId: 'n1' },
      { op: 'delete', articleId: 'a3' },
    ]);
    expect(sut.articles.map((a) => [a.id, a.sectionId])).toEqual([
      ['a1', 's1'],
      ['n1', 's1'],
      ['a2', 's1'],
    ]);
    expect(sut.articles[2]).toMatchObject({ heading: 'Deux', text: 'Les pistes sont continues et sûres.' });
    expect(body.articles).toHaveLength(3);
  });

  it('inserts at the very beginning with a null anchor', () => {
    const sut = applyChanges(body, [
      { op: 'insert-after', articleId: null, heading: 'Zéro', text: 'Préambule.' },
    ]);
    expect(sut.articles[0].heading).toBe('Zéro');
  });

  it('refuses a change to a missing article and a text left empty', () => {
    expect(() => applyChanges(body, [{ op: 'delete', articleId: 'zz' }])).toThrow(TextChangeError);
    expect(() =>
      applyChanges(body, [
        { op: 'delete', articleId: 'a1' },
        { op: 'delete', articleId: 'a2' },
        { op: 'delete', articleId: 'a3' },
      ]),
    ).toThrow('empty-text');
  });

  it('drops sections left without article', () => {
    const sut = applyChanges(body, [
      { op: 'delete', articleId: 'a1' },
      { op: 'delete', articleId: 'a2' },
    ]);
    expect(sut.sections).toEqual([]);
  });
});

describe(diffTexts.name, () => {
  it('reports added, removed and changed articles with word-level parts', () => {
    const after = applyChanges(body, [
      { op: 'replace', articleId: 'a2', text: 'Les pistes sont larges.' },
      { op: 'insert-after', articleId: 'a3', heading: 'Quatre', text: 'Évaluation.', newArticleId: 'a4' },
      { op: 'delete', articleId: 'a1' },
    ]);
    const sut = diffTexts(1, body, 2, after);
    expect(sut.summary).toEqual({ added: 1, removed: 1, changed: 1 });
    const a2 = sut.articles.find((a) => a.articleId === 'a2')!;
    expect(a2.text).toEqual([
      { op: 'same', value: 'Les pistes sont ' },
      { op: 'removed', value: 'continues' },
      { op: 'added', value: 'larges' },
      { op: 'same', value: '.' },
    ]);
    expect(sut.articles.find((a) => a.articleId === 'a1')).toMatchObject({
      status: 'removed',
      toPosition: null,
    });
    expect(sut.articles.find((a) => a.articleId === 'a4')).toMatchObject({
      status: 'added',
      text: [{ op: 'added', value: 'Évaluation.' }],
    });
  });

  it('marks identical articles in the same place unchanged', () => {
    expect(diffTexts(1, body, 1, body).articles.every((a) => a.status === 'unchanged')).toBe(true);
    expect(diffWords('', '')).toEqual([]);
  });
});
