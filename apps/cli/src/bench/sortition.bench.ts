import { loadavg } from 'node:os';
import { buildProof, verifySortitionProof } from '@liquide/engine/deputies/sortition/proof';
import { drawLeximin, type LeximinOutcome } from '@liquide/engine/deputies/sortition/draw-leximin';
import { canonicalPool, finalSeed, seedCommitment } from '@liquide/engine/deputies/sortition/hash';
import { loadSolver } from '@liquide/engine/deputies/sortition/solver';
import { USAGE_ERROR } from '../commands/exit-status';
import { healthDuringDraw } from './sortition-health';
import { generatedPool } from './sortition-pools';
import { SERVER_HELP, sortitionServerBench } from './sortition-server.bench';

const HELP = `usage: liquide bench sortition [--volunteers N] [--seats N] [--features 2,4,6] [--slack N] [--health] [--json]

Generates pools (default 2,000 volunteers, 200 seats) with the given numbers of features (gender, age band,
region, education, urbanity, opinion — volunteers over-represent some values) and tight quotas (each
value's population share of the seats, ± --slack seats, default 1), then for each: the time to the LEXIMIN
distribution (wall-clock and CPU), the groups of interchangeable volunteers, levels, panels, the smallest
and largest selection probability and the Gini coefficient of the probabilities; then the time
\`liquide verify-sortition\` takes to check the proof. The load average is printed beside each figure.
With --health, each draw runs once more in a worker thread, as the server's draw jobs do, while this
process answers GET /health every 10 ms: the p50, p99 and largest answer times are printed.
`;

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
}

/** Gini coefficient of non-negative values: 0 when all are equal. */
export function gini(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const total = sorted.reduce((a, b) => a + b, 0);
  if (n === 0 || total === 0) {
    return 0;
  }
  const weighted = sorted.reduce((sum, v, i) => sum + (i + 1) * v, 0);
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

/** `liquide bench sortition`: prints the LEXIMIN figures (see docs/performance.md). */
export async function sortitionBench(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${HELP}\n${SERVER_HELP}`);
    return 0;
  }
  if (args.includes('--server')) {
    return sortitionServerBench(args);
  }
  const volunteers = Number(option(args, '--volunteers', '2000'));
  const seats = Number(option(args, '--seats', '200'));
  const slack = Number(option(args, '--slack', '1'));
  const features = option(args, '--features', '2,4,6').split(',').map(Number);
  if (![volunteers, seats, slack, ...features].every((n) => Number.isInteger(n) && n >= 0)) {
    process.stderr.write(HELP);
    return USAGE_ERROR;
  }
  await loadSolver();
  const rows: Record<string, unknown>[] = [];
  for (const count of features) {
    const generated = generatedPool(volunteers, seats, count, slack);
    const pool = canonicalPool(generated.pool, generated.quotas);
    const quotas = generated.quotas;
    const seed = 'bench-seed';
    const input = { pool, quotas, seats, substituteCount: seats, finalSeed: finalSeed(seed, 'bench') };
    const cpu = process.cpuUsage();
    const started = performance.now();
    const outcome: LeximinOutcome = await drawLeximin(input);
    const drawMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const loadAfterDraw = loadavg()[0];
    const proof = buildProof({
      collectiveId: 'bench',
      sortitionId: 'bench',
      pool,
      seats,
      substituteCount: seats,
      quotas,
      seedCommitment: seedCommitment(seed),
      seed,
      publicValueSource: 'bench',
      publicValue: 'bench',
      frozenAt: '2026-12-01T00:00:00.000Z',
      committedAt: '2026-12-01T00:00:01.000Z',
      drawnAt: '2026-12-01T00:00:02.000Z',
      outcome,
    });
    const text = JSON.stringify(proof);
    const verifyStart = performance.now();
    const check = await verifySortitionProof(JSON.parse(text));
    const verifyMs = performance.now() - verifyStart;
    const probabilities = Object.values(outcome.probabilities).map(Number);
    const row = {
      features: count,
      volunteers,
      seats,
      quotas: quotas.length,
      groups: check.ok ? check.leximin?.groups : undefined,
      levels: outcome.distribution.levels.length,
      panels: outcome.distribution.panels.length,
      drawSeconds: Number((drawMs / 1000).toFixed(2)),
      cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(2)),
      loadAverage: Number(loadAfterDraw.toFixed(2)),
      minProbability: Math.min(...probabilities),
      maxProbability: Math.max(...probabilities),
      gini: Number(gini(probabilities).toFixed(4)),
      proofBytes: text.length,
      verifySeconds: Number((verifyMs / 1000).toFixed(2)),
      verified: check.ok,
      certificateGap: check.ok ? check.leximin?.gap : undefined,
    };
    const health = args.includes('--health') ? await healthDuringDraw(input) : undefined;
    rows.push({ ...row, ...(health ? { health } : {}) });
    if (!args.includes('--json')) {
      process.stdout.write(
        `${count} features (${row.quotas} quotas, ${row.groups} groups): LEXIMIN in ${row.drawSeconds} s ` +
          `(CPU ${row.cpuSeconds} s, load ${row.loadAverage}), ${row.levels} levels, ${row.panels} panels, ` +
          `min ${row.minProbability.toFixed(4)}, max ${row.maxProbability.toFixed(4)}, Gini ${row.gini}; ` +
          `proof ${Math.round(row.proofBytes / 1024)} KiB verified (${row.verified}) in ${row.verifySeconds} s, ` +
          `gap ${row.certificateGap?.toExponential(2)}\n`,
      );
      if (health) {
        process.stdout.write(
          `  /health during the draw in a worker (${health.drawSeconds} s, ${health.requests} requests): ` +
            `p50 ${health.p50Ms} ms, p99 ${health.p99Ms} ms, max ${health.maxMs} ms\n`,
        );
      }
    }
  }
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  }
  return rows.every((row) => row.verified) ? 0 : 1;
}
