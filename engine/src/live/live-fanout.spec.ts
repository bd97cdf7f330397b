import { inSlices, LoopLag, pushInterval, SerialPerKey } from './live-fanout';

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
  it('keeps the configured rate while the loop keeps up, spaces pushes out as it lags, up to 1 s', () => {
    expect(pushInterval(100, 0)).toBe(100);
    expect(pushInterval(100, 40)).toBe(500);
    expect(pushInterval(100, 5000)).toBe(1000);
    // a configured rate slower than one push a second is never made faster
    expect(pushInterval(2000, 0)).toBe(2000);
    expect(pushInterval(2000, 300)).toBe(2000);
  });
});

describe('LoopLag', () => {
  it('grows when the loop is held, as a long synchronous task would hold it', async () => {
    const lag = new LoopLag(10);
    try {
      await new Promise((resolve) => setTimeout(resolve, 60));
      const before = lag.ms;
      const until = Date.now() + 200;
      while (Date.now() < until) {
        // hold the loop
      }
      // the overdue reading runs first in the next timers phase, before this timeout
      await new Promise((resolve) => setTimeout(resolve, 0));
      // the late reading (about 200 ms) weighs a quarter of the smoothed value
      expect(lag.ms).toBeGreaterThan(before * 0.75 + 40);
    } finally {
      lag.stop();
    }
  });
});
