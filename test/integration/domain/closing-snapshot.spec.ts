import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { ENGINE_ENTITIES, ormOptions } from '@liquide/engine';
import { canonicalJson } from '@liquide/engine/record';
import { loadClosingSnapshot } from '../../../engine/src/ballots/closing-snapshot';
import {
  loadBallotSnapshot,
  pseudonymise,
  pseudonymiseBallots,
} from '../../../engine/src/ballots/scenario-builder';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const COLLECTIVE = id(0xc0);
const OTHER_COLLECTIVE = id(0xc1);
const TOPIC = id(0x70);
const OTHER_TOPIC = id(0x71);
const BILL = id(0xb0);
const BALLOT = id(0xba);
const METHOD_BALLOT = id(0xbb);

/**
 * The close reads its snapshot as rows of text, pseudonymised as it goes (closing-snapshot.ts): it must give
 * the scenario the record always held, `pseudonymise(loadBallotSnapshot(…))`, key for key and in the same
 * order, on an electorate with every kind of row the tally reads.
 */
describe('The snapshot a close reads', () => {
  let db: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await MikroORM.init(ormOptions({ url: db.url, entities: ENGINE_ENTITIES, migrations: [] }));
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    try {
      for (const [collective, slug, cap] of [
        [COLLECTIVE, 'snap', 0.25],
        [OTHER_COLLECTIVE, 'snap-other', null],
      ] as const) {
        await sql.query(
          `insert into collective (id, name, slug, settings, record_secret) values ($1, $2, $2, $3, 'secret-of-' || $2)`,
          [collective, slug, JSON.stringify({ visibility: 'after-close', deputies: 3, delegationCap: cap })],
        );
      }
      await sql.query(
        `insert into topic (id, collective_id, slug, name) values ($1, $3, 'sante', 'Santé'), ($2, $3, 'eau', 'Eau')`,
        [TOPIC, OTHER_TOPIC, COLLECTIVE],
      );
      // members 1-40: weights 1 and 2.5, some inactive, some without voting rights, one organiser only;
      // member 41 belongs to another collective (an outsider when named as a trustee)
      await sql.query(
        `insert into member (id, collective_id, email, display_name, roles, voting_rights, weight, active)
         select ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, $1, 'm' || i || '@x.example', 'M' || i,
                case when i = 40 then '{organiser}'::text[] else '{member}'::text[] end,
                i % 13 <> 0, case when i % 4 = 0 then 2.5 else 1 end, i % 7 <> 0
           from generate_series(1, 40) as i`,
        [COLLECTIVE],
      );
      await sql.query(
        `insert into member (id, collective_id, email, display_name) values ($1, $2, 'out@x.example', 'Out')`,
        [id(41), OTHER_COLLECTIVE],
      );
      await sql.query(
        `insert into bill (id, collective_id, topic_id, title, summary, articles) values ($1, $2, $3, 'Loi', '', '[]')`,
        [BILL, COLLECTIVE, TOPIC],
      );
      for (const [ballot, method, options] of [
        [BALLOT, 'yes-no-abstain', null],
        [METHOD_BALLOT, 'approval', JSON.stringify({ options: ['a', 'b', 'c'] })],
      ] as const) {
        await sql.query(
          `insert into ballot (id, collective_id, bill_id, opens_at, closes_at, visibility, mandate_method, mandate_base,
                               deputies, seed, status, method, method_options)
           values ($1, $2, $3, now() - interval '1 day', now() + interval '1 day', 'after-close', 'dhondt', 'cast', 3,
                   $6, 'open', $4, $5)`,
          [ballot, COLLECTIVE, BILL, method, options, `seed-${ballot}`],
        );
      }
      const delegations: [number, string, string | null, number[], string | null][] = [
        [2, 'global', null, [1], null],
        [3, 'global', null, [2, 1], '2030-01-01 10:00:00.123456+00'],
        [3, 'bill', BILL, [5], null],
        [4, 'topic', TOPIC, [41, 6], null],
        [5, 'topic', OTHER_TOPIC, [6], null],
        [6, 'global', null, [], null],
        [8, 'global', null, [9], '2020-01-01 00:00:00+00'],
        [9, 'global', null, [8], null],
        [10, 'topic', TOPIC, [11], '2031-06-01 12:30:00+02'],
        [12, 'global', null, [13, 1, 2], null],
        // delegations of members who are not in the electorate (no voting rights, organiser only)
        [13, 'global', null, [1], null],
        [40, 'bill', BILL, [3], null],
      ];
      for (const [from, scope, target, trustees, expiresAt] of delegations) {
        await sql.query(
          `insert into delegation (id, collective_id, member_id, scope, target, scope_key, trustees, expires_at)
           values (gen_random_uuid(), $1, $2, $3, $4, $5, $6::uuid[], $7)`,
          [
            COLLECTIVE,
            id(from),
            scope,
            target,
            target ? `${scope}:${target}` : scope,
            trustees.map(id),
            expiresAt,
          ],
        );
      }
      await sql.query(
        `insert into vote (id, ballot_id, member_id, choice)
         select gen_random_uuid(), $1, ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
                (array['yes', 'no', 'abstain'])[1 + i % 3]
           from generate_series(1, 30, 3) as i`,
        [BALLOT],
      );
      await sql.query(
        `insert into vote (id, ballot_id, member_id, choice)
         select gen_random_uuid(), $1, ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
                '{"approved":["a"]}'
           from generate_series(1, 30, 5) as i`,
        [METHOD_BALLOT],
      );
    } finally {
      await sql.end();
    }
  });

  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  it.each([
    ['a yes / no / abstain ballot', BALLOT],
    ['a method ballot', METHOD_BALLOT],
  ])('is the pseudonymised snapshot of the record, for %s', async (_name, ballotId) => {
    const at = new Date('2026-12-02T10:00:00.000Z');
    await orm.em.fork().transactional(async (em) => {
      const before = (await loadBallotSnapshot(em, ballotId, at))!;
      const sut = (await loadClosingSnapshot(em, ballotId, at))!;
      const expected = pseudonymise(before);
      expect(JSON.stringify(sut.scenario)).toBe(JSON.stringify(expected));
      expect(canonicalJson(sut.scenario)).toBe(canonicalJson(expected));
      expect(sut.collectiveId).toBe(before.collectiveId);
      expect(sut.pseudonym(id(41))).toBe(before.pseudonym(id(41)));
      expect(sut.method === null).toBe(before.method === null);
      if (before.method) {
        expect(sut.method!.spec).toEqual(before.method.spec);
        expect([...sut.method!.ballots]).toEqual([...pseudonymiseBallots(before)]);
      }
      // the fixture has what it should: an outsider, an expiry, a topic delegation, a cap, votes
      expect(expected.delegations.some((d) => d.expiresAt)).toBe(true);
      expect(expected.delegations.some((d) => d.topic === TOPIC)).toBe(true);
      expect(expected.cap).toEqual({ maxShare: 0.25 });
      expect(expected.votes.length).toBeGreaterThan(5);
    });
  });

  it('is null for a ballot that does not exist', async () => {
    await orm.em.fork().transactional(async (em) => {
      expect(await loadClosingSnapshot(em, id(0xdead), new Date())).toBeNull();
    });
  });
});
