import { benchCommand } from './bench';
import { crashTestCommand } from './crash-test';
import { devCommand } from './dev';
import { seedDemoCommand } from './seed-demo';
import { tallyCommand } from './tally';
import { verifyCommand } from './verify';
import { verifyMandateCommand } from './verify-mandate';
import { verifySortitionCommand } from './verify-sortition';

export { USAGE_ERROR } from './exit-status';

/** A subcommand: receives the arguments after its name, resolves to the process exit status. */
export type Command = (args: string[]) => Promise<number>;

/** Subcommands by name; add `verify`, `export`, … here. */
export const commands: Readonly<Record<string, Command>> = {
  tally: tallyCommand,
  bench: benchCommand,
  'seed-demo': seedDemoCommand,
  verify: verifyCommand,
  'verify-sortition': verifySortitionCommand,
  'verify-mandate': verifyMandateCommand,
  'crash-test': crashTestCommand,
  dev: devCommand,
};

export const USAGE = `usage: liquide <command> [arguments]

commands:
  tally FILE [--pretty]     tally a scenario (format v1; FILE "-" reads standard input), print the result JSON
  verify RECORD             check a public record's hash chain and recompute its ballots ("-": stdin)
  verify-sortition PROOF    replay a sortition proof: pool hash, seed commitment, draw ("-": stdin)
  verify-mandate FILE --jwks FILE_OR_URL
                            verify signed deputy instructions offline
  bench [tally] [options]   run the benchmarks (all when none is named); see "liquide bench --help"
  seed-demo [--url URL]     create the demo collective on a running server, print how to sign in
  crash-test [options]      SIGKILL the server while members vote; check every acknowledged vote counts once
  dev [--port N] [--web-port N]
                            the contributor's loop: recompile on save, restart the server, Vite with hot reload
`;
