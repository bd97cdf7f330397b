import { commands, USAGE, USAGE_ERROR } from './commands';

/** Runs `liquide <command> …` and resolves to the exit status. */
export async function run(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name === undefined ? USAGE_ERROR : 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`liquide: unknown command "${name}"\n\n${USAGE}`);
    return USAGE_ERROR;
  }
  return command(args);
}
