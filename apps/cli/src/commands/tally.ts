import { readFile } from 'node:fs/promises';
import { tallyMethod } from '@liquide/engine/ballot-methods';
import { LiveTally, parseScenario, readScenarioText, ScenarioError, tally } from '@liquide/engine/tally';
import { EXIT_INVALID, USAGE_ERROR } from './exit-status';

const HELP = `usage: liquide tally FILE [--pretty]

Reads a scenario (format v1, or a method scenario naming its "method": docs/tally-rules.md) from FILE,
or from standard input when FILE is "-", and prints the result JSON on standard output. Exit status: 0 done, 1 invalid input, 2 usage error.
`;

/** `liquide tally FILE|- [--pretty]`. */
export async function tallyCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const pretty = args.includes('--pretty');
  const rest = args.filter((arg) => arg !== '--pretty');
  const unknown = rest.find((arg) => arg.startsWith('--'));
  if (rest.length !== 1 || unknown !== undefined) {
    process.stderr.write(unknown ? `liquide tally: unknown option "${unknown}"\n\n${HELP}` : HELP);
    return USAGE_ERROR;
  }
  const [file] = rest;
  const source = file === '-' ? 'standard input' : file;
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    return fail(`cannot read ${source}: ${(error as Error).message}`);
  }
  // The fast reader takes the usual scenario files without building an object per entry; anything else
  // (a method scenario, an invalid file, an unusual layout) goes through JSON.parse and the schema below.
  const compact = readScenarioText(text);
  if (compact) {
    const live = new LiveTally(compact);
    if (pretty) {
      writeResult(live.result(), pretty);
    } else {
      const bytes = live.resultJsonBytes();
      process.stdout.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      process.stdout.write('\n');
    }
    return 0;
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return fail(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    const isMethod = typeof input === 'object' && input !== null && 'method' in input;
    const result = isMethod ? tallyMethod(input) : tally(parseScenario(input));
    writeResult(result, pretty);
    return 0;
  } catch (error) {
    if (error instanceof ScenarioError) {
      return fail(`invalid scenario in ${source}:\n${error.message}`);
    }
    throw error;
  }
}

function writeResult(result: unknown, pretty: boolean): void {
  process.stdout.write(`${JSON.stringify(result, null, pretty ? 2 : undefined)}\n`);
}

function fail(message: string): number {
  process.stderr.write(`liquide tally: ${message}\n`);
  return EXIT_INVALID;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
