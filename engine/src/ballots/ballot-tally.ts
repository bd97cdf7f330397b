import { methodResultFrom, type MethodScenarioV1, type MethodTallyResult } from '../ballot-methods';
import { LiveTally, type ScenarioV1, type TallyResult } from '../tally';
import { pseudonymise, pseudonymiseBallots, type BallotSnapshot } from './scenario-builder';

/** A ballot counted: the live tally it came from, its result and what the public record keeps of it. */
export interface ComputedBallot {
  readonly live: LiveTally;
  readonly result: TallyResult | MethodTallyResult;
  /** Scenario v1 for yes / no / abstain; a method scenario (docs/tally-rules.md) for the other methods. */
  readonly scenario: ScenarioV1 | MethodScenarioV1;
}

/**
 * Counts a ballot snapshot, pseudonymised for the record or not (a live view with real ids): yes / no /
 * abstain with the tally core alone, a method ballot with the core's weights and the method's count.
 */
export function computeBallot(snapshot: BallotSnapshot, options: { pseudonymised: boolean }): ComputedBallot {
  const core = options.pseudonymised ? pseudonymise(snapshot) : snapshot.scenario;
  const live = new LiveTally(core);
  if (!snapshot.method) {
    return { live, result: live.result(), scenario: core };
  }
  const ballots = options.pseudonymised ? pseudonymiseBallots(snapshot) : snapshot.method.ballots;
  const spec = snapshot.method.spec;
  const { votes, mandate: _mandate, ...who } = core;
  return {
    live,
    result: methodResultFrom(live, ballots, spec),
    scenario: {
      ...who,
      method: spec,
      votes: votes.map((v) => ({ member: v.member, ballot: ballots.get(v.member) })),
    },
  };
}
