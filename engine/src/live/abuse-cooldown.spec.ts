import { AbuseCooldown } from './abuse-cooldown';

describe('AbuseCooldown', () => {
  let now = 0;
  const clock = (): number => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('refuses for the base time, then doubles on each repeat up to 64 times, and forgets after ten quiet minutes', () => {
    const cooldown = new AbuseCooldown(5, 100, clock);
    expect(cooldown.remainingSeconds(['address:a'])).toBe(0);
    cooldown.strike(['address:a']);
    expect(cooldown.remainingSeconds(['address:a'])).toBe(5);
    expect(cooldown.remainingSeconds(['address:b'])).toBe(0);
    now += 5_000;
    expect(cooldown.remainingSeconds(['address:a'])).toBe(0);

    const seen: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      cooldown.strike(['address:a']);
      seen.push(cooldown.remainingSeconds(['address:a']));
    }
    expect(seen).toEqual([10, 20, 40, 80, 160, 320, 320, 320]);

    now += 10 * 60_000;
    cooldown.sweep();
    expect(cooldown.size).toBe(0);
    cooldown.strike(['address:a']);
    expect(cooldown.remainingSeconds(['address:a'])).toBe(5);
  });

  it('answers for the longest of a client’s keys and holds at most its number of keys', () => {
    const cooldown = new AbuseCooldown(1, 3, clock);
    cooldown.strike(['account:x']);
    cooldown.strike(['account:x']);
    cooldown.strike(['address:y']);
    expect(cooldown.remainingSeconds(['address:y', 'account:x'])).toBe(2);
    cooldown.strike(['k1']);
    cooldown.strike(['k2']);
    expect(cooldown.size).toBe(3);
    // the oldest strike went first
    expect(cooldown.remainingSeconds(['account:x'])).toBe(0);
    expect(cooldown.remainingSeconds(['k2'])).toBe(1);
  });

  it('keeps a cooldown that is still running when swept', () => {
    const cooldown = new AbuseCooldown(5, 100, clock);
    cooldown.strike(['address:a']);
    now += 4_000;
    cooldown.sweep();
    expect(cooldown.remainingSeconds(['address:a'])).toBe(1);
  });
});
