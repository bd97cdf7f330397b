import { writeFileSync } from 'node:fs';

/**
 * Preloaded into a benchmarked `liquide` process (`node --require …/process-usage.js`) when the bench sets
 * LIQUIDE_BENCH_USAGE_FILE: at exit it writes the process's CPU time (ms) and peak resident memory (KiB)
 * to that file, so that the bench reports them next to the wall-clock time it measures itself.
 */
const file = process.env.LIQUIDE_BENCH_USAGE_FILE;
if (file) {
  process.once('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({ cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKiB: usage.maxRSS }),
    );
  });
}
