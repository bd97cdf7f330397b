import { readFile } from 'node:fs/promises';
import type { JSONWebKeySet } from 'jose';
import { verifyMandate } from '@liquide/engine/deputies/mandates/mandate-format';
import { EXIT_INVALID, USAGE_ERROR } from './exit-status';

const HELP = `usage: liquide verify-mandate FILE --jwks FILE_OR_URL

Verifies signed deputy instructions (docs/mandates.md) offline. FILE holds a compact JWS, or JSON with a
"jws" field, or a list of either (e.g. the answer of GET /api/bills/:billId/mandates); "-" reads standard
input. --jwks is the collective's key set: a file, or an http(s) URL such as
https://liquide.example/.well-known/jwks.json. Each instruction's signature, header, payload format and key
ownership are checked.
Exit status: 0 every instruction verifies, 1 one does not (or unreadable input), 2 usage error.
`;

/** Every compact JWS found in a file's text: the text itself, or `jws` fields anywhere in its JSON. */
export function findInstructions(text: string): string[] {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[') && !trimmed.startsWith('"')) {
    return [trimmed];
  }
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      found.push(value);
    } else if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (typeof record.jws === 'string') {
        found.push(record.jws);
        return;
      }
      Object.values(record).forEach((v) => typeof v === 'object' && walk(v));
    }
  };
  walk(JSON.parse(trimmed));
  return found;
}

async function loadJwks(source: string): Promise<JSONWebKeySet> {
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source);
    if (!response.ok) {
      throw new Error(`${source} answered ${response.status}`);
    }
    return (await response.json()) as JSONWebKeySet;
  }
  return JSON.parse(await readFile(source, 'utf8')) as JSONWebKeySet;
}

/** `liquide verify-mandate FILE --jwks FILE_OR_URL`. */
export async function verifyMandateCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const at = args.indexOf('--jwks');
  const jwksSource = at >= 0 ? args[at + 1] : undefined;
  const rest = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
  if (!jwksSource || rest.length !== 1 || rest[0].startsWith('--')) {
    process.stderr.write(HELP);
    return USAGE_ERROR;
  }
  let instructions: string[];
  let jwks: JSONWebKeySet;
  try {
    const text = rest[0] === '-' ? await readStdin() : await readFile(rest[0], 'utf8');
    instructions = findInstructions(text);
    jwks = await loadJwks(jwksSource);
  } catch (error) {
    process.stdout.write(`invalid: ${(error as Error).message}\n`);
    return EXIT_INVALID;
  }
  if (instructions.length === 0) {
    process.stdout.write('invalid: no instruction found\n');
    return EXIT_INVALID;
  }
  for (const [index, jws] of instructions.entries()) {
    const check = await verifyMandate(jws, jwks);
    if (!check.ok) {
      process.stdout.write(`invalid: instruction ${index + 1}: ${check.reason}\n`);
      return EXIT_INVALID;
    }
    const p = check.payload;
    process.stdout.write(
      `ok: ${p.deputyName} (${p.deputy}) must vote "${p.choice}" on bill ${p.billId}, ballot ${p.ballotId}, ` +
        `issued ${p.issuedAt}, key ${check.kid}\n`,
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
