import { readFile } from 'node:fs/promises';
import { verifySortitionProof } from '@liquide/engine/deputies/sortition/proof';
import { EXIT_INVALID, USAGE_ERROR } from './exit-status';

const HELP = `usage: liquide verify-sortition PROOF

Replays a sortition proof (format liquide-sortition-proof/1, docs/sortition.md) read from PROOF, or from
standard input when PROOF is "-": the pool's hash, the seed against its commitment, the final seed
SHA-256(["liquide-sortition/1", seed, publicValue]), the draw recomputed from (pool, quotas, seats, final
seed, algorithm) — distribution, panel, substitutes, probabilities — and the proof's own hash.
Prints "ok: …" or the first difference.
Exit status: 0 the proof replays, 1 a difference or an unreadable proof, 2 usage error.
`;

/** `liquide verify-sortition PROOF|-`. */
export async function verifySortitionCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const unknown = args.find((arg) => arg.startsWith('--'));
  if (args.length !== 1 || unknown !== undefined) {
    process.stderr.write(unknown ? `liquide verify-sortition: unknown option "${unknown}"\n\n${HELP}` : HELP);
    return USAGE_ERROR;
  }
  const [file] = args;
  let proof: unknown;
  try {
    proof = JSON.parse(file === '-' ? await readStdin() : await readFile(file, 'utf8'));
  } catch (error) {
    process.stdout.write(`invalid: cannot read a JSON proof from ${file}: ${(error as Error).message}\n`);
    return EXIT_INVALID;
  }
  const check = await verifySortitionProof(proof);
  if (!check.ok) {
    process.stdout.write(`invalid: ${check.difference}\n`);
    return EXIT_INVALID;
  }
  const { panel, substitutes, pool, algorithm, poolHash } = check.proof;
  process.stdout.write(
    `ok: ${panel.length} deputies and ${substitutes.length} substitutes drawn from ${pool.length} volunteers ` +
      `(${algorithm}, pool ${poolHash.slice(0, 12)}…)\n`,
  );
  return 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
