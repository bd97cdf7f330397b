import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Collective } from '../collectives/collective.entity';
import { Member } from '../members/member.entity';
import { RecordService } from '../record/record.service';
import { sha256Hex } from '../tally/sha256';
import {
  ComplianceLedger,
  type ActualVoteChoice,
  type ComplianceCounts,
  type InstructedChoice,
  type VoteSource,
} from './compliance-rules';
import { VOTE_RECORDED, type SettledFigures, type VoteRecordedPayload } from './compliance-events';
import { ActualVote } from './entities/actual-vote.entity';

/** First key of the per-collective advisory lock that orders compliance writes (figures replay in order). */
const COMPLIANCE_LOCK_NAMESPACE = 1_380_271_501;

/** One actual vote to write. */
export interface ActualVoteWrite {
  readonly ballotId: string;
  readonly billId: string;
  readonly deputy: string;
  readonly vote: ActualVoteChoice;
  readonly source: VoteSource;
  readonly votedOn: string | null;
  readonly rollCallUrl: string | null;
  /** undefined: keep the stored explanation. */
  readonly explanation?: string | null;
  readonly checkedBy?: string;
}

function settled(counts: ComplianceCounts): SettledFigures {
  return { followed: counts.followed, deviated: counts.deviated, absent: counts.absent };
}

/**
 * Writes actual votes and their `compliance.vote_recorded` record events, with the compliance and the
 * settled figures computed from the database under a per-collective lock, so that the record replays them
 * in order (`verifyCompliance`). Call inside the caller's transaction.
 */
@Injectable()
export class ActualVoteWriter {
  constructor(private readonly record: RecordService) {}

  async lock(em: EntityManager, collectiveId: string): Promise<void> {
    await em.execute('select pg_advisory_xact_lock(?, hashtext(?))', [
      COMPLIANCE_LOCK_NAMESPACE,
      collectiveId,
    ]);
  }

  /** The collective's instructions and their checked or declared votes. */
  async ledger(em: EntityManager, collectiveId: string): Promise<ComplianceLedger> {
    const rows = await em.execute<
      {
        ballot_id: string;
        member_id: string;
        choice: InstructedChoice;
        vote: ActualVoteChoice | null;
        source: VoteSource | null;
      }[]
    >(
      `select i.ballot_id, i.member_id, i.choice, v.vote, v.source
       from mandate_instruction i
       left join deputy_actual_vote v on v.ballot_id = i.ballot_id and v.member_id = i.member_id
       where i.collective_id = ?`,
      [collectiveId],
    );
    const ledger = new ComplianceLedger();
    for (const row of rows) {
      ledger.instruct(row.ballot_id, row.member_id, row.choice);
      if (row.vote && row.source) {
        ledger.record(row.ballot_id, row.member_id, row.vote, row.source);
      }
    }
    return ledger;
  }

  /** Writes the votes (after `lock`); returns the record payloads in the order they were appended. */
  async write(
    em: EntityManager,
    collectiveId: string,
    writes: readonly ActualVoteWrite[],
  ): Promise<VoteRecordedPayload[]> {
    const ledger = await this.ledger(em, collectiveId);
    const existing = await em.find(ActualVote, {
      collective: collectiveId,
      $or: writes.map((w) => ({ ballotId: w.ballotId, member: w.deputy })),
    });
    const byKey = new Map(existing.map((v) => [ComplianceLedger.key(v.ballotId, v.member.id), v]));
    const payloads: VoteRecordedPayload[] = [];
    for (const write of writes) {
      const compliance = ledger.record(write.ballotId, write.deputy, write.vote, write.source);
      if (compliance === undefined) {
        throw new Error(`no instruction for deputy ${write.deputy} on ballot ${write.ballotId}`);
      }
      let row = byKey.get(ComplianceLedger.key(write.ballotId, write.deputy));
      if (!row) {
        row = new ActualVote({
          collective: em.getReference(Collective, collectiveId, { wrapped: true }),
          ballotId: write.ballotId,
          billId: write.billId,
          member: em.getReference(Member, write.deputy, { wrapped: true }),
          vote: write.vote,
          source: write.source,
          votedOn: write.votedOn,
          rollCallUrl: write.rollCallUrl,
          explanation: write.explanation ?? null,
        });
        em.persist(row);
      } else {
        row.vote = write.vote;
        row.source = write.source;
        row.votedOn = write.votedOn ?? row.votedOn;
        row.rollCallUrl = write.rollCallUrl ?? row.rollCallUrl;
        if (write.explanation !== undefined) {
          row.explanation = write.explanation;
        }
        row.recordedAt = new Date();
      }
      if (write.checkedBy) {
        row.checkedBy = write.checkedBy;
      }
      const payload: VoteRecordedPayload = {
        ballotId: write.ballotId,
        billId: write.billId,
        deputy: write.deputy,
        vote: write.vote,
        source: write.source,
        votedOn: row.votedOn,
        rollCallUrl: row.rollCallUrl,
        explanationSha256: row.explanation ? sha256Hex(row.explanation) : null,
        compliance,
        figures: { deputy: settled(ledger.figures(write.deputy)), collective: settled(ledger.figures()) },
      };
      await this.record.append(em, collectiveId, VOTE_RECORDED, payload);
      payloads.push(payload);
    }
    await em.flush();
    return payloads;
  }
}
