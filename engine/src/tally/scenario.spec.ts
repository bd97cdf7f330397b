import { parseScenario, ScenarioError } from './scenario';

const valid = {
  members: [{ id: 'a', weight: 1.5, active: true }, { id: 'b' }],
  bill: { id: 'b1', topic: 'health' },
  delegations: [{ from: 'a', scope: 'topic', topic: 'health', to: ['b'], expiresAt: '2026-12-01T00:00:00Z' }],
  votes: [{ member: 'b', choice: 'yes' }],
  mandate: { deputies: 5, method: 'dhondt', base: 'members', seed: 'abc' },
  cap: { maxShare: 0.05 },
  at: '2026-11-30T18:00:00Z',
};

function messageOf(input: unknown): string {
  try {
    parseScenario(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).message;
  }
  throw new Error('expected a ScenarioError');
}

describe(parseScenario.name, () => {
  it('accepts the format of the issue', () => {
    expect(parseScenario(valid)).toEqual(valid);
  });

  it.each([
    [
      'a non-positive weight',
      { members: [{ id: 'a' }, { id: 'b', weight: -1 }] },
      'members[1].weight: must be a positive number',
    ],
    [
      'too many decimals',
      { members: [{ id: 'a', weight: 0.1234567 }] },
      'members[0].weight: must have at most 6 decimal places',
    ],
    [
      'a duplicate member',
      { members: [{ id: 'a' }, { id: 'a' }] },
      'members[1].id: must be unique ("a" appears earlier)',
    ],
    ['a missing bill', { bill: undefined }, 'bill: is required'],
    [
      'an unknown scope',
      { delegations: [{ from: 'a', scope: 'world', to: [] }] },
      'delegations[0].scope: must be one of "global", "topic", "bill"',
    ],
    [
      'a topic delegation without topic',
      { delegations: [{ from: 'a', scope: 'topic', to: [] }] },
      'delegations[0].topic: is required when scope is "topic"',
    ],
    [
      'a topic on a global delegation',
      { delegations: [{ from: 'a', scope: 'global', topic: 't', to: [] }] },
      'delegations[0].topic: must be absent unless scope is "topic"',
    ],
    [
      'a repeated trustee',
      { delegations: [{ from: 'a', scope: 'global', to: ['b', 'b'] }] },
      'delegations[0].to[1]: must not repeat a trustee ("b")',
    ],
    [
      'a bad choice',
      { votes: [{ member: 'a', choice: 'maybe' }] },
      'votes[0].choice: must be one of "yes", "no", "abstain"',
    ],
    [
      'a date without time zone',
      { at: '2026-11-30T18:00:00' },
      'at: must be an ISO 8601 date-time with a time zone',
    ],
    ['a share above 1', { cap: { maxShare: 1.5 } }, 'cap.maxShare: must be at most 1'],
    [
      'no deputies',
      { mandate: { deputies: 0, seed: 's' } },
      'mandate.deputies: must be an integer from 1 to 100000 or a non-empty list of deputy ids',
    ],
    [
      'a misspelt field',
      { members: [{ id: 'a', wieght: 2 }] },
      'members[0].wieght: is not a field of scenario format v1',
    ],
    ['a string weight', { members: [{ id: 'a', weight: '2' }] }, 'members[0].weight: must be a number'],
  ])('names the field and the rule for %s', (_, change, message) => {
    expect(messageOf({ ...valid, ...change })).toContain(message);
  });

  it('says what the whole input must be', () => {
    expect(messageOf(42)).toBe('scenario: must be an object');
  });
});

describe('parseScenario on a negative weight', () => {
  it('names the broken rule once, not a decimals rule it does not break', () => {
    const message = messageOf({ ...valid, members: [{ id: 'a', weight: -1 }] });
    expect(message).toContain('members[0].weight: must be a positive number');
    expect(message).not.toContain('decimal');
  });
});
