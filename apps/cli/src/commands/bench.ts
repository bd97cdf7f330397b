import { tallyBench } from '../bench/tally.bench';
import { liveBench } from '../bench/live.bench';
import { sortitionBench } from '../bench/sortition.bench';
import { votesBench } from '../bench/votes.bench';
import { scaleBench } from '../bench/scale.bench';
import { reconcileBench } from '../bench/reconcile.bench';
import { closeBench } from '../bench/close.bench';
import { USAGE_ERROR } from './exit-status';
import { type Command } from './index';

/** Benchmarks by name; `liquide bench` with no name runs them all. */
const benches: Readonly<Record<string, Command>> = {
  tally: tallyBench,
  votes: votesBench,
  live: liveBench,
  sortition: sortitionBench,
  scale: scaleBench,
  reconcile: reconcileBench,
  close: closeBench,
};

/** `liquide bench [NAME] [options]`: options go to the bench. */
export async function benchCommand(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === '--help' || name === '-h') {
    process.stdout.write(`usage: liquide bench [${Object.keys(benches).join('|')}] [options]\n`);
    return benches.tally(['--help']);
  }
  if (name === undefined || name.startsWith('--')) {
    for (const bench of Object.values(benches)) {
      const status = await bench(args);
      if (status !== 0) {
        return status;
      }
    }
    return 0;
  }
  const bench = benches[name];
  if (!bench) {
    process.stderr.write(
      `liquide bench: unknown benchmark "${name}" (known: ${Object.keys(benches).join(', ')})\n`,
    );
    return USAGE_ERROR;
  }
  return bench(rest);
}
