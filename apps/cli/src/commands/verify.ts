import { readFile } from 'node:fs/promises';
import { verifyCompliance } from '@liquide/engine/compliance/verify-compliance';
import { verifyRecord, type RecordMismatch } from '@liquide/engine/record/verify-record';
import { EXIT_INVALID, USAGE_ERROR } from './exit-status';

const HELP = `usage: liquide verify RECORD

Checks a public record (format liquide-record/1, docs/record.md) read from RECORD, or from standard input
when RECORD is "-": the hash chain (positions gapless from 1, each prevHash, each hash recomputed) and every
closed ballot, recomputed from its scenario and compared with the stored result and resultHash; then the
deputies' compliance: each actual vote's compliance and figures recomputed from the instructions and votes before it.
Prints "ok: N events, M ballots recomputed[, K compliance figures recomputed]" or the first mismatch.
Exit status: 0 the record checks out, 1 mismatch or unreadable record, 2 usage error.
`;

/** `liquide verify RECORD|-`. */
export async function verifyCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const unknown = args.find((arg) => arg.startsWith('--'));
  if (args.length !== 1 || unknown !== undefined) {
    process.stderr.write(unknown ? `liquide verify: unknown option "${unknown}"\n\n${HELP}` : HELP);
    return USAGE_ERROR;
  }
  const [file] = args;
  const source = file === '-' ? 'standard input' : file;
  let record: unknown;
  try {
    const text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
    record = JSON.parse(text);
  } catch (error) {
    process.stderr.write(
      `liquide verify: cannot read a JSON record from ${source}: ${(error as Error).message}\n`,
    );
    return EXIT_INVALID;
  }
  const outcome = verifyRecord(record);
  if (outcome.ok) {
    const compliance = verifyCompliance(record);
    if (!compliance.ok) {
      process.stdout.write(`${describeMismatch(compliance)}\n`);
      return EXIT_INVALID;
    }
    const figures = compliance.votes > 0 ? `, ${compliance.votes} compliance figures recomputed` : '';
    process.stdout.write(`ok: ${outcome.events} events, ${outcome.ballots} ballots recomputed${figures}\n`);
    return 0;
  }
  process.stdout.write(`${describeMismatch(outcome.firstMismatch)}\n`);
  return EXIT_INVALID;
}

/** `mismatch at position 4 (ballot B1): the stored result differs …` */
export function describeMismatch(mismatch: RecordMismatch): string {
  const where = [
    mismatch.position === undefined ? undefined : `at position ${mismatch.position}`,
    mismatch.ballotId === undefined ? undefined : `(ballot ${mismatch.ballotId})`,
  ].filter((part) => part !== undefined);
  return `mismatch${where.length > 0 ? ` ${where.join(' ')}` : ''}: ${mismatch.reason}`;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
