import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Preloaded into the benchmarked server (`node --require …/loop-monitor.js`) when the bench sets
 * LIQUIDE_BENCH_LOOP_FILE: every 100 ms it notes the longest event-loop delay of that window, and at
 * exit writes `[[epochMs, maxDelayMs], …]` to that file. The bench lays slow /health probes over it:
 * a probe slow while the loop was free waited elsewhere (the kernel, the machine's other processes).
 */
const file = process.env.LIQUIDE_BENCH_LOOP_FILE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const windows: [number, number][] = [];
  const timer = setInterval(() => {
    windows.push([Date.now(), Math.round(histogram.max / 1e5) / 10]);
    histogram.reset();
  }, 100);
  timer.unref();
  process.once('exit', () => writeFileSync(file, JSON.stringify(windows)));
}
