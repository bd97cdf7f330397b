import { readFile } from 'node:fs/promises';
import { verifySortitionProof } from '@liquide/engine/deputies/sortition/proof';
import { CERTIFICATE_TOLERANCE } from '@liquide/engine/deputies/sortition/leximin-types';
import { EXIT_INVALID, USAGE_ERROR } from './exit-status';

const HELP = `usage: liquide verify-sortition PROOF

Checks a sortition proof (docs/sortition.md) read from PROOF, or from standard input when PROOF is "-":
the pool's hash, the seed against its commitment, the final seed SHA-256(["liquide-sortition/1", seed,
publicValue]) and the proof's own hash; then
- format 1 (uniform, maximin): the draw recomputed from (pool, quotas, seats, final seed, algorithm);
- format 2 (LEXIMIN), without any solver: every published panel composition meets the seats, every quota
  and the one-per-household rule; the probabilities follow exactly from the integer weights; each level's
  dual certificate bounds what any distribution could give its volunteers (optimality within 1e-6); the
  panel and substitutes replayed from the final seed.
Prints "ok: …" with what was checked, or the first difference.
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
  const { panel, substitutes, pool, algorithm, poolHash, quotas } = check.proof;
  process.stdout.write(
    `ok: ${panel.length} deputies and ${substitutes.length} substitutes drawn from ${pool.length} volunteers ` +
      `(${algorithm}, pool ${poolHash.slice(0, 12)}…)\n`,
  );
  if (check.leximin) {
    const { groups, panels, levels, gap } = check.leximin;
    const households = new Set(pool.flatMap((entry) => (entry.household ? [entry.household] : []))).size;
    process.stdout.write(
      `checked: ${panels} panel compositions over ${groups} groups of interchangeable volunteers meet the ` +
        `${panel.length} seats, ${quotas.length} quotas and ${households} shared households; the ` +
        `${pool.length} probabilities follow from the weights; ${levels} LEXIMIN levels, each optimal within ` +
        `${gap.toExponential(2)} (dual certificates, tolerance ${CERTIFICATE_TOLERANCE}); panel and substitutes ` +
        `replayed from the final seed; proof hash.\n`,
    );
  } else {
    process.stdout.write(
      'checked: the draw recomputed from the pool, quotas, seats and final seed; proof hash.\n',
    );
  }
  return 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
