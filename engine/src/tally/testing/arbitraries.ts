import fc from 'fast-check';
import { type DelegationV1, type MemberV1, type ScenarioV1 } from '../scenario';
import { type Choice, type Scope } from '../types';

/** Member ids used by the generated scenarios. */
export const MEMBER_IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
/** Ids that are never members (trustees or voters outside the ballot). */
export const OUTSIDER_IDS = ['x', 'y'];
/** Points in time used for `at`, `expiresAt` and clock moves, in increasing order. */
export const TIMES = [
  '2026-11-29T00:00:00Z',
  '2026-11-30T00:00:00Z',
  '2026-12-01T00:00:00Z',
  '2026-12-02T00:00:00Z',
];
/** Topics; the bill's topic is `t1` (or none). */
export const TOPICS = ['t1', 't2'];

export const choiceArb: fc.Arbitrary<Choice> = fc.constantFrom('yes', 'no', 'abstain');
export const scopeArb: fc.Arbitrary<Scope> = fc.constantFrom('global', 'topic', 'bill');
const anyIdArb = fc.constantFrom(...MEMBER_IDS, ...OUTSIDER_IDS);
const memberIdArb = fc.constantFrom(...MEMBER_IDS);

/** A delegation entry; `from` may be any member id (or an outsider when `fromOutsiders`). */
export function delegationArb(fromOutsiders = true): fc.Arbitrary<DelegationV1> {
  return fc
    .record({
      from: fromOutsiders ? anyIdArb : memberIdArb,
      scope: scopeArb,
      topic: fc.constantFrom(...TOPICS),
      to: fc.uniqueArray(anyIdArb, { maxLength: 3 }),
      expiresAt: fc.option(fc.constantFrom(...TIMES), { freq: 3 }),
    })
    .map(({ from, scope, topic, to, expiresAt }) => ({
      from,
      scope,
      to,
      ...(scope === 'topic' ? { topic } : {}),
      ...(expiresAt === null ? {} : { expiresAt }),
    }));
}

const memberArb = (id: string): fc.Arbitrary<MemberV1> =>
  fc
    .record({
      weight: fc.option(fc.constantFrom(1, 2, 0.5, 1.25, 3), { freq: 2 }),
      active: fc.option(fc.constantFrom(true, false, true, true), { freq: 2 }),
    })
    .map(({ weight, active }) => ({
      id,
      ...(weight === null ? {} : { weight }),
      ...(active === null ? {} : { active }),
    }));

/** Small scenarios: up to 7 members, outsiders, cycles, all scopes, expiries, an optional cap. */
export function scenarioArb(options: { allMembers?: boolean } = {}): fc.Arbitrary<ScenarioV1> {
  const ids = options.allMembers
    ? fc.constant(MEMBER_IDS)
    : fc.shuffledSubarray(MEMBER_IDS, { minLength: 1 });
  return fc
    .record({
      members: ids.chain((list) => fc.tuple(...list.map(memberArb))),
      topic: fc.option(fc.constant('t1'), { freq: 5 }),
      delegations: fc.array(delegationArb(!options.allMembers), { maxLength: 14 }),
      votes: fc.array(fc.record({ member: anyIdArb, choice: choiceArb }), { maxLength: 6 }),
      cap: fc.option(fc.constantFrom(0.2, 0.34, 0.5, 1), { freq: 3 }),
      at: fc.option(fc.constantFrom(...TIMES.slice(0, 3)), { freq: 3 }),
    })
    .map(({ members, topic, delegations, votes, cap, at }) => ({
      members,
      bill: { id: 'b1', ...(topic === null ? {} : { topic }) },
      delegations,
      votes,
      ...(cap === null ? {} : { cap: { maxShare: cap } }),
      ...(at === null ? {} : { at }),
    }));
}

/** One operation on a live tally. */
export type Operation =
  | { kind: 'cast'; member: string; choice: Choice }
  | { kind: 'withdraw'; member: string }
  | { kind: 'set'; delegation: DelegationV1 }
  | { kind: 'revoke'; from: string; scope: Scope; topic: string }
  | { kind: 'advance'; at: string };

export const operationArb: fc.Arbitrary<Operation> = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('cast' as const), member: memberIdArb, choice: choiceArb }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('withdraw' as const), member: memberIdArb }), weight: 2 },
  {
    arbitrary: fc.record({ kind: fc.constant('set' as const), delegation: delegationArb(false) }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('revoke' as const),
      from: memberIdArb,
      scope: scopeArb,
      topic: fc.constantFrom(...TOPICS),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('advance' as const), at: fc.constantFrom(...TIMES) }),
    weight: 1,
  },
);
