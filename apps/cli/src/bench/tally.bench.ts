import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type Choice, LiveTally, type Scope, tally } from '@liquide/engine/tally';
import { type EndToEndFigures, endToEndFigures, endToEndReport } from './tally-e2e.bench';
import {
  DEFAULT_SHAPE,
  type ElectorateShape,
  generateScenario,
  memberId,
  prng,
  trusteePicker,
} from './tally-scenario';

const HELP = `usage: liquide bench tally [--members N] [--updates N] [--no-end-to-end] [--json]

Generates an electorate (default 1,000,000 members, 20 topics, 20 % voting, 80 % of the others delegating
with global / topic / bill scopes and 1-3 ranked trustees), then measures: the full tally (reverse BFS
over the built structure: median of 10 runs, wall-clock and CPU time), the end-to-end tally() of the scenario object, the incremental
update time per operation (median, p99) and the memory retained per member; then, end to end (unless
--no-end-to-end): new LiveTally(scenario) + result(), \`liquide tally FILE\` on the scenario written as JSON and
on a chain of N members, with the targets of issue 18 and the load average next to each figure.
`;

interface Figures {
  members: number;
  delegations: number;
  votes: number;
  buildMs: number;
  fullTallyMs: { median: number; min: number; cpuMedian: number };
  loadAverage: number;
  endToEndTallyMs: number;
  incremental: {
    operations: number;
    medianUs: number;
    p90Us: number;
    p99Us: number;
    maxUs: number;
    meanUs: number;
  };
  bytesPerMember: number;
  exact: boolean;
  endToEnd?: EndToEndFigures;
}

/** `liquide bench tally`: prints the tally core's figures (see docs/performance.md). */
export function tallyBench(args: string[]): Promise<number> {
  return Promise.resolve(runTallyBench(args));
}

function runTallyBench(args: string[]): number {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const shape: ElectorateShape = {
    ...DEFAULT_SHAPE,
    members: option(args, '--members', DEFAULT_SHAPE.members),
  };
  const updates = option(args, '--updates', 100_000);
  const gc = exposeGc();
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };

  log(`tally bench: ${shape.members} members, ${shape.topics} topics; generating…`);
  gc();
  const baseline = retainedBytes();
  let counts = { delegations: 0, votes: 0 };
  let buildMs = 0;
  let pools: Pools | undefined;
  const live = ((): LiveTally => {
    const scenario = generateScenario(shape);
    counts = { delegations: scenario.delegations.length, votes: scenario.votes.length };
    pools = poolsOf(scenario, shape.members);
    const started = performance.now();
    const built = new LiveTally(scenario);
    buildMs = performance.now() - started;
    return built;
  })();
  gc();
  if (!pools) {
    throw new Error('unreachable');
  }
  const poolBytes = pools.voters.byteLength + pools.slots.byteLength;
  const bytesPerMember = (retainedBytes() - baseline - poolBytes) / shape.members;

  const fullRuns: number[] = [];
  const cpuRuns: number[] = [];
  for (let run = 0; run < 12; run++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    live.recompute();
    fullRuns.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuRuns.push((used.user + used.system) / 1000);
  }
  fullRuns.splice(0, 2); // the first runs warm the code up
  cpuRuns.splice(0, 2);
  fullRuns.sort((a, b) => a - b);
  cpuRuns.sort((a, b) => a - b);

  log('incremental updates…');
  const timings = runUpdates(live, shape, pools, updates);
  const before = JSON.stringify(live.totals());
  live.recompute();
  const exact = JSON.stringify(live.totals()) === before;

  log('end-to-end tally() of the scenario object…');
  const scenario = generateScenario(shape);
  const started = performance.now();
  tally(scenario);
  const endToEndTallyMs = performance.now() - started;
  const endToEnd = args.includes('--no-end-to-end') ? undefined : endToEndFigures(shape, log);

  const figures: Figures = {
    members: shape.members,
    delegations: counts.delegations,
    votes: counts.votes,
    buildMs: round(buildMs),
    fullTallyMs: {
      median: round(fullRuns[fullRuns.length >> 1]),
      min: round(fullRuns[0]),
      cpuMedian: round(cpuRuns[cpuRuns.length >> 1]),
    },
    loadAverage: round(loadavg()[0]),
    endToEndTallyMs: round(endToEndTallyMs),
    incremental: timings,
    bytesPerMember: round(bytesPerMember),
    exact,
    endToEnd,
  };
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  } else {
    process.stdout.write(report(figures));
  }
  const identical = !endToEnd || (endToEnd.cli.identical && endToEnd.chain.identical);
  return exact && identical ? 0 : 1;
}

/** Who votes and which delegation slots are set, so that withdrawals and revocations change something. */
interface Pools {
  voters: Int32Array;
  voterCount: number;
  /** `member * 4 + scope code` (0 global, 1 topic t0, 2 bill). */
  slots: Int32Array;
  slotCount: number;
}

const POOL_SCOPES: readonly Scope[] = ['global', 'topic', 'bill'];

function poolsOf(scenario: ReturnType<typeof generateScenario>, members: number): Pools {
  const voters = new Int32Array(members);
  let voterCount = 0;
  for (const vote of scenario.votes) {
    voters[voterCount++] = Number(vote.member.slice(1));
  }
  const slots = new Int32Array(members * 3);
  let slotCount = 0;
  for (const delegation of scenario.delegations) {
    if (delegation.scope !== 'topic' || delegation.topic === 't0') {
      slots[slotCount++] = Number(delegation.from.slice(1)) * 4 + POOL_SCOPES.indexOf(delegation.scope);
    }
  }
  return { voters, voterCount, slots, slotCount };
}

/**
 * Applies `count` random operations (after 5,000 for warm-up) and returns the time per operation. Mix:
 * 30 % cast or change a vote (random member), 15 % withdraw a vote (random voter), 40 % add or replace a
 * delegation (random member, global/topic/bill, 1-3 trustees), 15 % revoke a delegation (random one set).
 */
function runUpdates(
  live: LiveTally,
  shape: ElectorateShape,
  pools: Pools,
  count: number,
): Figures['incremental'] {
  const random = prng(shape.seed + 1);
  const pickTrustees = trusteePicker(shape, random);
  const choices: Choice[] = ['yes', 'no', 'abstain'];
  const warmUp = 5_000;
  const samples = new Float64Array(count);
  const pick = (size: number): number => Math.floor(random() * size);
  for (let i = 0; i < warmUp + count; i++) {
    const roll = random();
    let operation: () => void;
    if (roll < 0.3) {
      const m = pick(shape.members);
      const choice = choices[pick(3)];
      operation = () => live.castVote(memberId(m), choice);
      pools.voters[pools.voterCount++] = m;
    } else if (roll < 0.45 && pools.voterCount > 0) {
      const k = pick(pools.voterCount);
      const m = pools.voters[k];
      pools.voters[k] = pools.voters[--pools.voterCount];
      operation = () => live.withdrawVote(memberId(m));
    } else if (roll < 0.85 || pools.slotCount === 0) {
      const m = pick(shape.members);
      const scopeCode = [0, 0, 1, 2][pick(4)];
      const scope = POOL_SCOPES[scopeCode];
      const to = pickTrustees(m);
      operation = () =>
        live.setDelegation({ from: memberId(m), scope, topic: scope === 'topic' ? 't0' : undefined, to });
      pools.slots[pools.slotCount++ % pools.slots.length] = m * 4 + scopeCode;
    } else {
      const k = pick(pools.slotCount);
      const slot = pools.slots[k];
      pools.slots[k] = pools.slots[--pools.slotCount];
      const scope = POOL_SCOPES[slot % 4];
      operation = () =>
        live.revokeDelegation(memberId(Math.floor(slot / 4)), scope, scope === 'topic' ? 't0' : undefined);
    }
    const started = process.hrtime.bigint();
    operation();
    const elapsed = Number(process.hrtime.bigint() - started) / 1000;
    if (i >= warmUp) {
      samples[i - warmUp] = elapsed;
    }
  }
  samples.sort();
  const at = (q: number): number => round(samples[Math.min(count - 1, Math.floor(q * count))]);
  return {
    operations: count,
    medianUs: at(0.5),
    p90Us: at(0.9),
    p99Us: at(0.99),
    maxUs: round(samples[count - 1]),
    meanUs: round(samples.reduce((sum, value) => sum + value, 0) / count),
  };
}

function report(f: Figures): string {
  return `tally core — ${f.members} members, ${f.votes} direct votes, ${f.delegations} delegation entries
  build (intern ids, compile delegations, first full tally): ${f.buildMs} ms
  full tally (reverse BFS + totals on the built structure):  ${f.fullTallyMs.median} ms median wall (min ${f.fullTallyMs.min} ms), ${f.fullTallyMs.cpuMedian} ms median CPU
  end-to-end tally() of the scenario object (incl. result):  ${f.endToEndTallyMs} ms
  incremental update (${f.incremental.operations} ops):  median ${f.incremental.medianUs} µs, p90 ${f.incremental.p90Us} µs, p99 ${f.incremental.p99Us} µs, max ${f.incremental.maxUs} µs, mean ${f.incremental.meanUs} µs
  memory retained by the live tally: ${f.bytesPerMember} bytes per member
  incremental totals equal a full recomputation: ${f.exact ? 'yes' : 'NO'}
  machine load average (1 min) during the run: ${f.loadAverage}
${f.endToEnd ? endToEndReport(f.endToEnd, f.members) : ''}`;
}

function option(args: string[], name: string, fallback: number): number {
  const index = args.indexOf(name);
  if (index < 0) {
    return fallback;
  }
  const value = Number(args[index + 1]);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name}: must be a positive integer`);
  }
  return value;
}

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}

function retainedBytes(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
