import { type DelegationV1, type Scope, type ScenarioV1 } from '@liquide/engine/tally';

/** Shape of the benchmark electorate. */
export interface ElectorateShape {
  readonly members: number;
  readonly topics: number;
  /** Share of members voting directly. */
  readonly voting: number;
  /** Share of the other members with an applicable delegation. */
  readonly delegating: number;
  /** PRNG seed, so that every run tallies the same electorate. */
  readonly seed: number;
}

export const DEFAULT_SHAPE: ElectorateShape = {
  members: 1_000_000,
  topics: 20,
  voting: 0.2,
  delegating: 0.8,
  seed: 2026,
};

/** mulberry32: a small seeded PRNG returning numbers in [0, 1). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const memberId = (index: number): string => `m${index}`;

/**
 * Picks trustees like real electorates do: 70 % from a small pool of well-known members (the first 1 %,
 * skewed towards the first ones), 30 % anyone; 1 trustee (50 %), 2 (30 %) or 3 (20 %), all different.
 */
export function trusteePicker(shape: ElectorateShape, random: () => number): (from: number) => string[] {
  const popular = Math.max(1, Math.floor(shape.members / 100));
  return (from) => {
    const roll = random();
    const count = roll < 0.5 ? 1 : roll < 0.8 ? 2 : 3;
    const chosen: number[] = [];
    while (chosen.length < count) {
      const t =
        random() < 0.7 ? Math.floor(popular * random() * random()) : Math.floor(shape.members * random());
      if (t !== from && !chosen.includes(t)) {
        chosen.push(t);
      }
    }
    return chosen.map(memberId);
  };
}

/**
 * A bill on topic `t0` among `topics` topics. Direct voters are drawn at random (well-known members vote
 * more often); of the others, `delegating` have an applicable delegation: global (60 %), on the bill's
 * topic (25 %) or on the bill itself (15 %). On top, 30 % of all members hold topic delegations for other
 * topics, 10 % of the global delegators override it on the topic, 2 % block it with "no delegation here",
 * and 5 % of the entries carry an expiry in the future.
 */
export function generateScenario(shape: ElectorateShape = DEFAULT_SHAPE): ScenarioV1 {
  const random = prng(shape.seed);
  const pickTrustees = trusteePicker(shape, random);
  const popular = Math.max(1, Math.floor(shape.members / 100));
  const members = Array.from({ length: shape.members }, (_, i) => ({ id: memberId(i) }));
  const votes: ScenarioV1['votes'] = [];
  const delegations: DelegationV1[] = [];
  const choices = ['yes', 'no', 'abstain'] as const;
  const delegate = (from: number, scope: Scope, topic?: string, to = pickTrustees(from)): void => {
    const expiresAt = random() < 0.05 ? '2027-01-01T00:00:00Z' : undefined;
    delegations.push({
      from: memberId(from),
      scope,
      ...(topic === undefined ? {} : { topic }),
      to,
      ...(expiresAt ? { expiresAt } : {}),
    });
  };
  // Keep the overall voting share at `voting` while well-known members vote 60 % of the time.
  const popularVoting = 0.6;
  const othersVoting = (shape.voting * shape.members - popularVoting * popular) / (shape.members - popular);
  for (let i = 0; i < shape.members; i++) {
    if (random() < 0.3) {
      delegate(i, 'topic', `t${1 + Math.floor(random() * (shape.topics - 1))}`);
    }
    if (random() < (i < popular ? popularVoting : othersVoting)) {
      votes.push({ member: memberId(i), choice: choices[Math.floor(random() * 3)] });
      if (random() < 0.5) {
        delegate(i, 'global');
      }
      continue;
    }
    if (random() >= shape.delegating) {
      continue;
    }
    const kind = random();
    if (kind < 0.6) {
      delegate(i, 'global');
      const extra = random();
      if (extra < 0.1) {
        delegate(i, 'topic', 't0');
      } else if (extra < 0.12) {
        delegate(i, 'topic', 't0', []);
      }
    } else if (kind < 0.85) {
      delegate(i, 'topic', 't0');
    } else {
      delegate(i, 'bill');
    }
  }
  return {
    members,
    bill: { id: 'bench-bill', topic: 't0' },
    delegations,
    votes,
    at: '2026-11-28T12:00:00Z',
  };
}
