import type { TextBody } from '@liquide/engine';
import { Amendment } from '../entities/amendment.entity';
import { planMerge } from './merge.handlers';

const text: TextBody = {
  sections: [],
  articles: ['a1', 'a2', 'a3'].map((id) => ({ id, heading: id, text: `Texte ${id}.`, sectionId: null })),
};

let clock = 0;
function amendment(articleId: string, kind: Amendment['kind'], body: string | null = null): Amendment {
  const a = new Amendment({
    collectiveId: 'c',
    billId: 'b',
    articleId,
    authorId: 'm',
    kind,
    heading: null,
    text: body,
    rationale: 'r',
    baseVersion: 1,
  });
  clock += 1;
  return Object.assign(a, { createdAt: new Date(clock * 1000) });
}

describe(planMerge.name, () => {
  it('applies adopted amendments on different articles in article order, whatever their adoption order', () => {
    const late = amendment('a3', 'insert-after', 'Nouveau.');
    const early = amendment('a1', 'replace', 'Remplacé.');
    const sut = planMerge([late, early], text);
    expect(sut.apply).toEqual([early, late]);
    expect(sut.changes.map((c) => c.op)).toEqual(['replace', 'insert-after']);
    expect(sut.lapsed).toEqual([]);
  });

  it('on one article: applies in proposal order, and a change to an article deleted before lapses', () => {
    const replace = amendment('a2', 'replace', 'Version A.');
    const remove = amendment('a2', 'delete');
    const replaceAfter = amendment('a2', 'replace', 'Version B.');
    const sut = planMerge([replaceAfter, remove, replace], text);
    expect(sut.apply).toEqual([replace, remove]);
    expect(sut.lapsed).toEqual([replaceAfter]);
  });

  it('lapses an amendment whose article is already gone from the latest text', () => {
    const sut = planMerge([amendment('zz', 'replace', 'X.')], text);
    expect(sut.apply).toEqual([]);
    expect(sut.lapsed).toHaveLength(1);
  });
});
