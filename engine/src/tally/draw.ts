import { sha256Hex } from './sha256';

/** What a ticket is drawn for; part of the hashed message so that the draws are independent. */
export type DrawKind = 'tie' | 'deputy';

/**
 * The public lottery ticket of `name` for a draw of the given kind.
 *
 * `ticket = SHA-256(UTF-8(JSON.stringify([kind, seed, name])))` in lowercase hexadecimal, e.g. for seed
 * `s1` and option `yes`: `printf '%s' '["tie","s1","yes"]' | sha256sum`. Smaller tickets win.
 */
export function ticket(kind: DrawKind, seed: string, name: string): string {
  return sha256Hex(JSON.stringify([kind, seed, name]));
}

/**
 * Orders names by their tickets (ascending); two equal tickets (never seen in practice) fall back to the
 * names compared by UTF-16 code units. The result is a pure function of `kind`, `seed` and the set of names.
 */
export function drawOrder(names: readonly string[], kind: DrawKind, seed: string): string[] {
  const drawn = names.map((name) => ({ name, ticket: ticket(kind, seed, name) }));
  drawn.sort((a, b) => compareStrings(a.ticket, b.ticket) || compareStrings(a.name, b.name));
  return drawn.map((entry) => entry.name);
}

/** Compares two strings by UTF-16 code units, the order used for every sorted list of ids. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
