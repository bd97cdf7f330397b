export { USAGE_ERROR } from './exit-status';

/** A subcommand: receives the arguments after its name, resolves to the process exit status. */
export type Command = (args: string[]) => Promise<number>;

/**
 * Subcommands by name; add `verify`, `export`, … here. Each command's module is loaded when it runs:
 * `liquide tally` then loads the tally core only, not the server, ORM and benchmarks the other commands use
 * (loading them all took about a second before any work).
 */
export const commands: Readonly<Record<string, Command>> = {
  tally: async (args) => (await import('./tally.js')).tallyCommand(args),
  bench: async (args) => (await import('./bench.js')).benchCommand(args),
  'seed-demo': async (args) => (await import('./seed-demo.js')).seedDemoCommand(args),
  verify: async (args) => (await import('./verify.js')).verifyCommand(args),
  'verify-sortition': async (args) => (await import('./verify-sortition.js')).verifySortitionCommand(args),
  'verify-mandate': async (args) => (await import('./verify-mandate.js')).verifyMandateCommand(args),
  'crash-test': async (args) => (await import('./crash-test.js')).crashTestCommand(args),
  dev: async (args) => (await import('./dev.js')).devCommand(args),
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
