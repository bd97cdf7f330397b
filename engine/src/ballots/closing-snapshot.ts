import type { EntityManager } from '@mikro-orm/postgresql';
import { compareStrings, type ApportionMethod, type Choice, type ScenarioV1, type Scope } from '../tally';
import { IdIndex } from '../tally/id-index';
import type { BallotMethodId, MethodOptionsBase } from '../ballot-methods';
import { pseudonymFor, type BallotSnapshot } from './scenario-builder';

/** The raw PostgreSQL client of a transaction (node-postgres), as knex hands it out. */
interface PgClient {
  query<R extends unknown[]>(config: {
    text: string;
    values: unknown[];
    rowMode: 'array';
    types: { getTypeParser: () => (text: string) => unknown };
  }): Promise<{ rows: R[] }>;
}

interface TransactionContext {
  client: { acquireConnection(): Promise<PgClient> };
}

/** Every column as PostgreSQL's text, unparsed: the loader reads the few it needs itself. */
const RAW_TEXT = { getTypeParser: () => (text: string) => text };

/** Rows handled between two yields to the event loop, so that other requests are served meanwhile. */
const ROWS_PER_SLICE = 20_000;

function pause(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * {@link loadBallotSnapshot} for closing a ballot, with the scenario already pseudonymised for the record
 * (the same scenario as `pseudonymise(loadBallotSnapshot(…))`, key for key): the rows are read on the
 * transaction's own connection as arrays of text (no object and no type parsing per row, trustee lists as
 * one string each), every member id is pseudonymised once (an HMAC each: the longest part for a million
 * members) and found again through the tally's id table, and the work is cut into slices with a yield to the event loop between them.
 * Must run inside `em.transactional`.
 */
export async function loadClosingSnapshot(
  em: EntityManager,
  ballotId: string,
  at: Date,
): Promise<BallotSnapshot | null> {
  const context = em.getTransactionContext<TransactionContext>();
  if (!context) {
    throw new Error('loadClosingSnapshot runs inside a transaction');
  }
  const db = await context.client.acquireConnection();
  const query = async <R extends unknown[]>(text: string, values: unknown[]): Promise<R[]> =>
    (await db.query<R>({ text, values, rowMode: 'array', types: RAW_TEXT })).rows;
  const [ballot] = await query<string[]>(
    `select b.collective_id, b.bill_id, bill.topic_id, b.deputies, b.mandate_method, b.mandate_base, b.seed,
            c.settings->>'delegationCap', c.record_secret, b.method, b.method_options
       from ballot b join bill on bill.id = b.bill_id join collective c on c.id = b.collective_id
      where b.id = $1`,
    [ballotId],
  );
  if (!ballot) {
    return null;
  }
  const [collectiveId, billId, topicId, deputyCount, mandateMethod, mandateBase, seed, cap, secret] = ballot;
  const [method, methodOptions] = [ballot[9] as BallotMethodId, ballot[10]];
  const memberRows = await query<[string, string, string]>(
    `select id, weight, active from member
        where collective_id = $1 and voting_rights and 'member' = any(roles) order by id`,
    [collectiveId],
  );
  // member ids interned in the tally's id table (far lighter than a Map of a million UUIDs), each one's
  // pseudonym beside it; ids that are not members (outsiders named as trustees) are remembered apart
  const interned = IdIndex.of(memberRows.map(([id]) => id));
  if (!(interned instanceof IdIndex)) {
    throw new Error(`member ${memberRows[interned.repeated][0]} is listed twice`);
  }
  const pseudonyms = new Array<string>(memberRows.length);
  const outsiders = new Map<string, string>();
  let hint = 0;
  /** The pseudonym of an id; `near`: try the previous member found and the next one first (rows in id order). */
  const p = (memberId: string, near = false): string => {
    const u = near ? interned.getNear(memberId, hint) : interned.get(memberId);
    if (u >= 0) {
      hint = near ? u : hint;
      return pseudonyms[u];
    }
    let pseudonym = outsiders.get(memberId);
    if (pseudonym === undefined) {
      pseudonym = pseudonymFor(secret, ballotId, memberId);
      outsiders.set(memberId, pseudonym);
    }
    return pseudonym;
  };
  const members = new Array<ScenarioV1['members'][number]>(memberRows.length);
  for (let i = 0; i < memberRows.length; i++) {
    const [id, weight, active] = memberRows[i];
    pseudonyms[i] = pseudonymFor(secret, ballotId, id);
    members[i] = { id: pseudonyms[i], weight: Number(weight), active: active === 't' };
    if (i % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) {
      await pause();
    }
  }
  const delegationRows = await query<[string, Scope, string | null, string, string | null]>(
    `select member_id, scope, target, array_to_string(trustees, ','), expires_at from delegation
        where collective_id = $1 and (scope = 'global' or (scope = 'topic' and target = $2) or (scope = 'bill' and target = $3))
        order by member_id, scope`,
    [collectiveId, topicId, billId],
  );
  const delegations = new Array<ScenarioV1['delegations'][number]>(delegationRows.length);
  for (let i = 0; i < delegationRows.length; i++) {
    const [memberId, scope, target, trustees, expiresAt] = delegationRows[i];
    delegations[i] = {
      from: p(memberId, true),
      scope,
      ...(scope === 'topic' && target ? { topic: target } : {}),
      to: trustees === '' ? [] : trustees.split(',').map((trustee) => p(trustee)),
      // as loadElectorate reads it: MikroORM leaves timestamptz as PostgreSQL's text
      ...(expiresAt ? { expiresAt: new Date(expiresAt).toISOString() } : {}),
    };
    if (i % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) {
      await pause();
    }
  }
  delegationRows.length = 0;
  const voteRows = await query<[string, string]>(
    'select member_id, choice from vote where ballot_id = $1 order by member_id',
    [ballotId],
  );
  const isMethod = method !== 'yes-no-abstain' && methodOptions !== null;
  hint = 0;
  const votes = voteRows.map(([memberId, choice]) => ({
    member: p(memberId, true),
    choice: isMethod ? 'yes' : (choice as Choice),
  }));
  const seated = await query<[string]>(
    "select member_id from deputy_seat where collective_id = $1 and status = 'seated'",
    [collectiveId],
  );
  const deputies =
    seated.length > 0 ? seated.map(([memberId]) => memberId).sort(compareStrings) : Number(deputyCount);
  const scenario: ScenarioV1 = {
    members,
    bill: topicId ? { id: billId, topic: topicId } : { id: billId },
    delegations,
    votes,
    ...(cap !== null && Number(cap) ? { cap: { maxShare: Number(cap) } } : {}),
    at: at.toISOString(),
    mandate: {
      deputies,
      method: mandateMethod as ApportionMethod,
      base: mandateBase as 'cast' | 'members',
      seed,
    },
  };
  return {
    scenario,
    collectiveId,
    pseudonym: p,
    method: isMethod
      ? {
          spec: { id: method, options: JSON.parse(methodOptions) as MethodOptionsBase, seed },
          // a method vote's choice is the canonical JSON of its ballot (validated when cast)
          ballots: new Map(
            voteRows.map(([memberId, choice]) => [p(memberId), JSON.parse(choice) as unknown]),
          ),
        }
      : null,
  };
}
