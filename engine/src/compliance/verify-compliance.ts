import { canonicalJson } from '../record/canonical-json';
import {
  ACTUAL_VOTES,
  ComplianceLedger,
  VOTE_SOURCES,
  type ActualVoteChoice,
  type InstructedChoice,
  type VoteSource,
} from './compliance-rules';
import { VOTE_RECORDED, type SettledFigures } from './compliance-events';

/** Record event type of the signed instructions (written by the deputies feature). */
const INSTRUCTIONS_ISSUED = 'mandate.instructions_issued';

export type VerifyComplianceResult =
  | { readonly ok: true; readonly votes: number }
  | { readonly ok: false; readonly position: number; readonly reason: string };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function settled(ledger: ComplianceLedger, deputy?: string): SettledFigures {
  const { followed, deviated, absent } = ledger.figures(deputy);
  return { followed, deviated, absent };
}

/**
 * Replays a record's compliance (run after `verifyRecord`, on the same `liquide-record/1` export): each
 * `mandate.instructions_issued` adds instructions; each `compliance.vote_recorded` must answer an issued
 * instruction, and its `compliance` and `figures` (the deputy's and the collective's settled counts) must be
 * those recomputed from every earlier event. Pure, like `verifyRecord`.
 */
export function verifyCompliance(record: unknown): VerifyComplianceResult {
  const events = isObject(record) && Array.isArray(record.events) ? record.events : [];
  const ledger = new ComplianceLedger();
  let votes = 0;
  for (const event of events) {
    if (!isObject(event) || !isObject(event.payload)) {
      continue;
    }
    const position = typeof event.position === 'number' ? event.position : 0;
    const payload = event.payload;
    if (
      event.type === INSTRUCTIONS_ISSUED &&
      typeof payload.ballotId === 'string' &&
      Array.isArray(payload.instructions)
    ) {
      for (const instruction of payload.instructions) {
        if (
          isObject(instruction) &&
          typeof instruction.deputy === 'string' &&
          typeof instruction.choice === 'string'
        ) {
          ledger.instruct(payload.ballotId, instruction.deputy, instruction.choice as InstructedChoice);
        }
      }
    } else if (event.type === VOTE_RECORDED) {
      const fail = (reason: string): VerifyComplianceResult => ({ ok: false, position, reason });
      const { ballotId, deputy, vote, source } = payload;
      if (
        typeof ballotId !== 'string' ||
        typeof deputy !== 'string' ||
        !ACTUAL_VOTES.includes(vote as ActualVoteChoice) ||
        !VOTE_SOURCES.includes(source as VoteSource)
      ) {
        return fail('a compliance.vote_recorded payload needs ballotId, deputy, vote and source');
      }
      const compliance = ledger.record(ballotId, deputy, vote as ActualVoteChoice, source as VoteSource);
      if (compliance === undefined) {
        return fail(`deputy ${deputy} received no instruction for ballot ${ballotId} earlier in the record`);
      }
      if (payload.compliance !== compliance) {
        return fail(`compliance is "${String(payload.compliance)}", recomputed "${compliance}"`);
      }
      const figures = { deputy: settled(ledger, deputy), collective: settled(ledger) };
      if (canonicalJson(payload.figures ?? null) !== canonicalJson(figures)) {
        return fail(`compliance figures differ from those recomputed: ${canonicalJson(figures)}`);
      }
      votes += 1;
    }
  }
  return { ok: true, votes };
}
