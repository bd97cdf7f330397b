import { approvalMethod } from './approval';
import { d21Method } from './d21';
import { preferenceMethod } from './preference';

const OPTIONS = ['a', 'b', 'c', 'd'];
const TIE = ['d', 'c', 'b', 'a'];
const M = 1_000_000;

describe(approvalMethod.id, () => {
  const options = approvalMethod.optionsSchema.parse({ options: OPTIONS, maxApprovals: 2 });
  const schema = approvalMethod.ballotSchema(options);

  it('adds each approving weight to the option (hand-checked)', () => {
    const sut = approvalMethod.count(
      options,
      [
        { ballot: { approve: ['a', 'b'] }, units: 3 * M },
        { ballot: { approve: ['b'] }, units: 2.5 * M },
        { ballot: { approve: [] }, units: 1 * M },
        { ballot: { approve: ['c', 'a'] }, units: 1 * M },
      ],
      TIE,
    );
    expect(sut.approvals).toEqual({ a: 4, b: 5.5, c: 1, d: 0 });
    expect(sut.order).toEqual(['b', 'a', 'c', 'd']);
    expect(sut.winner).toBe('b');
    expect(sut.tieBroken).toBe(false);
  });

  it('breaks equal approvals with the seeded order', () => {
    const sut = approvalMethod.count(options, [{ ballot: { approve: ['a', 'c'] }, units: M }], TIE);
    expect(sut.order).toEqual(['c', 'a', 'd', 'b']);
    expect(sut.tieBroken).toBe(true);
  });

  it('refuses unknown, repeated and too many options; normalises the order', () => {
    expect(schema.safeParse({ approve: ['z'] }).success).toBe(false);
    expect(schema.safeParse({ approve: ['a', 'a'] }).success).toBe(false);
    expect(schema.safeParse({ approve: ['a', 'b', 'c'] }).success).toBe(false);
    expect(schema.parse({ approve: ['c', 'a'] })).toEqual({ approve: ['a', 'c'] });
  });

  it('property: approvals sum to the weight of each approval given, and adding an approval never lowers an option', () => {
    const ballots = [
      { ballot: { approve: ['a', 'd'] }, units: 2 * M },
      { ballot: { approve: ['b', 'd'] }, units: M },
    ];
    const before = approvalMethod.count(options, ballots, TIE);
    expect(Object.values(before.approvals).reduce((x, y) => x + y, 0)).toBe(6);
    const after = approvalMethod.count(options, [...ballots, { ballot: { approve: ['b'] }, units: M }], TIE);
    for (const id of OPTIONS) {
      expect(after.approvals[id]).toBeGreaterThanOrEqual(before.approvals[id]);
    }
  });
});

describe(d21Method.id, () => {
  const options = d21Method.optionsSchema.parse({ options: OPTIONS, plus: 2, minus: 1 });
  const schema = d21Method.ballotSchema(options);

  it('scores plus minus minus (hand-checked)', () => {
    const sut = d21Method.count(
      options,
      [
        { ballot: { plus: ['a', 'b'], minus: ['c'] }, units: 3 * M },
        { ballot: { plus: ['c'], minus: [] }, units: 4 * M },
        { ballot: { plus: ['b', 'd'], minus: ['a'] }, units: 2 * M },
      ],
      TIE,
    );
    expect(sut.plus).toEqual({ a: 3, b: 5, c: 4, d: 2 });
    expect(sut.minus).toEqual({ a: 2, b: 0, c: 3, d: 0 });
    expect(sut.score).toEqual({ a: 1, b: 5, c: 1, d: 2 });
    expect(sut.order).toEqual(['b', 'd', 'c', 'a']);
    expect(sut.winner).toBe('b');
  });

  it('applies the method’s rules: k plus votes, one minus, a minus only with two plus, one vote per option', () => {
    expect(schema.safeParse({ plus: ['a', 'b'], minus: ['c'] }).success).toBe(true);
    expect(schema.safeParse({ plus: ['a', 'b', 'c'] }).success).toBe(false);
    expect(schema.safeParse({ plus: ['a', 'b'], minus: ['c', 'd'] }).success).toBe(false);
    const lone = schema.safeParse({ plus: ['a'], minus: ['c'] });
    expect(lone.success).toBe(false);
    expect(lone.error?.issues[0].path).toEqual(['minus']);
    expect(lone.error?.issues[0].message).toMatch(/at least two plus votes/);
    expect(schema.safeParse({ plus: ['a', 'b'], minus: ['a'] }).success).toBe(false);
    expect(schema.parse({ plus: ['b', 'a'] })).toEqual({ plus: ['a', 'b'], minus: [] });
  });

  it('refuses settings giving as many plus votes as options', () => {
    expect(d21Method.optionsSchema.safeParse({ options: ['a', 'b'], plus: 2 }).success).toBe(false);
    expect(d21Method.optionsSchema.safeParse({ options: ['a', 'b'], plus: 1, minus: 2 }).success).toBe(false);
  });

  it('property: a ballot without minus votes is approval with at most k approvals', () => {
    const ballots = [
      { ballot: { plus: ['a', 'c'], minus: [] }, units: 2 * M },
      { ballot: { plus: ['c'], minus: [] }, units: M },
    ];
    const d21 = d21Method.count(options, ballots, TIE);
    const approval = approvalMethod.count(
      { options: OPTIONS },
      ballots.map((b) => ({ ballot: { approve: b.ballot.plus }, units: b.units })),
      TIE,
    );
    expect(d21.score).toEqual(approval.approvals);
    expect(d21.order).toEqual(approval.order);
  });
});

describe(preferenceMethod.id, () => {
  const options = preferenceMethod.optionsSchema.parse({ options: ['keep', 'i1', 'i2'], statusQuo: 'keep' });
  const schema = preferenceMethod.ballotSchema(options);

  it('names the options that beat the status quo', () => {
    const sut = preferenceMethod.count(
      options,
      [
        { ballot: schema.parse({ ranking: [['i1'], ['keep'], ['i2']] }), units: 3 * M },
        { ballot: schema.parse({ ranking: [['i2', 'i1'], ['keep']] }), units: 1 * M },
        { ballot: schema.parse({ ranking: [['keep']] }), units: 2 * M },
      ],
      ['keep', 'i1', 'i2'],
    );
    // i1 over keep: 4 vs 2; i2 over keep: 1 vs 5
    expect(sut.beatStatusQuo).toEqual(['i1']);
    expect(sut.winner).toBe('i1');
    expect(sut.pairwise[1][0]).toBe(4);
  });

  it('refuses unknown and repeated options and a status quo that is not an option', () => {
    expect(schema.safeParse({ ranking: [['zz']] }).success).toBe(false);
    expect(schema.safeParse({ ranking: [['i1'], ['i1']] }).success).toBe(false);
    expect(schema.safeParse({ ranking: [[]] }).success).toBe(false);
    expect(preferenceMethod.optionsSchema.safeParse({ options: ['a', 'b'], statusQuo: 'c' }).success).toBe(
      false,
    );
  });
});
