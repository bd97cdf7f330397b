import { SeededRandom } from './prng';

describe('SeededRandom.below', () => {
  it('draws below 2^32 from one word per try, as every earlier proof was replayed', () => {
    const words = new SeededRandom('seed', 'panel');
    const sut = new SeededRandom('seed', 'panel');
    const limit = 4 * 1_000_000_000; // the largest multiple of 10⁹ up to 2^32: words from it up are redrawn
    for (let i = 0; i < 100; i++) {
      let word = words.nextUint32();
      while (word >= limit) {
        word = words.nextUint32();
      }
      expect(sut.below(1_000_000_000)).toBe(word % 1_000_000_000);
    }
  });

  it('draws uniformly below a denominator past 2^32 (LEXIMIN weights out of 10¹²), replayably', () => {
    const n = 3 * 2 ** 40;
    const sut = new SeededRandom('seed', 'panel');
    const thirds = [0, 0, 0];
    const values: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const x = sut.below(n);
      expect(Number.isSafeInteger(x) && x >= 0 && x < n).toBe(true);
      thirds[Math.floor(x / 2 ** 40)] += 1;
      values.push(x);
    }
    thirds.forEach((count) => expect(Math.abs(count - 1000)).toBeLessThan(120));
    const again = new SeededRandom('seed', 'panel');
    expect(values.map(() => again.below(n))).toEqual(values);
  });

  it('refuses a bound it cannot draw from without bias', () => {
    const sut = new SeededRandom('seed', 'panel');
    expect(() => sut.below(0)).toThrow(RangeError);
    expect(() => sut.below(2 ** 53 + 2)).toThrow(RangeError);
    expect(() => sut.below(1.5)).toThrow(RangeError);
  });
});
