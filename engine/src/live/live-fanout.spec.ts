import { FANOUT_DUTY, inSlices, pushInterval, SerialPerKey } from './live-fanout';

describe('inSlices', () => {
  it('visits every id once, in order, and lets other work run between slices', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `s${i}`);
    const seen: string[] = [];
    let otherWorkRanAt = -1;
    setImmediate(() => {
      otherWorkRanAt = seen.length;
    });
    await inSlices(ids, 4, (slice) => seen.push(...slice));
    expect(seen).toEqual(ids);
    // the other task ran after the first slice and before the last one, not after the whole loop
    expect(otherWorkRanAt).toBeGreaterThan(0);
    expect(otherWorkRanAt).toBeLessThan(ids.length);
  });
});

describe('SerialPerKey', () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('never overlaps two tasks of one key, and runs them in the order given', async () => {
    const serial = new SerialPerKey();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([serial.run('b1', task('push')), serial.run('b1', task('close'))]);
    expect(log).toEqual(['push start', 'push end', 'close start', 'close end']);
  });

  it('runs the next task of a key after a failed one, and reports the failure to its caller', async () => {
    const serial = new SerialPerKey();
    const failed = serial.run('b1', () => Promise.reject(new Error('boom')));
    const next = serial.run('b1', () => Promise.resolve());
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBeUndefined();
  });

  it('lets tasks of different keys interleave', async () => {
    const serial = new SerialPerKey();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([serial.run('b1', task('one')), serial.run('b2', task('two'))]);
    expect(log.slice(0, 2).sort()).toEqual(['one start', 'two start']);
  });
});

describe('pushInterval', () => {
  it('keeps the configured rate while pushes are cheap, and spaces them out as they cost more', () => {
    expect(pushInterval(100, 0)).toBe(100);
    expect(pushInterval(100, 5)).toBe(100);
    // a fan-out of 45 ms (3,000 sockets) may take at most FANOUT_DUTY of the time
    expect(pushInterval(100, 45)).toBeCloseTo(45 / FANOUT_DUTY);
    expect(45 / pushInterval(100, 45)).toBeLessThanOrEqual(FANOUT_DUTY);
  });
});
