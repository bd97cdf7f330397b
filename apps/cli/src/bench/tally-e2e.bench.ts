import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveTally, type ScenarioV1, type TallyResult } from '@liquide/engine/tally';
import { type ElectorateShape, generateScenario, memberId } from './tally-scenario';

/** Targets of issue 18 for 1,000,000 members. */
export const TARGETS = { buildAndResultMs: 400, cliMs: 2000, peakMiB: 1024 } as const;

/** One timed run: wall-clock and CPU time, the machine's load average when it ended. */
export interface Timed {
  wallMs: number;
  cpuMs: number;
  loadAverage: number;
}

export interface EndToEndFigures {
  /** `new LiveTally(scenario)` + `result()` from the scenario object: each run, fastest first. */
  buildAndResult: Timed[];
  /** `liquide tally FILE > /dev/null` on the same scenario written as JSON. */
  cli: Timed & { peakMiB: number; fileMiB: number; identical: boolean };
  /** `liquide tally FILE` on a chain of `members` members (`members − 1` hops). */
  chain: Timed & { peakMiB: number; identical: boolean };
}

/**
 * The end-to-end tally figures: from a scenario object to the full result in process (3 runs), and the
 * `liquide tally` command on the scenario file and on a one-long-chain file, run as separate processes (wall
 * clock measured here, CPU and peak memory reported by the child). The command's output is compared with
 * the in-process result (`identical`).
 */
export function endToEndFigures(shape: ElectorateShape, log: (line: string) => void): EndToEndFigures {
  const directory = mkdtempSync(join(tmpdir(), 'liquide-tally-bench-'));
  try {
    log('end to end: new LiveTally(scenario) + result()…');
    const scenario = generateScenario(shape);
    const buildAndResult: Timed[] = [];
    let expected = '';
    for (let run = 0; run < 3; run++) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const result = new LiveTally(scenario).result();
      const wallMs = performance.now() - started;
      const used = process.cpuUsage(cpu);
      buildAndResult.push({ wallMs, cpuMs: (used.user + used.system) / 1000, loadAverage: loadavg()[0] });
      expected = JSON.stringify(result);
    }
    buildAndResult.sort((a, b) => a.wallMs - b.wallMs);
    const file = join(directory, 'scenario.json');
    writeFileSync(file, JSON.stringify(scenario));
    log('end to end: liquide tally FILE…');
    const cliRun = runCli(file, directory);
    const cli = {
      ...cliRun.timed,
      fileMiB: round(readFileSync(file).length / 2 ** 20),
      identical: cliRun.output === `${expected}\n`,
    };
    rmSync(file);
    log('end to end: liquide tally on a chain…');
    const chainFile = join(directory, 'chain.json');
    const chainScenario = chainOf(shape.members);
    writeFileSync(chainFile, JSON.stringify(chainScenario));
    const chainRun = runCli(chainFile, directory);
    const chainResult = JSON.parse(chainRun.output) as TallyResult;
    const voter = chainResult.voters[memberId(shape.members - 1)];
    const chain = {
      ...chainRun.timed,
      identical: chainResult.totals.yes === shape.members && voter?.delegators.length === shape.members - 1,
    };
    return { buildAndResult, cli, chain };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Member i delegates to member i + 1; the last one votes yes. */
function chainOf(members: number): ScenarioV1 {
  return {
    members: Array.from({ length: members }, (_, i) => ({ id: memberId(i) })),
    bill: { id: 'chain' },
    delegations: Array.from({ length: members - 1 }, (_, i) => ({
      from: memberId(i),
      scope: 'global' as const,
      to: [memberId(i + 1)],
    })),
    votes: [{ member: memberId(members - 1), choice: 'yes' }],
  };
}

function runCli(file: string, directory: string): { timed: Timed & { peakMiB: number }; output: string } {
  const usageFile = join(directory, 'usage.json');
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    ['--require', join(__dirname, 'process-usage.js'), join(__dirname, '..', 'main.js'), 'tally', file],
    {
      env: { ...process.env, LIQUIDE_BENCH_USAGE_FILE: usageFile },
      maxBuffer: 1 << 30,
      encoding: 'utf8',
    },
  );
  const wallMs = performance.now() - started;
  if (child.status !== 0) {
    throw new Error(`liquide tally ${file}: exit ${child.status}: ${child.stderr}`);
  }
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuMs: number; maxRssKiB: number };
  return {
    timed: {
      wallMs,
      cpuMs: usage.cpuMs,
      loadAverage: loadavg()[0],
      peakMiB: round(usage.maxRssKiB / 1024),
    },
    output: child.stdout,
  };
}

/** The report's lines for these figures. */
export function endToEndReport(f: EndToEndFigures, members: number): string {
  const timed = (t: Timed): string =>
    `${round(t.wallMs)} ms wall, ${round(t.cpuMs)} ms CPU (load ${round(t.loadAverage)})`;
  const [best] = f.buildAndResult;
  return `  end to end, ${members} members (target for 1,000,000 in brackets):
    new LiveTally(scenario) + result() [≤ ${TARGETS.buildAndResultMs} ms]: best of 3 ${timed(best)}; all: ${f.buildAndResult.map((t) => `${round(t.wallMs)}`).join(' / ')} ms
    liquide tally FILE (${f.cli.fileMiB} MiB) [≤ ${TARGETS.cliMs} ms, peak ≤ ${TARGETS.peakMiB} MiB]: ${timed(f.cli)}, peak ${f.cli.peakMiB} MiB, output identical to the in-process result: ${f.cli.identical ? 'yes' : 'NO'}
    liquide tally on a ${members - 1}-hop chain: ${timed(f.chain)}, peak ${f.chain.peakMiB} MiB, result right: ${f.chain.identical ? 'yes' : 'NO'}
`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
