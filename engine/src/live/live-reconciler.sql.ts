/**
 * One statement for all the open ballots an instance holds in memory: per ballot, its status and,
 * for its votes and for the delegations that apply to it (global, its bill's topic, its bill), the
 * number of rows written before the grace period and the sum of their hashes modulo 2^30, and the
 * keys of the rows written during it (left out of the comparison: their announcement may still be
 * on its way); and the number and hash sum of the members the tally counts (no grace: a membership change
 * reloads the tally, and a difference must be seen twice to count). The hashes are the SQL twins of
 * `voteHash`, `delegationHash` and `memberHash` (live-checksum.ts).
 *
 * Parameters: the grace period in milliseconds, then the ballot ids (a PostgreSQL array literal).
 */
export const RECONCILE_SQL = `
with b as (
  select ballot.id, ballot.status, ballot.collective_id, ballot.bill_id, bill.topic_id,
         now() - ?::int * interval '1 millisecond' as settled_before
    from ballot join bill on bill.id = ballot.bill_id
   where ballot.id = any(?::uuid[])
)
select b.id as "ballotId", b.status,
       v.count as "voteCount", v.sum as "voteSum", v.recent as "voteRecent",
       d.count as "delegationCount", d.sum as "delegationSum", d.recent as "delegationRecent",
       m.count as "memberCount", m.sum as "memberSum"
  from b
  cross join lateral (
    select count(*) filter (where settled)::int as count,
           (coalesce(sum(h) filter (where settled), 0) % 1073741824)::int as sum,
           coalesce(array_agg(key) filter (where not settled), '{}') as recent
      from (select member_id::text as key,
                   cast_at <= b.settled_before as settled,
                   ('x' || left(member_id::text, 8))::bit(32)::bigint
                   * case choice when 'yes' then 1 when 'no' then 2 when 'abstain' then 3
                       else 4 + ('x' || left(md5(choice), 4))::bit(16)::int end % 1073741824 as h
              from vote where ballot_id = b.id) rows
  ) v
  cross join lateral (
    select count(*) filter (where settled)::int as count,
           (coalesce(sum(h) filter (where settled), 0) % 1073741824)::int as sum,
           coalesce(array_agg(key) filter (where not settled), '{}') as recent
      from (select member_id::text || '|' || scope as key,
                   updated_at <= b.settled_before as settled,
                   ('x' || left(md5(member_id::text || '|' || scope || '|' || array_to_string(trustees, ',')
                     || '|' || coalesce(floor(extract(epoch from expires_at) * 1000)::bigint::text, '')), 8)
                   )::bit(32)::bigint % 1073741824 as h
              from delegation
             where collective_id = b.collective_id
               and (scope = 'global' or (scope = 'topic' and target = b.topic_id)
                    or (scope = 'bill' and target = b.bill_id))) rows
  ) d
  cross join lateral (
    select count(*)::int as count, (coalesce(sum(h), 0) % 1073741824)::int as sum
      from (select (('x' || left(id::text, 8))::bit(32)::bigint * case when active then 3 else 1 end
                    + (floor(weight * 1000000 + 0.5)::bigint % 1073741824) * 40503) % 1073741824 as h
              from member
             where collective_id = b.collective_id and voting_rights and 'member' = any(roles)) rows
  ) m`;

/** One row of {@link RECONCILE_SQL}. */
export interface ReconcileRow {
  readonly ballotId: string;
  readonly status: string;
  readonly voteCount: number;
  readonly voteSum: number;
  readonly voteRecent: string[];
  readonly delegationCount: number;
  readonly delegationSum: number;
  readonly delegationRecent: string[];
  readonly memberCount: number;
  readonly memberSum: number;
}
