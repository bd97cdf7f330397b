import { AgendaPolicy, decisionOf, reachesQuorum, STATUS_QUO } from '.';

describe('agenda rules', () => {
  it('reaches a quorum at exactly the share asked, never with no support or no electorate', () => {
    expect(reachesQuorum(2, 5, 40)).toBe(true);
    expect(reachesQuorum(1.99, 5, 40)).toBe(false);
    expect(reachesQuorum(0, 5, 0)).toBe(false);
    expect(reachesQuorum(3, 0, 10)).toBe(false);
    expect(reachesQuorum(1, 3, 100 / 3)).toBe(true);
  });

  it('passes the Schulze winner only when it beats the status quo head to head', () => {
    expect(decisionOf({ outcome: { winner: 'a', order: ['a', STATUS_QUO], beatStatusQuo: ['a'] } })).toEqual({
      winner: 'a',
      order: ['a', STATUS_QUO],
    });
    // a Schulze winner through a path, but beaten by the status quo directly: the status quo stays
    expect(decisionOf({ outcome: { winner: 'a', order: ['a', STATUS_QUO], beatStatusQuo: [] } }).winner).toBe(
      STATUS_QUO,
    );
    expect(decisionOf({ outcome: { winner: STATUS_QUO } }).winner).toBe(STATUS_QUO);
  });

  it('fills a policy with LiquidFeedback-like defaults and refuses a quorum above 100 %', () => {
    expect(AgendaPolicy.parse({}).phases).toEqual({
      admission: { quorumPercent: 10, timeLimitSeconds: 30 * 86_400 },
      discussion: { durationSeconds: 14 * 86_400 },
      verification: { durationSeconds: 7 * 86_400, quorumPercent: 10 },
      voting: { durationSeconds: 14 * 86_400 },
    });
    expect(AgendaPolicy.safeParse({ phases: { verification: { quorumPercent: 101 } } }).success).toBe(false);
  });
});
