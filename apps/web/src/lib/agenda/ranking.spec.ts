/// <reference types="jest" />
import { draftOf, groupsOf, moveTo, rankOf, toggleTie, type RankingDraft } from './ranking';

const start: RankingDraft = { order: ['a', 'b', 'sq'], tiedWithAbove: new Set() };

describe('ranking draft', () => {
  it('moves a row up and down, and reads as ranks best first', () => {
    const sut = moveTo(start, 'sq', 0);
    expect(groupsOf(sut)).toEqual([['sq'], ['a'], ['b']]);
    expect(groupsOf(moveTo(sut, 'sq', 5))).toEqual([['a'], ['b'], ['sq']]);
    expect(moveTo(start, 'a', -1)).toBe(start);
  });

  it('ties a row with the one above ("same rank"), never the first row', () => {
    const tied = toggleTie(start, 'b');
    expect(groupsOf(tied)).toEqual([['a', 'b'], ['sq']]);
    expect(rankOf(tied, 'b')).toEqual({ rank: 1, ranks: 2 });
    expect(toggleTie(start, 'a')).toBe(start);
    expect(groupsOf(toggleTie(tied, 'b'))).toEqual([['a'], ['b'], ['sq']]);
  });

  it('a moved row leaves its tie, and the row that becomes first stands alone', () => {
    const tied = toggleTie(start, 'b');
    expect(groupsOf(moveTo(tied, 'a', 2))).toEqual([['b'], ['sq'], ['a']]);
    expect(groupsOf(moveTo(tied, 'b', 2))).toEqual([['a'], ['sq'], ['b']]);
  });

  it('reads a recorded ranking back, options left out tied last', () => {
    expect(groupsOf(draftOf([['b', 'sq']], ['a', 'b', 'sq']))).toEqual([['b', 'sq'], ['a']]);
    expect(groupsOf(draftOf([['b'], ['a']], ['a', 'b', 'sq', 'c']))).toEqual([['b'], ['a'], ['sq', 'c']]);
    expect(groupsOf(draftOf([], ['a', 'b']))).toEqual([['a'], ['b']]);
  });
});
