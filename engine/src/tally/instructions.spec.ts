import fc from 'fast-check';
import { instructions } from './instructions';

describe(instructions.name, () => {
  it('gives each deputy one choice, the counts equal to the seats, in the order of the deputies', () => {
    const sut = instructions({ yes: 3, no: 1, abstain: 1 }, 5, 'seed');

    expect(sut.map((instruction) => instruction.deputy)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5']);
    expect(sut.filter((instruction) => instruction.choice === 'yes')).toHaveLength(3);
    expect(sut.filter((instruction) => instruction.choice === 'no')).toHaveLength(1);
  });

  it('is a pinned, deterministic function of the seed and the deputies', () => {
    const sut = instructions(
      { yes: 1, no: 1, abstain: 0, absent: 1 },
      ['ann', 'bob', 'cem'],
      'public-seed-2026',
    );

    // Pinned (checked with sha256sum): tickets bob 0113…, cem 5b30…, ann 7d4c… give the order bob, cem, ann.
    expect(sut).toEqual([
      { deputy: 'ann', choice: 'absent' },
      { deputy: 'bob', choice: 'yes' },
      { deputy: 'cem', choice: 'no' },
    ]);
  });

  it('does not depend on the order in which the deputies are listed', () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 8 })
          .chain((ids) =>
            fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids, { minLength: ids.length }), fc.string()),
          ),
        ([ids, shuffled, seed]) => {
          const seats = { yes: ids.length - Math.floor(ids.length / 2), no: Math.floor(ids.length / 2) };
          const choiceOf = (list: string[]): Record<string, string> =>
            Object.fromEntries(instructions(seats, list, seed).map((entry) => [entry.deputy, entry.choice]));

          expect(choiceOf(shuffled)).toEqual(choiceOf(ids));
        },
      ),
    );
  });

  it('refuses seats that do not match the deputies', () => {
    expect(() => instructions({ yes: 2 }, 3, 's')).toThrow(RangeError);
    expect(() => instructions({ yes: 2 }, ['a', 'a'], 's')).toThrow(/twice/);
  });
});
