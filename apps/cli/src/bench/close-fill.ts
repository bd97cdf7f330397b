import type { Client } from 'pg';

/** What `fillElectorate` wrote. */
export interface Filled {
  members: number;
  delegations: number;
  votes: number;
  seats: number;
  seconds: number;
}

/** The member id of number `i` (1-based), as SQL: a UUID that sorts like `i`. */
const MEMBER_ID = (i: string) => `('00000000-0000-4000-8000-' || lpad(to_hex(${i}), 12, '0'))::uuid`;

/** A pseudo-random number in [0, n) from `i` and a salt, as SQL (Knuth's multiplicative hash). */
const HASH = (i: string, salt: number, n: string) =>
  `((((${i}) + ${salt}) * 2654435761::bigint) % 4294967296) % ${n}`;

/**
 * A trustee for member `i`, as SQL: 70 % of the time one of the 1 % best-known members (the first ids), 30 %
 * anyone; never `i` itself (a member cannot name itself: its own id moves to the next one).
 */
function trustee(i: string, salt: number, n: number): string {
  const wellKnown = Math.max(1, Math.floor(n / 100));
  const pick = `(case when ${HASH(i, salt + 7, '10')} < 7 then 1 + ${HASH(i, salt, String(wellKnown))}
                      else 1 + ${HASH(i, salt + 3, String(n))} end)`;
  return `(case when ${pick} = ${i} then ${i} % ${n} + 1 else ${pick} end)`;
}

/**
 * Fills a bench database fast, with plain `insert … select generate_series` (no API, no ORM): `n` members of
 * `collectiveId` with voting rights, a global delegation for the 80 % who do not vote (1 trustee, or 2 for
 * half of them), a delegation on the bill for one member in four of those (overriding the global one),
 * direct votes for one member in five (yes / no / abstain in turn) and `seats` seated deputies among the
 * voters (with a drawn sortition for them), so that the close signs their instructions.
 */
export async function fillElectorate(
  db: Client,
  input: { collectiveId: string; billId: string; ballotId: string; members: number; seats: number },
  log: (line: string) => void,
): Promise<Filled> {
  const started = performance.now();
  const n = input.members;
  const step = async (what: string, sql: string, params: unknown[]): Promise<number> => {
    const at = performance.now();
    const result = await db.query(sql, params);
    log(`    ${what}: ${result.rowCount ?? 0} rows in ${((performance.now() - at) / 1000).toFixed(1)} s`);
    return result.rowCount ?? 0;
  };
  const members = await step(
    'members',
    `insert into member (id, collective_id, email, display_name, roles)
     select ${MEMBER_ID('i')}, $1, 'm' || i || '@bench.example', 'Member ' || i, '{member}'
       from generate_series(1, $2::int) as i`,
    [input.collectiveId, n],
  );
  const globalDelegations = await step(
    'global delegations',
    `insert into delegation (id, collective_id, member_id, scope, target, scope_key, trustees)
     select gen_random_uuid(), $1, ${MEMBER_ID('i')}, 'global', null, 'global',
            case when i % 2 = 0 then array[${MEMBER_ID(trustee('i', 1, n))}]
                 else array[${MEMBER_ID(trustee('i', 1, n))}, ${MEMBER_ID(trustee('i', 2, n))}] end
       from generate_series(1, $2::int) as i where i % 5 <> 0`,
    [input.collectiveId, n],
  );
  const billDelegations = await step(
    'delegations on the bill',
    `insert into delegation (id, collective_id, member_id, scope, target, scope_key, trustees)
     select gen_random_uuid(), $1, ${MEMBER_ID('i')}, 'bill', $3::uuid, 'bill:' || $3,
            array[${MEMBER_ID(trustee('i', 5, n))}]
       from generate_series(1, $2::int) as i where i % 5 = 1`,
    [input.collectiveId, n, input.billId],
  );
  const votes = await step(
    'votes',
    `insert into vote (id, ballot_id, member_id, choice)
     select gen_random_uuid(), $1, ${MEMBER_ID('i')}, (array['yes', 'no', 'abstain'])[1 + (i / 5) % 3]
       from generate_series(5, $2::int, 5) as i`,
    [input.ballotId, n],
  );
  const sortition = await db.query<{ id: string }>(
    `insert into sortition (id, collective_id, status, seats, substitute_count, quotas, pool, pool_hash,
                            frozen_at, frozen_by, drawn_at)
     values (gen_random_uuid(), $1, 'drawn', $2, 0, '[]', '[]', 'bench', now(), ${MEMBER_ID('5')}, now())
     returning id`,
    [input.collectiveId, input.seats],
  );
  const seats = await step(
    'seated deputies',
    `insert into deputy_seat (id, collective_id, sortition_id, member_id, status, seated_at)
     select gen_random_uuid(), $1, $2, ${MEMBER_ID('i * 5')}, 'seated', now() from generate_series(1, $3::int) as i`,
    [input.collectiveId, sortition.rows[0].id, input.seats],
  );
  await db.query('analyze member; analyze delegation; analyze vote');
  return {
    members,
    delegations: globalDelegations + billDelegations,
    votes,
    seats,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
